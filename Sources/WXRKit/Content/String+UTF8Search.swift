#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Byte-level searches for the engine's hot paths: Foundation's `contains` and `range(of:)` go through
/// NSString and UTF-16, several times slower on post-sized text.
extension StringProtocol {
    /// Whether the UTF-8 bytes of `needle` occur in the string.
    func containsBytes(_ needle: StaticString) -> Bool {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        guard !pattern.isEmpty else { return true }
        let found = utf8.withContiguousStorageIfAvailable { haystack -> Bool in
            guard let base = haystack.baseAddress, haystack.count >= pattern.count else { return false }
            // memchr looks for the needle's last byte ("=" of "lang=", ":" of "!-- wp:"), usually rarer in post
            // HTML than its first ("<", " "); only at a hit is the rest compared.
            let anchor = pattern.count - 1
            var index = anchor
            while index < haystack.count, let hit = memchr(base + index, Int32(pattern[anchor]), haystack.count - index) {
                let position = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                if memcmp(base + position - anchor, pattern.baseAddress!, pattern.count) == 0 { return true }
                index = position + 1
            }
            return false
        }
        return found ?? String(self).containsBytes(needle)
    }

    /// The first occurrence of the UTF-8 bytes of `needle`, as string indices; `nil` when there is none.
    func firstRange(ofBytes needle: StaticString) -> Range<Index>? {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        func offset(in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
            guard let base = haystack.baseAddress, !pattern.isEmpty, haystack.count >= pattern.count else { return nil }
            let last = haystack.count - pattern.count
            var index = 0
            while index <= last, let hit = memchr(base + index, Int32(pattern[0]), last + 1 - index) {
                let position = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                if memcmp(base + position, pattern.baseAddress!, pattern.count) == 0 { return position }
                index = position + 1
            }
            return nil
        }
        let found = utf8.withContiguousStorageIfAvailable(offset) ?? Array(utf8).withUnsafeBufferPointer(offset)
        guard let found else { return nil }
        let start = utf8.index(startIndex, offsetBy: found)
        return start..<utf8.index(start, offsetBy: pattern.count)
    }

    /// Whether the UTF-8 byte `byte` occurs in the string (memchr, not a generic sequence walk).
    func containsByte(_ byte: UInt8) -> Bool {
        utf8.withContiguousStorageIfAvailable { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
            return memchr(base, Int32(byte), bytes.count) != nil
        } ?? utf8.contains(byte)
    }

    /// Whether the string is empty or only HTML whitespace (space, tab, newlines, form feed).
    var isBlank: Bool {
        utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x0C }
    }
}
