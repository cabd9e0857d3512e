import Foundation
import Synchronization

/// A file descriptor read in chunks (a file, or standard input), or bytes already in memory.
final class InputSource {
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private let bytes: [UInt8]?
    private var offset = 0
    let name: String
    /// Bytes read so far; read from any thread (for progress).
    let consumed = Atomic<Int>(0)

    /// Bytes in memory, read as if from a file called `name`.
    init(bytes: [UInt8], name: String) {
        descriptor = -1
        ownsDescriptor = false
        self.bytes = bytes
        self.name = name
    }

    /// Opens `path` for reading; `"-"` is standard input.
    init(path: String) throws(ReadError) {
        if path == "-" {
            descriptor = STDIN_FILENO
            ownsDescriptor = false
            bytes = nil
            name = "<stdin>"
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
        consumed.add(total, ordering: .relaxed)
        return total
    }
}
