import Foundation

/// A stretch of a file read in order: a zip entry's data, between its offset and its compressed size.
///
/// Reading stops at the stretch's end whatever lies after it, so a decoder can never run on into the
/// archive's next entry or its directory.
final class FileRangeSource: ByteSource {
    private let descriptor: Int32
    private let path: String
    private var offset: UInt64
    private let end: UInt64
    private let counter: ByteCounter

    /// Opens `path` to read `length` bytes from `offset`, counting them in `counter`.
    init(path: String, offset: UInt64, length: UInt64, counter: ByteCounter) throws(ReadError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        self.descriptor = descriptor
        self.path = path
        self.offset = offset
        end = offset + length
        self.counter = counter
    }

    deinit {
        close(descriptor)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ReadError) -> Int {
        guard let base = buffer.baseAddress, offset < end else { return 0 }
        let wanted = Int(min(UInt64(buffer.count), end - offset))
        while true {
            let count = pread(descriptor, base, wanted, off_t(offset))
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw .ioFailure(reason: "\(path): \(String(cString: strerror(errno)))") }
            guard count > 0 else {
                throw .corruptInput(name: path, format: .zip, reason: "an entry's data runs past the end of the file")
            }
            offset += UInt64(count)
            counter.add(count)
            return count
        }
    }
}
