import Foundation

/// The search, after damage, for the `<item>` where reading resumes: the bytes not searched yet, and the line
/// and the stream offset they start at.
///
/// It looks for the start tag alone, not for the markup around it (a ``MarkupScanner`` would skip an
/// `<item>` quoted in CDATA or a comment): after damage that state is unknown, as an unclosed quote or
/// section may be the damage itself, and a scanner that guessed it wrong could pass every item that follows.
struct ItemSearch {
    private(set) var bytes: [UInt8] = []
    private(set) var line: Int
    private(set) var streamOffset: Int

    private static let itemTag: [UInt8] = Array("<item".utf8)

    init(line: Int, streamOffset: Int) {
        self.line = line
        self.streamOffset = streamOffset
    }

    mutating func append(_ more: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: more)
    }

    /// The next `<item>` or `<item ` start tag in ``bytes`` from `start`: its index there and its line. Nil
    /// when there is none yet; then all but the last few bytes are dropped (the tag may be cut by the
    /// chunk's end), and the search goes on when more are appended.
    mutating func nextItem(from start: Int) -> (index: Int, line: Int)? {
        guard let found = Self.findItem(in: bytes, from: start) else {
            let dropped = bytes.count - min(bytes.count, Self.itemTag.count)
            line += Self.lineFeeds(in: bytes[0..<dropped])
            bytes.removeFirst(dropped)
            streamOffset += dropped
            return nil
        }
        return (found, line + Self.lineFeeds(in: bytes[0..<found]))
    }

    private static func lineFeeds(in bytes: ArraySlice<UInt8>) -> Int {
        bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    private static func findItem(in bytes: [UInt8], from start: Int) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            var i = start
            while i + itemTag.count < buffer.count {
                guard let found = memchr(buffer.baseAddress! + i, 0x3C, buffer.count - i) else { return nil }
                i = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - buffer.baseAddress!
                guard i + itemTag.count < buffer.count else { return nil }
                if buffer[i + 1] == 0x69, buffer[i + 2] == 0x74, buffer[i + 3] == 0x65, buffer[i + 4] == 0x6D {
                    let next = buffer[i + 5]
                    if next == 0x3E || next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D { return i }
                }
                i += 1
            }
            return nil
        }
    }
}
