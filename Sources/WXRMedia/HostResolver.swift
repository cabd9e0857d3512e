import Foundation

/// The numeric addresses a host name resolves to, from the system's resolver (`getaddrinfo`).
///
/// A download connects to an address chosen here and checked by ``AddressPolicy``, never to one the HTTP
/// client would look up again: a name that resolves to a public address once and to a private one the next
/// time (DNS rebinding) still reaches only the address that was checked.
enum HostResolver {
    /// The addresses of `host`, in the resolver's order, IPv4 and IPv6; empty when it does not resolve.
    static func addresses(of host: String) -> [String] {
        if AddressPolicy.kind(of: host) != nil { return [host] }
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0 else { return [] }
        defer { freeaddrinfo(list) }
        var addresses: [String] = []
        var entry = list
        while let current = entry?.pointee {
            var text = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if getnameinfo(current.ai_addr, current.ai_addrlen, &text, socklen_t(text.count), nil, 0, NI_NUMERICHOST) == 0 {
                let address = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                if !addresses.contains(address) { addresses.append(address) }
            }
            entry = current.ai_next
        }
        return addresses
    }
}
