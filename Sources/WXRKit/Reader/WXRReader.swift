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

    /// The name the reader reports in messages: the path, or `<stdin>`.
    public let inputName: String
    private let input: InputSource

    /// How many bytes of the input have been read so far (ahead of what was parsed); safe from any thread.
    public var bytesRead: Int { input.consumed.load(ordering: .relaxed) }

    /// Opens an export. `"-"` reads standard input.
    /// - Throws: ``ReadError/cannotOpen(path:reason:)`` when the file cannot be opened,
    ///   ``ReadError/emptyInput(name:)`` when it is empty, and ``ReadError/compressedInput(name:format:)`` when
    ///   it is a zip, gzip, xz or bzip2 file.
    public init(path: String) throws(ReadError) {
        let input = try InputSource(path: path)
        self.input = input
        inputName = input.name
        stream = try XMLStream(input: input, name: input.name, assembler: WXRAssembler(), readsAhead: true)
    }

    /// Reads an export already in memory, named `name` in messages.
    /// - Throws: ``ReadError/emptyInput(name:)`` or ``ReadError/compressedInput(name:format:)``, as above.
    public init(bytes: [UInt8], name: String = "<memory>") throws(ReadError) {
        let input = try InputSource(bytes: bytes, name: name)
        self.input = input
        inputName = name
        stream = try XMLStream(input: input, name: name, assembler: WXRAssembler(), readsAhead: false)
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
