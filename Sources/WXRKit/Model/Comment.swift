/// A comment, pingback or trackback on a post.
public struct Comment: Sendable, Hashable {
    public var id: Int?
    /// The comment this one replies to, or `nil` for a top-level comment.
    public var parentID: Int?
    public var author: String?
    public var authorEmail: String?
    public var authorURL: String?
    public var authorIP: String?
    /// Local time, ISO 8601 without offset (`"2022-10-11T10:30:00"`).
    public var date: String?
    /// UTC, ISO 8601 (`"2022-10-11T09:30:00Z"`).
    public var dateGMT: String?
    public var content: String?
    /// `"1"` approved, `"0"` pending, `"spam"` or `"trash"`, as WordPress stores it.
    public var approved: String?
    /// `""` or `"comment"` for ordinary comments, `"pingback"`, `"trackback"`, or a plugin's type.
    public var type: String?
    public var userID: Int?
    public var meta: [MetaEntry]
    /// The line of the export on which the comment starts.
    public var line: Int

    /// Whether readers see it: `"1"` (WordPress's approved), or `"approve"` as some plugins write it.
    public var isApproved: Bool { approved == "1" || approved == "approve" }

    public init(
        id: Int? = nil, parentID: Int? = nil, author: String? = nil, authorEmail: String? = nil,
        authorURL: String? = nil, authorIP: String? = nil, date: String? = nil, dateGMT: String? = nil,
        content: String? = nil, approved: String? = nil, type: String? = nil, userID: Int? = nil,
        meta: [MetaEntry] = [], line: Int = 0
    ) {
        self.id = id
        self.parentID = parentID
        self.author = author
        self.authorEmail = authorEmail
        self.authorURL = authorURL
        self.authorIP = authorIP
        self.date = date
        self.dateGMT = dateGMT
        self.content = content
        self.approved = approved
        self.type = type
        self.userID = userID
        self.meta = meta
        self.line = line
    }
}
