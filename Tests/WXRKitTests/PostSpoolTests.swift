import Foundation
import Testing
@testable import WXRKit

/// Posts put aside until the end of the export: held in memory up to a budget, on disk beyond it, and read back
/// as they were, in order, with their notes.
@Suite struct PostSpoolTests {
    struct Blob: Spoolable, Equatable {
        var bytes: [UInt8]
        func spooled() -> [UInt8] { bytes }
        init(bytes: [UInt8]) { self.bytes = bytes }
        init(spooled: [UInt8]) throws { bytes = spooled }
    }

    static func blob(_ index: Int) -> Blob {
        Blob(bytes: (0..<(100 + index % 50)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ index) })
    }

    @Test(arguments: [0, 1_000, 1 << 20])
    func whatGoesInComesBackInOrder(budget: Int) throws {
        let spool = PostSpool<Int, Blob>(budget: budget)
        for index in 0..<500 {
            let blob = Self.blob(index)
            try spool.append(blob, note: index, size: blob.bytes.count)
        }
        #expect(spool.count == 500)
        var seen: [Int] = []
        var mismatched: [Int] = []
        try spool.forEach { note, item in
            if try item() != Self.blob(note) { mismatched.append(note) }
            seen.append(note)
        }
        #expect(mismatched.isEmpty)
        #expect(seen == Array(0..<500))
    }

    /// An item is read back only when asked for: a note alone costs no read.
    @Test func itemsAreReadOnlyWhenAsked() throws {
        struct Counting: Spoolable {
            nonisolated(unsafe) static var reads = 0
            var bytes: [UInt8]
            func spooled() -> [UInt8] { bytes }
            init(bytes: [UInt8]) { self.bytes = bytes }
            init(spooled: [UInt8]) throws { Self.reads += 1; bytes = spooled }
        }
        let spool = PostSpool<Int, Counting>(budget: 0)
        for index in 0..<10 { try spool.append(Counting(bytes: [UInt8(index)]), note: index, size: 1) }
        var read: [UInt8] = []
        try spool.forEach { note, item in
            if note % 3 == 0 { read += try item().bytes }
        }
        #expect(read == [0, 3, 6, 9])
        #expect(Counting.reads == 4)
    }
}
