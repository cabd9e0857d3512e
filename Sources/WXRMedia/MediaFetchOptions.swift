/// How ``MediaFetcher`` downloads: how much at once, how long it waits, how often it tries, what it refuses.
public struct MediaFetchOptions: Sendable {
    /// Connections at once to one host: polite to the old site, which is often a small shared host.
    public var perHost = 4
    /// The largest file taken; a larger one is a failure, stopped as soon as it is known to be larger.
    public var maximumSize = 200 << 20
    public var connectTimeout: Duration = .seconds(10)
    /// How long a response may go without a byte arriving.
    public var readTimeout: Duration = .seconds(30)
    /// Attempts after the first, on connection errors, 5xx and 429 only.
    public var retries = 3
    /// The first retry's wait; each further one doubles it, with jitter.
    public var backoff: Duration = .milliseconds(500)
    /// The longest wait a `Retry-After` is honoured for; a longer one is a failure rather than a stalled run.
    public var longestRetryAfter: Duration = .seconds(120)
    public var maximumRedirects = 5
    public var addresses = AddressPolicy()
    public var userAgent: String

    public init(userAgent: String) {
        self.userAgent = userAgent
    }
}
