import Foundation

/// A file descriptor read in chunks: a file, or standard input.
final class InputSource {
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    let name: String

    /// Opens `path` for reading; `"-"` is standard input.
    init(path: String) throws(ReadError) {
        if path == "-" {
            descriptor = STDIN_FILENO
            ownsDescriptor = false
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
        name = path
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// Fills `buffer` from the start; returns the number of bytes read, 0 at the end of input.
    func read(into buffer: inout [UInt8]) throws(ReadError) -> Int {
        let capacity = buffer.count
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
        return total
    }
}
