import Foundation

/// Which network addresses a media download may connect to.
///
/// An export is untrusted input, and conversions run on servers: a URL in a post must not make wxr reach the
/// cloud's metadata service or the machine's own network. Link-local addresses (169.254.0.0/16, fe80::/10,
/// where metadata services live) are never connected to; loopback and private ranges (127/8, 10/8, 172.16/12,
/// 192.168/16, 0/8, ::1, fc00::/7) only when allowed, for an intranet site or a test's loopback server.
public struct AddressPolicy: Sendable, Hashable {
    /// What an address is, for the policy.
    public enum Kind: Sendable, Hashable {
        case global
        case privateNetwork
        case linkLocal
    }

    public var allowsPrivate: Bool

    public init(allowsPrivate: Bool = false) {
        self.allowsPrivate = allowsPrivate
    }

    public func allows(_ kind: Kind) -> Bool {
        switch kind {
        case .global: true
        case .privateNetwork: allowsPrivate
        case .linkLocal: false
        }
    }

    /// The kind of a numeric IPv4 or IPv6 address; `nil` for text that is neither.
    public static func kind(of address: String) -> Kind? {
        var v4 = in_addr()
        if inet_pton(AF_INET, address, &v4) == 1 {
            return kind(ipv4: UInt32(bigEndian: v4.s_addr))
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, address, &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: v6) { Array($0) }
        // ::ffff:a.b.c.d is the IPv4 address it maps, however it is written.
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF {
            return kind(ipv4: bytes[12...].reduce(0) { $0 << 8 | UInt32($1) })
        }
        if bytes[0..<15].allSatisfy({ $0 == 0 }) { return .privateNetwork }   // :: and ::1
        if bytes[0] == 0xFE && bytes[1] & 0xC0 == 0x80 { return .linkLocal }   // fe80::/10
        if bytes[0] & 0xFE == 0xFC { return .privateNetwork }                   // fc00::/7, AWS's fd00:ec2::254 too
        return .global
    }

    private static func kind(ipv4 address: UInt32) -> Kind {
        func within(_ network: UInt32, _ bits: UInt32) -> Bool {
            address >> (32 - bits) == network >> (32 - bits)
        }
        if within(0xA9FE_0000, 16) { return .linkLocal }                        // 169.254/16
        if within(0x7F00_0000, 8) || within(0x0A00_0000, 8) || within(0xAC10_0000, 12) || within(0xC0A8_0000, 16)
            || within(0x0000_0000, 8) {
            return .privateNetwork
        }
        return .global
    }
}
