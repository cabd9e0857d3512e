import Foundation
import Synchronization

/// A file written under a temporary name beside its target and renamed into place only when complete.
///
/// Bytes are buffered and written in large chunks. Until ``commit()``, the target is untouched; ``discard()``
/// (or a signal, through ``removeTemporaryFiles()``) removes the temporary file. For standard output the
/// bytes are spooled to a temporary file and copied out on commit, so a failed run prints nothing.
public final class OutputFile {
    private let target: OutputTarget
    /// The temporary file being written.
    public let temporaryPath: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private var isClosed = false
    private static let flushSize = 1 << 20

    /// The bytes written so far, buffered ones included.
    public private(set) var offset = 0

    /// Creates the temporary file.
    /// - Throws: ``ExportError/outputExists(path:)`` when the target exists and may not be replaced.
    public init(target: OutputTarget) throws(ExportError) {
        self.target = target
        let directory: String
        let base: String
        switch target {
        case .file(let path, let replacing):
            if !replacing, FileManager.default.fileExists(atPath: path) { throw .outputExists(path: path) }
            let url = URL(fileURLWithPath: path)
            directory = url.deletingLastPathComponent().path
            base = url.lastPathComponent
        case .standardOutput:
            directory = FileManager.default.temporaryDirectory.path
            base = "wxr-stdout"
        }
        var template = Array("\(directory)/.\(base).wxr-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw .cannotWrite(path: directory, reason: String(cString: strerror(errno)))
        }
        self.descriptor = descriptor
        temporaryPath = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        buffer.reserveCapacity(Self.flushSize + 4096)
        Self.pending.withLock { _ = $0.insert(temporaryPath) }
    }

    deinit {
        if !isClosed { discard() }
    }

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

    public func flush() throws(ExportError) {
        var written = 0
        while written < buffer.count {
            let count = buffer.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .cannotWrite(path: targetDescription, reason: String(cString: strerror(errno)))
            }
            written += count
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, closes, and puts the file in place.
    public func commit() throws(ExportError) {
        try flush()
        guard !isClosed else { return }
        isClosed = true
        defer { Self.pending.withLock { _ = $0.remove(temporaryPath) } }
        switch target {
        case .file(let path, let replacing):
            if fsync(descriptor) != 0 || close(descriptor) != 0 {
                let reason = String(cString: strerror(errno))
                unlink(temporaryPath)
                throw .cannotWrite(path: path, reason: reason)
            }
            fchmodDefault(temporaryPath)
            // link() refuses to replace, so a file that appeared meanwhile is not clobbered.
            let moved = replacing ? rename(temporaryPath, path) == 0 : link(temporaryPath, path) == 0 && unlink(temporaryPath) == 0
            if !moved {
                let reason = errno == EEXIST ? "it already exists (use --force to replace it)" : String(cString: strerror(errno))
                unlink(temporaryPath)
                throw .cannotWrite(path: path, reason: reason)
            }
        case .standardOutput:
            defer {
                close(descriptor)
                unlink(temporaryPath)
            }
            guard lseek(descriptor, 0, SEEK_SET) == 0 else {
                throw .cannotWrite(path: "standard output", reason: String(cString: strerror(errno)))
            }
            try Self.copy(from: descriptor, to: STDOUT_FILENO, name: "standard output")
        }
    }

    /// Closes and removes the temporary file; the target is left as it was.
    public func discard() {
        guard !isClosed else { return }
        isClosed = true
        close(descriptor)
        unlink(temporaryPath)
        Self.pending.withLock { _ = $0.remove(temporaryPath) }
    }

    /// Copies everything written so far (after a flush) from byte `start` up to `end` into `other`.
    public func copy(from start: Int, to end: Int, into other: OutputFile) throws(ExportError) {
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

    private static func copy(from source: Int32, to destination: Int32, name: String) throws(ExportError) {
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(source, $0.baseAddress!, $0.count) }
            if count == 0 { return }
            guard count > 0 else { throw .cannotWrite(path: name, reason: String(cString: strerror(errno))) }
            var written = 0
            while written < count {
                let step = chunk.withUnsafeBytes { Foundation.write(destination, $0.baseAddress! + written, count - written) }
                guard step > 0 else { throw .cannotWrite(path: name, reason: String(cString: strerror(errno))) }
                written += step
            }
        }
    }

    /// mkstemp creates files readable by the owner only; give the result the usual permissions.
    private func fchmodDefault(_ path: String) {
        let mask = umask(0)
        umask(mask)
        chmod(path, 0o666 & ~mask)
    }

    /// Temporary files not yet committed or discarded, for removal when the process is interrupted.
    private static let pending = Mutex<Set<String>>([])

    /// Removes every temporary file still open: call it when the process is interrupted.
    public static func removeTemporaryFiles() {
        pending.withLock { paths in
            for path in paths { unlink(path) }
            paths.removeAll()
        }
    }
}
