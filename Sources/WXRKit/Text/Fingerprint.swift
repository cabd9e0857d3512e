/// A 64-bit FNV-1a hash of strings: what the checks that need the whole export keep instead of the strings, so
/// that their memory is 8 bytes a key however long the key.
///
/// Two different keys share a fingerprint with a chance of about n²/2⁶⁵ among n keys: one in thirty million
/// for the million keys of a 270,000-item export. A check that met one would take an unresolved link for a
/// resolved one, or two slugs for one; nothing is written from a fingerprint.
///
/// ```swift
/// var seen: Set<UInt64> = []
/// seen.insert(Fingerprint.of("post", "0", "hello-world"))
/// ```
enum Fingerprint {
    /// The hash of the parts, each followed by a byte that UTF-8 never holds, so that ("ab", "c") and
    /// ("a", "bc") differ.
    static func of(_ parts: String...) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for part in parts {
            for byte in part.utf8 {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            }
            hash = (hash ^ 0xFF) &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
