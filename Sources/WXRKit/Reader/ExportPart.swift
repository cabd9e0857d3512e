/// One XML document of an export: a file or standard input (compressed or not), or one XML entry of a zip.
///
/// A large site's export comes in parts (`wp export` writes `site.000.xml`, `site.001.xml`…, and
/// WordPress.com zips them together): the parts of one site are read one after the other as one site.
///
/// ```swift
/// for part in try ExportPart.parts(of: "site.zip") {
///     let reader = try WXRReader(part: part)
///     while let entity = try reader.next() { … }
/// }
/// ```
public struct ExportPart: Sendable, Hashable {
    /// The file: an XML file, a gzip or xz file, a zip, or `-` for standard input.
    public let path: String
    /// The XML entry of the zip at ``path`` to read; nil for a file read as a whole.
    public let entry: String?
    /// The name messages give the part: `site.zip:site.001.xml` for a zip's entry, `<stdin>` for standard
    /// input, else the path.
    public var name: String

    /// The part `entry` of the zip at `path`, or with no entry the file at `path` as a whole.
    public init(path: String, entry: String? = nil) {
        self.path = path
        self.entry = entry
        name = entry.map { "\(path):\($0)" } ?? (path == "-" ? "<stdin>" : path)
    }
}

extension ExportPart {
    /// The parts `path` holds: a zip's XML entries (sorted by name, as `wp export` numbers them .000.xml,
    /// .001.xml…), else the file itself. The file is told by its first bytes, not its name; standard input
    /// (`-`) is one part, never listed (a zip cannot be read from a pipe).
    /// - Throws: ``ReadError/cannotOpen(path:reason:)``, and for a zip the errors ``WXRReader/init(part:)``
    ///   would throw on opening it: damaged, no XML in it, an encrypted or unsafe entry.
    public static func parts(of path: String) throws(ReadError) -> [ExportPart] {
        guard path != "-" else { return [ExportPart(path: path)] }
        let leading = try DescriptorSource(path: path, counter: ByteCounter()).peek(count: CompressedFormat.signatureLength)
        guard CompressedFormat(leadingBytes: leading) == .zip else { return [ExportPart(path: path)] }
        return try ZipArchive(path: path).exportEntryNames().map { ExportPart(path: path, entry: $0) }
    }
}
