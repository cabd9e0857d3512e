/// One entry of a zip read as a stream: its data read from the file between its offset and its compressed
/// size, inflated with zlib's raw inflate when deflated, its CRC-32 checked at the end.
///
/// ZIPFoundation lists the entries (``ZipArchive``); their data is read here rather than through
/// ZIPFoundation's extraction, whose Linux inflate loop (0.9.20) goes on reading past the entry and spins for
/// ever on a deflate stream that does not end: a crafted 38 KB zip hung `wxr stats`. Reading a stretch of
/// the file can do neither. It also needs no thread: inflating runs where the reader reads, on the sanitizer's
/// thread. ``InflationLimit`` stops a decompression bomb: an entry that declares more than 1000 bytes for each
/// compressed one past 100 MB is refused before it is inflated, and one that inflates past the size it
/// declares is stopped there.
final class ZipEntryReader: ByteSource {
    private let content: any ByteSource
    private let name: String
    private let entryName: String
    private let compressedSize: Int
    private let expectedChecksum: UInt32
    private var checksum: UInt32 = 0
    private var limit: InflationLimit
    private var isFinished = false

    /// A reader of the entry `entryName` of the zip at `path`, named `name` in messages: `method` (0 stored,
    /// 8 deflated) from `dataOffset` for `compressedSize` bytes, declaring `declaredSize` bytes and `checksum`.
    init(path: String, entryName: String, method: Int, dataOffset: UInt64, compressedSize: UInt64, declaredSize: UInt64,
         checksum: UInt32, name: String, counter: ByteCounter) throws(ReadError) {
        let declared = Int(clamping: declaredSize), compressed = Int(clamping: compressedSize)
        if method != 0, declared > InflationLimit.ratioFreeOutput, declared / max(compressed, 1) > InflationLimit.maximumRatio {
            throw .decompressionBomb(
                name: name, reason: "it declares \(declared) bytes from \(compressed), \(declared / max(compressed, 1)) for each")
        }
        let data = try FileRangeSource(path: path, offset: dataOffset, length: compressedSize, counter: counter)
        switch method {
        case 0: content = data
        case 8: content = try DeflateDecoder(source: data, name: name, framing: .zipEntry)
        default:
            throw .unreadableZipEntry(path: path, entry: entryName,
                                      reason: "it is compressed with method \(method), neither stored nor deflated")
        }
        self.name = name
        self.entryName = entryName
        self.compressedSize = compressed
        expectedChecksum = checksum
        limit = InflationLimit(declaredSize: declared)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ReadError) -> Int {
        guard !isFinished else { return 0 }
        let count = try content.read(into: buffer)
        guard count == 0 else {
            checksum = DeflateDecoder.crc32(checksum, UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            try limit.record(count, consumed: compressedSize, name: name)
            return count
        }
        isFinished = true
        // Inside an archive whose directory is whole, data that ends early is damage, not a cut-off download.
        if let cutOff = content.cutOff {
            throw .corruptInput(name: name, format: .zip, reason: "\(cutOff) in \(entryName)")
        }
        guard checksum == expectedChecksum else {
            throw .corruptInput(name: name, format: .zip, reason: "the CRC-32 of \(entryName) does not match its data")
        }
        return 0
    }
}
