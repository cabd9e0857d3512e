internal import CLibLZMA
import Foundation

/// Xz data decoded as it is read, with liblzma: an `.xml.xz` file or an xz'd standard input.
///
/// Streams that follow one another (`cat a.xz b.xz`) read as one, as `xz -d` reads them. Data that ends
/// inside a stream is reported through ``cutOff``; damaged data (a failed check, an unknown filter) stops the
/// reading with ``ReadError/corruptInput(name:format:reason:)``. Xz is slower to decode than gzip (LZMA2 does
/// more work per byte), and an export that size is read at about the speed of xz itself.
final class XZDecoder: ByteSource {
    private let source: any ByteSource
    private let name: String
    private let stream: UnsafeMutablePointer<lzma_stream>
    private let input: UnsafeMutableRawBufferPointer
    private var consumed = 0
    private var action = LZMA_RUN
    private var isFinished = false
    private var limit = InflationLimit()
    private(set) var cutOff: String?

    private static let inputSize = 1 << 17

    /// Decodes `source`, named `name` in messages.
    init(source: any ByteSource, name: String) throws(ReadError) {
        self.source = source
        self.name = name
        stream = .allocate(capacity: 1)
        stream.initialize(to: wxr_lzma_stream())
        input = .allocate(byteCount: Self.inputSize, alignment: 16)
        guard wxr_lzma_decoder(stream) == LZMA_OK else {
            stream.deallocate()
            input.deallocate()
            throw .ioFailure(reason: "\(name): liblzma could not start decoding (out of memory?)")
        }
    }

    deinit {
        lzma_end(stream)
        stream.deallocate()
        input.deallocate()
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ReadError) -> Int {
        guard !isFinished, let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        stream.pointee.next_out = base.assumingMemoryBound(to: UInt8.self)
        stream.pointee.avail_out = buffer.count
        while stream.pointee.avail_out > 0 && !isFinished {
            if stream.pointee.avail_in == 0 && action == LZMA_RUN { try refill() }
            let status = lzma_code(stream, action)
            switch status {
            case LZMA_OK:
                continue
            case LZMA_STREAM_END:
                isFinished = true
            case LZMA_BUF_ERROR where action == LZMA_FINISH:
                // Told the input is over, liblzma still wanted more: the file was cut off.
                cutOff = "the xz data ends early, after \(consumed) bytes: the file is cut off"
                isFinished = true
            case LZMA_BUF_ERROR:
                continue
            case LZMA_DATA_ERROR, LZMA_FORMAT_ERROR, LZMA_OPTIONS_ERROR:
                throw .corruptInput(name: name, format: .xz, reason: Self.describe(status))
            default:
                throw .ioFailure(reason: "\(name): liblzma failed while decoding (\(Self.describe(status)))")
            }
        }
        let produced = buffer.count - stream.pointee.avail_out
        try limit.record(produced, consumed: consumed, name: name)
        return produced
    }

    private func refill() throws(ReadError) {
        let count = try source.read(into: input)
        if count == 0 {
            // LZMA_CONCATENATED needs to be told where the input ends to tell a clean end from a cut one.
            action = LZMA_FINISH
            return
        }
        consumed += count
        stream.pointee.next_in = UnsafePointer(input.baseAddress!.assumingMemoryBound(to: UInt8.self))
        stream.pointee.avail_in = count
    }

    private static func describe(_ status: lzma_ret) -> String {
        switch status {
        case LZMA_DATA_ERROR: "the compressed data fails its check or is not valid"
        case LZMA_FORMAT_ERROR: "it is not in the xz format"
        case LZMA_OPTIONS_ERROR: "it uses options this liblzma does not support"
        case LZMA_MEM_ERROR: "out of memory"
        default: "status \(status.rawValue)"
        }
    }
}
