/// An output format: receives an export as a stream and writes it somewhere.
///
/// A conversion calls `begin(site:)` once, then `write` for each author, term and post in the order the
/// reader yields them, then `finish(findings:)`. If anything fails on the way, it calls `abandon()` instead,
/// and the exporter must leave nothing half-written behind.
///
/// ```swift
/// final class TitleLister: Exporter {
///     func begin(site: Site) throws {}
///     func write(author: Author) throws {}
///     func write(term: Term) throws {}
///     func write(post: Post) throws { print(post.title ?? "") }
///     func finish(findings: [Finding]) throws {}
///     func abandon() {}
/// }
/// try WXRReader(path: "export.xml").export(to: TitleLister())
/// ```
public protocol Exporter: AnyObject {
    func begin(site: Site) throws
    func write(author: Author) throws
    func write(term: Term) throws
    func write(post: Post) throws
    /// Completes the output; `findings` are what the reader noticed, for formats that record them.
    func finish(findings: [Finding]) throws
    /// Removes whatever was written so far.
    func abandon()
}

/// An exporter that notices things of its own while it writes (names that collide, links it could not move),
/// for the validation report.
public protocol FindingReporting: Exporter {
    /// What it noticed; complete after `finish(findings:)`.
    var exportFindings: [Finding] { get }
}

/// What an exporter failed to do.
public enum ExportError: Error, Sendable, Hashable, CustomStringConvertible {
    case outputExists(path: String)
    case cannotWrite(path: String, reason: String)
    case unknownFormat(name: String, known: [String])
    case invalidOption(reason: String)

    public var description: String {
        switch self {
        case .outputExists(let path): "\(path) already exists (use --force to replace it)"
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        case .unknownFormat(let name, let known): "unknown format \"\(name)\" (known: \(known.joined(separator: ", ")))"
        case .invalidOption(let reason): reason
        }
    }
}
