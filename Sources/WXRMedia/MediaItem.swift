/// One file of the site's media to put in the site folder.
public struct MediaItem: Sendable, Hashable {
    /// Where to download it: the original, without the CDN's resizing query.
    public var url: String
    /// Tried when `url` is not found (a size variant, when the original was asked for but is missing).
    public var fallbackURL: String?
    /// Its path in the site folder (`static/wp-content/uploads/2020/01/a.jpg`): relative, never leaving it.
    public var path: String
    /// Its path in a local copy of the old uploads folder (`2020/01/a.jpg`), when there is one.
    public var sourcePath: String?
    /// The posts that use it, for the report when it cannot be had.
    public var postIDs: [Int]

    public init(url: String, fallbackURL: String? = nil, path: String, sourcePath: String? = nil, postIDs: [Int] = []) {
        self.url = url
        self.fallbackURL = fallbackURL
        self.path = path
        self.sourcePath = sourcePath
        self.postIDs = postIDs
    }
}
