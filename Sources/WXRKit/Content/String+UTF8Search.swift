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
        guard let first = pattern.first else { return true }
        let found = utf8.withContiguousStorageIfAvailable { haystack -> Bool in
            guard let base = haystack.baseAddress, haystack.count >= pattern.count else { return false }
            var index = 0
            let last = haystack.count - pattern.count
            // memchr finds each candidate first byte; only there are the rest compared.
            while index <= last, let hit = memchr(base + index, Int32(first), last - index + 1) {
                let position = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                if memcmp(base + position, pattern.baseAddress!, pattern.count) == 0 { return true }
                index = position + 1
            }
            return false
        }
        return found ?? String(self).containsBytes(needle)
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
