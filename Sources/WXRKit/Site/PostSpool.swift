import Foundation

/// Posts put aside until the whole export is known, each with a small note of what it waits for.
///
/// Notes stay in memory; the posts themselves too up to `budget` bytes, then in an unlinked temporary file,
/// so memory stays bounded however many there are. A post is read back only when asked for.
final class PostSpool<Note, Item: Spoolable>: @unchecked Sendable {
    private enum Place {
        /// Boxed, so that an entry on disk takes a few bytes rather than a whole post's.
        indirect case memory(Item)
        case disk(offset: Int, length: Int)
    }

    // Guarded by `lock`.
    private let lock = NSLock()
    private var entries: [(note: Note, place: Place)] = []
    private var heldBytes = 0
    private var descriptor: Int32 = -1
    private var length = 0
    private let budget: Int

    init(budget: Int = 4 << 20) {
        self.budget = budget
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    var count: Int { lock.withLock { entries.count } }

    /// Keeps `item`, which takes about `size` bytes, with its note.
    func append(_ item: Item, note: Note, size: Int) throws {
        let isHeld = lock.withLock {
            guard heldBytes + size <= budget else { return false }
            heldBytes += size
            entries.append((note, .memory(item)))
            return true
        }
        guard !isHeld else { return }
        let data = item.spooled()
        lock.lock()
        defer { lock.unlock() }
        if descriptor < 0 { try open() }
        try data.withUnsafeBytes { buffer in
            var written = 0
            while written < buffer.count {
                let step = pwrite(descriptor, buffer.baseAddress! + written, buffer.count - written, off_t(length + written))
                guard step > 0 else { throw ExportError.cannotWrite(path: "a temporary file", reason: String(cString: strerror(errno))) }
                written += step
            }
        }
        entries.append((note, .disk(offset: length, length: data.count)))
        length += data.count
    }

    /// Every note, with a way to read its item back.
    func forEach(_ body: (Note, () throws -> Item) throws -> Void) throws {
        for (note, place) in lock.withLock({ entries }) {
            try body(note) {
                switch place {
                case .memory(let item): return item
                case .disk(let offset, let length): return try Item(spooled: try read(length, at: offset))
                }
            }
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

/// What a ``PostSpool`` can put on disk.
protocol Spoolable {
    func spooled() -> [UInt8]
    init(spooled: [UInt8]) throws
}
