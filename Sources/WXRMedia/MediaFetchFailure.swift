/// Why a file could not be downloaded, for the validation report.
public struct MediaFetchFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Error, Sendable, Hashable {
        /// The server answered with this status, after any retries.
        case status(Int)
        case tooLarge(limit: Int)
        /// The body is not the kind of file its name says (an HTML page served for a `.jpg`).
        case wrongType(contentType: String)
        /// A URL or a redirect to something other than http or https.
        case refusedScheme(String)
        /// The host resolves to an address the policy refuses.
        case refusedAddress(host: String, address: String, isPrivate: Bool)
        case unresolvedHost(String)
        case tooManyRedirects(Int)
        case timeout
        /// The connection failed or broke off.
        case connection(String)
        case cannotWrite(String)
    }

    public var reason: Reason
    /// The URL that failed: the last of a redirect chain.
    public var url: String
    /// How long the server asked to wait before trying again (`Retry-After`).
    var retryAfter: Duration?

    public init(_ reason: Reason, url: String) {
        self.reason = reason
        self.url = url
    }

    public var description: String {
        switch reason {
        case .status(let code): "HTTP \(code) for \(url)"
        case .tooLarge(let limit): "\(url) is larger than \(limit / (1 << 20)) MB"
        case .wrongType(let type): "\(url) served \(type.isEmpty ? "something else" : type), not the file its name says"
        case .refusedScheme(let scheme): "\(url): a \(scheme) URL is never fetched"
        case .refusedAddress(let host, let address, let isPrivate):
            isPrivate ? "\(host) is at a private address (\(address)), not fetched unless allowed"
                : "\(host) is at a link-local address (\(address)), never fetched"
        case .unresolvedHost(let host): "\(host) does not resolve"
        case .tooManyRedirects(let count): "\(url): more than \(count) redirects"
        case .timeout: "\(url) timed out"
        case .connection(let detail): "\(url): \(detail)"
        case .cannotWrite(let detail): "cannot write \(url): \(detail)"
        }
    }

    /// Whether trying again may help: connection errors, timeouts, 5xx and 429.
    var isTransient: Bool {
        switch reason {
        case .status(let code): code == 429 || (500...599).contains(code)
        case .timeout, .connection: true
        default: false
        }
    }
}
