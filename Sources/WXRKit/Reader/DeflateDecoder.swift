internal import CLibZ
import Foundation

/// Deflate data inflated as it is read, with zlib: gzip (an `.xml.gz` file or a gzipped standard input) or
/// the raw deflate data of a zip entry.
///
/// Gzip members follow one another as one stream (what `cat a.gz b.gz` makes, and what `gzip` itself reads
/// back as one file); bytes after the last member that do not start another are ignored, as `gzip -d` does
/// (zeros padded on by some copy tools). Data that ends inside a member is reported through ``cutOff``;
/// damaged data (a failed CRC or length check, an impossible code) stops the reading with
/// ``ReadError/corruptInput(name:format:reason:)``. A zip entry is one deflate stream, with no header or
/// check of its own: ``ZipEntryReader`` checks its CRC.
final class DeflateDecoder: ByteSource {
    /// What surrounds the deflate data.
    enum Framing {
        /// Gzip members: a header and a CRC-checked trailer each.
        case gzip
        /// Nothing: a zip entry's data.
        case zipEntry
    }

    private let source: any ByteSource
    private let name: String
    private let framing: Framing
    /// zlib's state points back at its stream, so the stream must never move: it lives on the heap.
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutableRawBufferPointer
    private var consumed = 0
    private var isSourceExhausted = false
    private var isBetweenMembers = false
    private var isFinished = false
    private var limit = InflationLimit()
    private(set) var cutOff: String?

    /// Compressed bytes are read from `source` this many at a time.
    private static let inputSize = 1 << 17

    /// Inflates `source`, named `name` in messages.
    init(source: any ByteSource, name: String, framing: Framing) throws(ReadError) {
        self.source = source
        self.name = name
        self.framing = framing
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        input = .allocate(byteCount: Self.inputSize, alignment: 16)
        // A window of 32 KB (15); + 16 reads a gzip header and trailer, negative reads raw deflate.
        guard wxr_inflate_init(stream, framing == .gzip ? 15 + 16 : -15) == Z_OK else {
            stream.deallocate()
            input.deallocate()
            throw .ioFailure(reason: "\(name): zlib could not start inflating (out of memory?)")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        input.deallocate()
    }

    /// The CRC-32 of `bytes` continued from `crc`, as zip and gzip compute it (zlib's, which is fast).
    static func crc32(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = bytes.baseAddress else { return crc }
        return UInt32(CLibZ.crc32(UInt(crc), base.assumingMemoryBound(to: Bytef.self), UInt32(bytes.count)))
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ReadError) -> Int {
        guard !isFinished, let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        stream.pointee.next_out = base.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = UInt32(clamping: buffer.count)
        let capacity = Int(stream.pointee.avail_out)
        while stream.pointee.avail_out > 0 && !isFinished {
            if stream.pointee.avail_in == 0 && !isSourceExhausted { try refill() }
            if stream.pointee.avail_in == 0 && isSourceExhausted {
                // Between members is a clean end; inside one, the data was cut off.
                if !isBetweenMembers { cutOff = "the \(framing == .gzip ? "gzip" : "deflate") data ends early, after \(consumed) bytes" }
                isFinished = true
                break
            }
            let wasBetweenMembers = isBetweenMembers
            let status = inflate(stream, Z_NO_FLUSH)
            switch status {
            case Z_OK, Z_BUF_ERROR:
                isBetweenMembers = false
            case Z_STREAM_END where framing == .zipEntry:
                isBetweenMembers = true
                isFinished = true
            case Z_STREAM_END:
                // One member done; another may follow, and reads as more of the same stream.
                isBetweenMembers = true
                inflateReset(stream)
            case Z_DATA_ERROR where wasBetweenMembers:
                // Not the header of another member: trailing bytes, ignored as gzip ignores them.
                isFinished = true
            case Z_DATA_ERROR:
                let reason = stream.pointee.msg.map { String(cString: $0) } ?? "invalid data"
                throw .corruptInput(name: name, format: framing == .gzip ? .gzip : .zip, reason: reason)
            default:
                throw .ioFailure(reason: "\(name): zlib failed while inflating (status \(status))")
            }
        }
        let produced = capacity - Int(stream.pointee.avail_out)
        try limit.record(produced, consumed: consumed, name: name)
        return produced
    }

    private func refill() throws(ReadError) {
        let count = try source.read(into: input)
        if count == 0 {
            isSourceExhausted = true
            return
        }
        consumed += count
        stream.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_in = UInt32(count)
    }
}
