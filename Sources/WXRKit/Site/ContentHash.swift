/// A 64-bit FNV-1a hash of a file's bytes, written as 16 lowercase hex digits: how a site folder's manifest
/// remembers what wxr wrote, to tell an unchanged file from one the user edited.
///
/// It detects changes, not tampering: the same bytes always give the same hash, on every machine.
///
/// ```swift
/// ContentHash(of: Array("hello".utf8)).hex   // "a430d84680aabd0b"
/// ```
public struct ContentHash: Hashable, Sendable, CustomStringConvertible {
    public private(set) var value: UInt64

    private static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// The hash of no bytes; add bytes with ``update(with:)``.
    public init() {
        value = Self.offsetBasis
    }

    public init(of bytes: [UInt8]) {
        self.init()
        bytes.withUnsafeBytes { update(with: $0) }
    }

    /// Reads 16 hex digits, as ``hex`` writes them; `nil` for anything else.
    public init?(hex: String) {
        guard hex.utf8.count == 16, let value = UInt64(hex, radix: 16) else { return nil }
        self.value = value
    }

    /// Adds bytes, so a file can be hashed in chunks as it is read.
    public mutating func update(with bytes: UnsafeRawBufferPointer) {
        var value = value
        for byte in bytes {
            value = (value ^ UInt64(byte)) &* Self.prime
        }
        self.value = value
    }

    /// 16 lowercase hex digits, zero-padded.
    public var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.utf8.count) + digits
    }

    public var description: String { hex }
}
