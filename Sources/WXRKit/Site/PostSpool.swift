import Foundation

/// Posts put aside until the whole export is known: their links point to items not read yet.
///
/// The first `budget` bytes of them stay in memory; the rest go to an unlinked temporary file, so memory stays
/// bounded however many there are.
final class PostSpool<Item: Codable>: @unchecked Sendable {
    private let lock = NSLock()
    private let budget: Int
    private var held: [Item] = []
    private var heldBytes = 0
    private var descriptor: Int32 = -1
    private var length = 0
    private(set) var count = 0

    init(budget: Int = 16 << 20) {
        self.budget = budget
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Keeps `item`, which takes about `size` bytes.
    func append(_ item: Item, size: Int) throws {
        let isHeld = lock.withLock {
            guard heldBytes + size <= budget else { return false }
            heldBytes += size
            held.append(item)
            count += 1
            return true
        }
        guard !isHeld else { return }
        let data = try JSONEncoder().encode(item)
        var record = withUnsafeBytes(of: UInt64(data.count).littleEndian) { Array($0) }
        record += data
        lock.lock()
        defer { lock.unlock() }
        if descriptor < 0 { try open() }
        try record.withUnsafeBytes { buffer in
            var written = 0
            while written < buffer.count {
                let step = pwrite(descriptor, buffer.baseAddress! + written, buffer.count - written, off_t(length + written))
                guard step > 0 else { throw ExportError.cannotWrite(path: "a temporary file", reason: String(cString: strerror(errno))) }
                written += step
            }
        }
        length += record.count
        count += 1
    }

    /// Every item: those in memory, then those on disk.
    func forEach(_ body: (Item) throws -> Void) throws {
        for item in held { try body(item) }
        guard descriptor >= 0 else { return }
        var offset = 0
        while offset < length {
            let size = Int(UInt64(littleEndian: try read(8, at: offset).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }))
            let bytes = try read(size, at: offset + 8)
            try body(try JSONDecoder().decode(Item.self, from: Data(bytes)))
            offset += 8 + size
        }
    }

    private func read(_ size: Int, at offset: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let step = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, size - done, off_t(offset + done)) }
            guard step > 0 else { throw ExportError.cannotWrite(path: "a temporary file", reason: "re-reading it failed") }
            done += step
        }
        return bytes
    }

    private func open() throws {
        var template = Array("\(FileManager.default.temporaryDirectory.path)/wxr-spool-XXXXXX".utf8CString)
        descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw ExportError.cannotWrite(path: "a temporary file", reason: String(cString: strerror(errno)))
        }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    }
}
