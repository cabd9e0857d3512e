import Foundation
import Synchronization

/// A file descriptor read in chunks (a file, or standard input), or bytes already in memory.
final class InputSource {
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private let bytes: [UInt8]?
    private var offset = 0
    /// The first bytes, read when the input is opened to tell what it is, and given out by the first read.
    private var head: [UInt8] = []
    let name: String
    /// Bytes read so far; read from any thread (for progress).
    let consumed = Atomic<Int>(0)

    /// Bytes in memory, read as if from a file called `name`.
    /// - Throws: ``ReadError/emptyInput(name:)`` or ``ReadError/compressedInput(name:format:)``.
    init(bytes: [UInt8], name: String) throws(ReadError) {
        descriptor = -1
        ownsDescriptor = false
        self.bytes = bytes
        self.name = name
        try Self.check(head: bytes.prefix(CompressedFormat.signatureLength), name: name)
    }

    /// Opens `path` for reading; `"-"` is standard input.
    init(path: String) throws(ReadError) {
        if path == "-" {
            descriptor = STDIN_FILENO
            ownsDescriptor = false
            bytes = nil
            name = "<stdin>"
            try readHead()
            return
        }
        var status = stat()
        if stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            throw .cannotOpen(path: path, reason: "it is a directory")
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw .cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        self.descriptor = descriptor
        ownsDescriptor = true
        bytes = nil
        name = path
        try readHead()
    }

    /// Reads the first bytes (standard input too, so they are kept for the first read) and checks them.
    private func readHead() throws(ReadError) {
        head = [UInt8](repeating: 0, count: CompressedFormat.signatureLength)
        let count = try readFromDescriptor(into: &head, from: 0)
        head.removeSubrange(count...)
        try Self.check(head: head, name: name)
    }

    /// An empty file or a compressed one is refused before parsing, with an error that says what it is.
    private static func check(head: some Collection<UInt8>, name: String) throws(ReadError) {
        if head.isEmpty { throw .emptyInput(name: name) }
        if let format = CompressedFormat(leadingBytes: head) { throw .compressedInput(name: name, format: format) }
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// Fills `buffer` from the start; returns the number of bytes read, 0 at the end of input.
    func read(into buffer: inout [UInt8]) throws(ReadError) -> Int {
        let capacity = buffer.count
        if let bytes {
            let count = min(capacity, bytes.count - offset)
            buffer.replaceSubrange(0..<count, with: bytes[offset..<(offset + count)])
            offset += count
            consumed.add(count, ordering: .relaxed)
            return count
        }
        var total = 0
        if !head.isEmpty {
            total = min(capacity, head.count)
            buffer.replaceSubrange(0..<total, with: head[0..<total])
            head.removeSubrange(0..<total)
        }
        total = try readFromDescriptor(into: &buffer, from: total)
        consumed.add(total, ordering: .relaxed)
        return total
    }

    /// Fills `buffer` from `start` to its end, or to the end of input; returns where the bytes end.
    private func readFromDescriptor(into buffer: inout [UInt8], from start: Int) throws(ReadError) -> Int {
        let capacity = buffer.count
        var total = start
        while total < capacity {
            let count = buffer.withUnsafeMutableBytes { raw in
                Foundation.read(descriptor, raw.baseAddress! + total, capacity - total)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw .ioFailure(reason: "\(name): \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            total += count
        }
        return total
    }
}
