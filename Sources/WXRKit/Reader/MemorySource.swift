/// Bytes already in memory, read as if from a file.
final class MemorySource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0
    private let counter: ByteCounter

    init(bytes: [UInt8], counter: ByteCounter) {
        self.bytes = bytes
        self.counter = counter
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ReadError) -> Int {
        let count = min(buffer.count, bytes.count - offset)
        buffer.copyBytes(from: bytes[offset..<(offset + count)])
        offset += count
        counter.add(count)
        return count
    }
}
