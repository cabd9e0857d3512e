import Foundation

/// A zip's central directory, read for what ZIPFoundation keeps to itself: where each entry's local header
/// is, its compression method, and whether it is encrypted (ZIPFoundation ends its listing at an encrypted
/// entry without a word).
///
/// A zip is read from its end: the end record (in the last 64 KB) says where the directory is, and the
/// directory lists the entries. Looking for the end record first also turns a cut-off download into a clear
/// error at once, where ZIPFoundation would search the whole file for it a byte at a time.
struct ZipDirectory {
    /// One entry as the directory lists it.
    struct Record {
        /// The name's bytes read as UTF-8 (for messages and matching; ZIPFoundation decodes code page 437 too).
        let name: String
        let isEncrypted: Bool
        /// 0 stored, 8 deflated; anything else is a method wxr cannot read.
        let method: Int
        let compressedSize: UInt64
        let localHeaderOffset: UInt64
    }

    let records: [Record]
    private let path: String

    private static let endSignature: [UInt8] = [0x50, 0x4B, 0x05, 0x06]
    private static let zip64LocatorSignature: [UInt8] = [0x50, 0x4B, 0x06, 0x07]
    /// A directory larger than this is not an export's (which lists a few files): refused rather than read.
    private static let largestDirectory: UInt64 = 64 << 20

    /// Reads the directory of the zip at `path`.
    /// - Throws: ``ReadError/corruptInput(name:format:reason:)`` when there is no end record (the file is cut
    ///   off) or the directory is damaged.
    init(path: String) throws(ReadError) {
        self.path = path
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        defer { try? handle.close() }
        let size = try Self.size(of: handle, path: path)
        // The end record is 22 bytes and a comment of at most 65,535.
        let tailStart = size - min(size, 22 + 0xFFFF)
        let tail = try Self.read(handle, at: tailStart, count: Int(size - tailStart), path: path)
        var end = tail.count - 22
        while end >= 0, !tail[end...].starts(with: Self.endSignature) { end -= 1 }
        guard end >= 0 else {
            throw Self.damaged(path, "its directory, which ends a zip, is missing: the file is cut off or not a zip")
        }
        var count = UInt64(Self.integer(tail, at: end + 10, size: 2))
        var directorySize = Self.integer(tail, at: end + 12, size: 4)
        var directoryOffset = Self.integer(tail, at: end + 16, size: 4)
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            // ZIP64: a locator just before the end record points at a record with 64-bit fields.
            guard end >= 20, tail[(end - 20)...].starts(with: Self.zip64LocatorSignature) else {
                throw Self.damaged(path, "its ZIP64 end record is missing")
            }
            let record = try Self.read(handle, at: Self.integer(tail, at: end - 20 + 8, size: 8), count: 56, path: path)
            guard record.count == 56, record.starts(with: [0x50, 0x4B, 0x06, 0x06]) else {
                throw Self.damaged(path, "its ZIP64 end record is not where its locator says")
            }
            count = Self.integer(record, at: 32, size: 8)
            directorySize = Self.integer(record, at: 40, size: 8)
            directoryOffset = Self.integer(record, at: 48, size: 8)
        }
        guard directorySize <= Self.largestDirectory, directoryOffset + directorySize <= size else {
            throw Self.damaged(path, "its directory is larger than the file, or than any export's")
        }
        let directory = try Self.read(handle, at: directoryOffset, count: Int(directorySize), path: path)
        var records: [Record] = []
        var position = 0
        while records.count < count {
            // A directory record: 46 fixed bytes, then the name, the extra field and the comment.
            guard position + 46 <= directory.count,
                  directory[position...].starts(with: [0x50, 0x4B, 0x01, 0x02]) else {
                throw Self.damaged(path, "its directory is damaged at entry \(records.count + 1) of \(count)")
            }
            let nameLength = Int(Self.integer(directory, at: position + 28, size: 2))
            let extraLength = Int(Self.integer(directory, at: position + 30, size: 2))
            let commentLength = Int(Self.integer(directory, at: position + 32, size: 2))
            let next = position + 46 + nameLength + extraLength + commentLength
            guard next <= directory.count else {
                throw Self.damaged(path, "its directory is damaged at entry \(records.count + 1) of \(count)")
            }
            let extra = Array(directory[(position + 46 + nameLength)..<(position + 46 + nameLength + extraLength)])
            var compressedSize = Self.integer(directory, at: position + 20, size: 4)
            var offset = Self.integer(directory, at: position + 42, size: 4)
            // ZIP64 values come in a fixed order, each only when its 32-bit field is 0xFFFFFFFF.
            var zip64 = Self.zip64Values(in: extra)
            if Self.integer(directory, at: position + 24, size: 4) == 0xFFFF_FFFF, !zip64.isEmpty { zip64.removeFirst() }
            if compressedSize == 0xFFFF_FFFF, !zip64.isEmpty { compressedSize = zip64.removeFirst() }
            if offset == 0xFFFF_FFFF, !zip64.isEmpty { offset = zip64.removeFirst() }
            records.append(Record(
                name: String(decoding: directory[(position + 46)..<(position + 46 + nameLength)], as: UTF8.self),
                isEncrypted: Self.integer(directory, at: position + 8, size: 2) & 1 != 0,
                method: Int(Self.integer(directory, at: position + 10, size: 2)),
                compressedSize: compressedSize, localHeaderOffset: offset))
            position = next
        }
        self.records = records
    }

    /// Where `record`'s data starts: after its local header, whose name and extra field may differ in length
    /// from the directory's.
    func dataOffset(of record: Record) throws(ReadError) -> UInt64 {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        defer { try? handle.close() }
        let header = try Self.read(handle, at: record.localHeaderOffset, count: 30, path: path)
        guard header.count == 30, header.starts(with: [0x50, 0x4B, 0x03, 0x04]) else {
            throw Self.damaged(path, "the local header of \(record.name) is not where the directory says")
        }
        return record.localHeaderOffset + 30 + Self.integer(header, at: 26, size: 2) + Self.integer(header, at: 28, size: 2)
    }

    /// The 64-bit values of the ZIP64 extra field (id 1) among `extra`'s fields.
    private static func zip64Values(in extra: [UInt8]) -> [UInt64] {
        var position = 0
        while position + 4 <= extra.count {
            let id = integer(extra, at: position, size: 2), length = Int(integer(extra, at: position + 2, size: 2))
            guard position + 4 + length <= extra.count else { return [] }
            if id == 1 {
                return stride(from: 0, to: length - 7, by: 8).map { integer(extra, at: position + 4 + $0, size: 8) }
            }
            position += 4 + length
        }
        return []
    }

    /// The little-endian integer of `size` bytes at `offset`.
    private static func integer(_ bytes: [UInt8], at offset: Int, size: Int) -> UInt64 {
        (0..<size).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << (8 * $1) }
    }

    private static func size(of handle: FileHandle, path: String) throws(ReadError) -> UInt64 {
        do { return try handle.seekToEnd() } catch { throw .ioFailure(reason: "\(path): \(error.localizedDescription)") }
    }

    private static func read(_ handle: FileHandle, at offset: UInt64, count: Int, path: String) throws(ReadError) -> [UInt8] {
        do {
            try handle.seek(toOffset: offset)
            return [UInt8](try handle.read(upToCount: count) ?? Data())
        } catch {
            throw .ioFailure(reason: "\(path): \(error.localizedDescription)")
        }
    }

    private static func damaged(_ path: String, _ reason: String) -> ReadError {
        .corruptInput(name: path, format: .zip, reason: reason)
    }
}
