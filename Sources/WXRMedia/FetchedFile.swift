/// A file ``MediaFetcher`` downloaded completely.
public struct FetchedFile: Sendable, Hashable {
    /// Where it came from in the end, after redirects.
    public var finalURL: String
    public var size: Int
    /// SHA-256 of the bytes, 64 hex digits.
    public var sha256: String
    public var etag: String?
    public var lastModified: String?
    public var contentType: String?
}
