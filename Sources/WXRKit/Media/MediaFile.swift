/// One media file of the old site: where it goes on the new site and where to download it from.
public struct MediaFile: Sendable, Hashable {
    /// Where the file goes, relative to the output folder: `wp-content/uploads/2020/01/a.jpg`. Never absolute,
    /// never with an empty, `.` or `..` segment: it cannot leave the output folder.
    public var path: String
    /// The original's URL on the old site, query removed; `nil` for a path from the root when the export names no
    /// site address to resolve it against.
    public var downloadURL: String?
    /// The size variant a post referenced (`photo-300x200.jpg`), to fetch when the original (`photo.jpg`) is
    /// missing; `nil` unless originals were asked for and the reference was a variant.
    public var fallbackURL: String?
    /// Its path below a copy of the old uploads folder (`2020/01/a.jpg`), decoded and spelled as on the old
    /// server, to copy from instead of downloading; without empty, `.` or `..` segments, `nil` when a name holds
    /// NUL.
    public var sourcePath: String?
    /// Whether ``path`` differs from the path the site's links give the URL (``MediaLocator``'s `sitePath`): its
    /// name was numbered, or its folder spelled as another's, because another file's name differs from it only
    /// in case (on a case-insensitive disk) or came out the same once made safe.
    public var isRenamed = false

    /// The path the new site serves the file at: `/wp-content/uploads/2020/01/a.jpg`.
    public var sitePath: String { "/" + path }

    public init(path: String, downloadURL: String?, fallbackURL: String? = nil, sourcePath: String? = nil) {
        self.path = path
        self.downloadURL = downloadURL
        self.fallbackURL = fallbackURL
        self.sourcePath = sourcePath
    }
}
