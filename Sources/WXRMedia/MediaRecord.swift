/// What became of one file of the site's media, as `wxr/media.json` records it.
public struct MediaRecord: Sendable, Hashable {
    public enum Outcome: String, Sendable, Hashable {
        /// Downloaded in this run.
        case fetched
        /// Copied or hard-linked from a local copy of the old uploads folder.
        case copied
        /// There already, intact, from an earlier run.
        case present
        /// Neither in the local copy nor downloaded (downloading was not asked for).
        case missing
        case failed
    }

    /// The URL the file was (or would be) taken from.
    public var url: String
    /// Where it is in the site folder, relative to the folder's root (`static/wp-content/uploads/2020/01/a.jpg`).
    public var path: String
    public var outcome: Outcome
    public var size: Int?
    public var sha256: String?
    public var etag: String?
    public var lastModified: String?
    /// The file's modification time when it was recorded, in seconds: with the size, how a later run knows the
    /// file is still the one recorded without reading it again.
    public var modified: Int?
    /// Why it failed or is missing.
    public var error: String?
    /// Why the download failed, when it did (not kept in the manifest).
    public var failure: MediaFetchFailure.Reason?

    public init(url: String, path: String, outcome: Outcome) {
        self.url = url
        self.path = path
        self.outcome = outcome
    }

    /// Whether the file was complete on disk when recorded.
    public var isOnDisk: Bool {
        outcome == .fetched || outcome == .copied || outcome == .present
    }
}
