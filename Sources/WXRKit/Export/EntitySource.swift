/// Where a conversion's entities come from: one export (``WXRReader``) or the parts of one site read as one
/// stream (``PartedExport``).
///
/// ``export(to:progress:)`` drives an exporter from any source the same way: reading on a thread of its own,
/// exporting on the caller's.
///
/// ```swift
/// let source: any EntitySource = paths.count == 1 ? try WXRReader(path: paths[0]) : PartedExport(parts: parts)
/// let summary = try source.export(to: exporter)
/// ```
public protocol EntitySource: AnyObject {
    /// The next entity, or `nil` at the end: the site first, then authors and terms, then posts.
    func next() throws -> WXREntity?
    /// How many bytes of input have been read so far; safe to read from any thread while another reads.
    var bytesRead: Int { get }
    /// What the reading noticed and repaired, with line numbers; complete once ``next()`` has returned `nil`.
    var findings: [Finding] { get }
}

extension WXRReader: EntitySource {}
