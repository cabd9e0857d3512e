import Foundation

/// A file output: bytes buffered and written in large chunks to a ``StagedOutput`` beside the target, renamed
/// into place only by ``commit()``.
///
/// Until ``commit()`` the target is untouched; ``discard()`` (or an interruption, through the
/// ``StagingRegistry``) removes the staging file. For standard output the bytes are staged in the temporary
/// folder and copied out on commit, so a failed run prints nothing.
///
/// ```swift
/// let file = try StagedFile(target: .file(path: "site.json", replacing: false), staging: registry)
/// try file.write(Array("{}\n".utf8))
/// try file.commit()
/// ```
public final class StagedFile {
    private let target: OutputTarget
    private let staged: StagedOutput
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var isClosed = false
    private static let flushSize = 1 << 20

    /// The bytes written so far, buffered ones included.
    public private(set) var offset = 0

    /// The staging file being written: a SQLite database is built there by SQLite itself.
    public var stagingPath: String { staged.stagingPath }

    /// Stages the file (removing what killed runs left beside the target) and opens it.
    /// - Throws: ``ExportError/outputExists(path:)`` when the target exists and may not be replaced;
    ///   ``ExportError/cannotWrite(path:reason:)`` when the staging file cannot be made.
    public init(target: OutputTarget, staging registry: StagingRegistry) throws(ExportError) {
        self.target = target
        switch target {
        case .file(let path, let replacing):
            staged = try StagedOutput(.file, at: path, replacing: replacing, registry: registry)
        case .standardOutput:
            // Never committed: copied out, then discarded.
            let spool = FileManager.default.temporaryDirectory.appendingPathComponent("wxr-stdout").path
            staged = try StagedOutput(.file, at: spool, replacing: true, registry: registry)
        }
        descriptor = open(staged.stagingPath, O_RDWR | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            let error = FileSystem.failure(staged.stagingPath)
            staged.discard()
            throw error
        }
        buffer.reserveCapacity(Self.flushSize + 4096)
    }

    deinit {
        if !isClosed { discard() }
    }

    /// The target as the user knows it: its path, or "standard output".
    public var targetDescription: String {
        switch target {
        case .file(let path, _): path
        case .standardOutput: "standard output"
        }
    }

    /// Appends bytes.
    public func write(_ bytes: [UInt8]) throws(ExportError) {
        buffer.append(contentsOf: bytes)
        offset += bytes.count
        if buffer.count >= Self.flushSize { try flush() }
    }

    /// Appends bytes and empties `bytes`, keeping its capacity for reuse.
    public func write(draining bytes: inout [UInt8]) throws(ExportError) {
        try write(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    /// Writes the buffered bytes to the staging file.
    public func flush() throws(ExportError) {
        let result = buffer.withUnsafeBytes { bytes in
            Result { () throws(ExportError) in try FileSystem.writeAll(bytes, to: descriptor, path: targetDescription) }
        }
        try result.get()
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, closes, and puts the file in place (or copies it to standard output).
    public func commit() throws(ExportError) {
        try flush()
        guard !isClosed else { return }
        isClosed = true
        switch target {
        case .file:
            guard close(descriptor) == 0 else {
                let error = ExportError.cannotWrite(path: targetDescription, reason: String(cString: strerror(errno)))
                staged.discard()
                throw error
            }
            try staged.commit()
        case .standardOutput:
            defer {
                close(descriptor)
                staged.discard()
            }
            guard lseek(descriptor, 0, SEEK_SET) == 0 else { throw FileSystem.failure(targetDescription) }
            try FileSystem.copyBytes(from: descriptor, sourcePath: targetDescription,
                                     to: STDOUT_FILENO, destinationPath: targetDescription)
        }
    }

    /// Closes and removes the staging file; the target is left as it was.
    public func discard() {
        guard !isClosed else { return }
        isClosed = true
        close(descriptor)
        staged.discard()
    }

    /// Copies everything written so far (after a flush) from byte `start` up to `end` into `other`.
    public func copy(from start: Int, to end: Int, into other: StagedFile) throws(ExportError) {
        try flush()
        var position = start
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while position < end {
            let wanted = min(chunk.count, end - position)
            let count = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, wanted, off_t(position)) }
            guard count > 0 else {
                throw .cannotWrite(path: targetDescription, reason: "re-reading the temporary file failed")
            }
            try other.write(Array(chunk[0..<count]))
            position += count
        }
    }
}
