/// Pulls the entities of a WordPress export out of a file or standard input, one at a time.
///
/// The reader streams: it holds one chunk of input and the item being read, so a 1 GB export is read in the
/// same memory as a 1 MB one. It yields the site first, then authors and terms, then every `<item>` in
/// document order.
///
/// ```swift
/// let reader = try WXRReader(path: "export.xml")
/// while let entity = try reader.next() {
///     if case .post(let post) = entity { print(post.title ?? "") }
/// }
/// ```
public final class WXRReader {
    private let stream: XMLStream
    private var log = FindingLog()

    /// The name the reader reports in messages: the path, `<stdin>`, or `site.zip:site.001.xml` for a part.
    public let inputName: String
    private let input: InputSource

    /// How many bytes of the input have been read so far (ahead of what was parsed; compressed bytes for a
    /// compressed input, so that progress is against the file's size); safe from any thread.
    public var bytesRead: Int { input.counter.count }

    /// Opens an export: XML, gzip, xz, or a zip holding one XML file, told by its first bytes. `"-"` reads
    /// standard input (XML, gzip or xz). Nothing is unpacked to disk: compressed input is inflated as it is read.
    /// - Throws: ``ReadError/cannotOpen(path:reason:)`` when the file cannot be opened,
    ///   ``ReadError/emptyInput(name:)`` when it is empty, ``ReadError/severalExportsInZip(path:entries:)``
    ///   for a zip of several parts (read each with ``init(part:)``), and the other errors a damaged or hostile
    ///   archive gets.
    public convenience init(path: String) throws(ReadError) {
        try self.init(part: ExportPart(path: path))
    }

    /// Opens one part of an export, as ``ExportPart/parts(of:)`` lists them.
    /// - Throws: the errors ``init(path:)`` throws.
    public convenience init(part: ExportPart) throws(ReadError) {
        try self.init(input: InputSource(part: part), readsAhead: true)
    }

    /// Reads an export already in memory, named `name` in messages; gzip and xz are inflated.
    /// - Throws: ``ReadError/emptyInput(name:)``, or ``ReadError/compressedInput(name:format:)`` for bzip2
    ///   and zip (read a zip from its file).
    public convenience init(bytes: [UInt8], name: String = "<memory>") throws(ReadError) {
        try self.init(input: InputSource(bytes: bytes, name: name), readsAhead: false)
    }

    private init(input: InputSource, readsAhead: Bool) throws(ReadError) {
        self.input = input
        inputName = input.name
        stream = try XMLStream(input: input, name: input.name, assembler: WXRAssembler(), readsAhead: readsAhead)
    }

    /// The next entity, or `nil` at the end of the export.
    /// - Throws: ``ReadError`` when the input is not XML, not a WordPress export, or cannot be read. Entities
    ///   completed before the error have all been returned by then.
    public func next() throws(ReadError) -> WXREntity? {
        while true {
            if let entity = stream.assembler.popReady() { return entity }
            if let failure = stream.assembler.failure { throw failure }
            if let fatal = stream.fatalError { throw fatal }
            if stream.isFinished { return nil }
            _ = try stream.advance()
        }
    }

    /// The line the reader has reached: useful in messages about what it just returned.
    public var line: Int { stream.line }

    /// What the reader noticed and repaired so far (damaged XML, bytes that are not UTF-8, namespace errors,
    /// values that are not dates or integers...), the first thousand of each code.
    public var findings: [Finding] {
        findingLog.findings
    }

    /// The findings with the count of every code, those past the first thousand included.
    public var findingLog: FindingLog {
        _ = takeNewFindings()
        return log
    }

    /// The findings made since the last call, for a caller that follows them as it reads (a validator): they
    /// come before, or with, the entity they name.
    public func takeNewFindings() -> [Finding] {
        let new = stream.assembler.takeFindings()
        log.add(contentsOf: new)
        return new
    }
}
