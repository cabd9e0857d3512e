import Foundation

/// A file descriptor read as it comes: a file or standard input, compressed or not.
///
/// The first bytes can be looked at before anything is decided (``peek(count:)``): standard input cannot be
/// rewound, so what was looked at is kept and given out first.
final class DescriptorSource: ByteSource {
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private let name: String
    private let counter: ByteCounter
    private var peeked: [UInt8] = []

    /// Reads `descriptor`, named `name` in messages; closes it when done if `ownsDescriptor`.
    init(descriptor: Int32, ownsDescriptor: Bool, name: String, counter: ByteCounter) {
        self.descriptor = descriptor
        self.ownsDescriptor = ownsDescriptor
        self.name = name
        self.counter = counter
    }

    /// Opens `path` for reading; `"-"` is standard input, named `<stdin>`.
    /// - Throws: ``ReadError/cannotOpen(path:reason:)``, with the system's reason or "it is a directory".
    convenience init(path: String, counter: ByteCounter) throws(ReadError) {
        if path == "-" {
            self.init(descriptor: STDIN_FILENO, ownsDescriptor: false, name: "<stdin>", counter: counter)
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
        self.init(descriptor: descriptor, ownsDescriptor: true, name: path, counter: counter)
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// The first `count` bytes (fewer if the input is shorter), which the next reads still return.
    func peek(count: Int) throws(ReadError) -> [UInt8] {
        var head = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            // withUnsafeMutableBytes rethrows untyped errors: the typed one travels in a Result.
            let read = try head.withUnsafeMutableBytes { bytes in
                Result { () throws(ReadError) in
                    try readDescriptor(into: UnsafeMutableRawBufferPointer(rebasing: bytes[filled...]))
                }
            }.get()
            if read == 0 { break }
            filled += read
        }
        head.removeSubrange(filled...)
        peeked = head
        return head
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ReadError) -> Int {
        guard peeked.isEmpty else {
            let count = min(buffer.count, peeked.count)
            buffer.copyBytes(from: peeked[0..<count])
            peeked.removeSubrange(0..<count)
            counter.add(count)
            return count
        }
        let count = try readDescriptor(into: buffer)
        counter.add(count)
        return count
    }

    private func readDescriptor(into buffer: UnsafeMutableRawBufferPointer) throws(ReadError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let count = Foundation.read(descriptor, base, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw .ioFailure(reason: "\(name): \(String(cString: strerror(errno)))")
        }
    }
}
