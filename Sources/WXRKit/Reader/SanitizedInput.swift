import Foundation

/// The input, read and sanitized a few chunks ahead of the parser, on a thread of its own.
///
/// Sanitizing every byte costs about a third of parsing; on a second core it costs the parser nothing but a
/// hand-over per 64 KB. Memory is bounded: at most `depth` chunks wait, and their buffers are reused. Input
/// already in memory is sanitized on the caller's thread instead, chunk by chunk, when asked.
final class SanitizedInput: @unchecked Sendable {
    /// One chunk as the parser gets it: the bytes to parse, the repairs made in them, and the head's verdict.
    struct Chunk {
        var bytes: [UInt8]
        var repairs: [Finding]
        var isLast: Bool
        var declaredEncoding: String?
        var isPassThrough: Bool
        /// On the last chunk, why the input ended early: a compressed file cut off.
        var cutOff: String?
    }

    // The source and the sanitizer are touched by one thread only: the reading thread once started,
    // else the caller's.
    private let source: InputSource
    private var sanitizer = InputSanitizer()
    private var raw: [UInt8]
    private let isConcurrent: Bool
    private var isStarted = false

    private let condition = NSCondition()
    private var ready: [Result<Chunk, ReadError>] = []
    private var spareBuffers: [[UInt8]] = []
    private var isCancelled = false
    private static let depth = 3
    private static let chunkSize = 1 << 16

    init(source: InputSource, isConcurrent: Bool) {
        self.source = source
        self.isConcurrent = isConcurrent
        raw = [UInt8](repeating: 0, count: Self.chunkSize)
    }

    /// The next chunk; after the last one, `isLast` chunks with no bytes.
    func next() throws(ReadError) -> Chunk {
        guard isConcurrent else { return try produce(into: takeSpare()) }
        condition.lock()
        if !isStarted {
            isStarted = true
            let thread = Thread { [self] in run() }
            thread.name = "wxr-sanitize"
            thread.start()
        }
        while ready.isEmpty { condition.wait() }
        let result = ready.removeFirst()
        condition.broadcast()
        condition.unlock()
        return try result.get()
    }

    /// Gives a chunk's buffer back for reuse.
    func recycle(_ buffer: inout [UInt8]) {
        condition.lock()
        if spareBuffers.count < Self.depth + 1 { spareBuffers.append(buffer) }
        condition.unlock()
        buffer = []
    }

    /// Stops the reading thread at its next chunk; what it read is dropped.
    func cancel() {
        condition.lock()
        isCancelled = true
        ready.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    private func takeSpare() -> [UInt8] {
        condition.lock()
        defer { condition.unlock() }
        return spareBuffers.popLast() ?? []
    }

    private func produce(into buffer: [UInt8]) throws(ReadError) -> Chunk {
        var output = buffer
        let count = try source.read(into: &raw)
        raw.withUnsafeBytes { bytes in
            sanitizer.sanitize(UnsafeRawBufferPointer(rebasing: bytes[0..<count]), isLast: count == 0, into: &output)
        }
        return Chunk(bytes: output, repairs: sanitizer.takeFindings(), isLast: count == 0,
                     declaredEncoding: sanitizer.declaredEncoding, isPassThrough: sanitizer.isPassThrough,
                     cutOff: count == 0 ? source.cutOff : nil)
    }

    private func run() {
        while true {
            let result: Result<Chunk, ReadError>
            do {
                result = .success(try produce(into: takeSpare()))
            } catch {
                result = .failure(error)
            }
            condition.lock()
            while ready.count >= Self.depth && !isCancelled { condition.wait() }
            if isCancelled {
                condition.unlock()
                return
            }
            ready.append(result)
            condition.broadcast()
            condition.unlock()
            if case .success(let chunk) = result, !chunk.isLast { continue }
            return
        }
    }
}
