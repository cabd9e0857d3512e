/// One `<item>` of the export: a post, page, attachment, menu item or custom post type.
///
/// Values are copied from the export as they are; dates are ISO 8601 (`nil` for WordPress's zero date
/// and for text that is not a date), and a parent of 0 is `nil`.
public struct Post: Sendable, Hashable {
    /// `wp:post_id`, or `nil` when the item has none. Two items may share one.
    public var id: Int?
    public var type: String?
    public var status: String?
    public var title: String?
    /// `wp:post_name` as WordPress stores it, percent-encoding included.
    public var slug: String?
    public var link: String?
    public var guid: String?
    /// The `dc:creator` login.
    public var authorLogin: String?
    /// Local time, ISO 8601 without offset (`"2022-10-11T10:30:00"`).
    public var date: String?
    /// UTC, ISO 8601 (`"2022-10-11T09:30:00Z"`).
    public var dateGMT: String?
    public var modified: String?
    public var modifiedGMT: String?
    /// `content:encoded`: HTML, classic-editor text or Gutenberg block markup.
    public var content: String?
    public var excerpt: String?
    public var parentID: Int?
    public var menuOrder: Int
    public var commentStatus: String?
    public var pingStatus: String?
    public var password: String?
    public var isSticky: Bool
    public var attachmentURL: String?
    public var terms: [PostTerm]
    public var meta: [MetaEntry]
    public var comments: [Comment]
    /// The line of the export on which the `<item>` starts.
    public var line: Int

    public init(
        id: Int? = nil, type: String? = nil, status: String? = nil, title: String? = nil, slug: String? = nil,
        link: String? = nil, guid: String? = nil, authorLogin: String? = nil, date: String? = nil,
        dateGMT: String? = nil, modified: String? = nil, modifiedGMT: String? = nil, content: String? = nil,
        excerpt: String? = nil, parentID: Int? = nil, menuOrder: Int = 0, commentStatus: String? = nil,
        pingStatus: String? = nil, password: String? = nil, isSticky: Bool = false, attachmentURL: String? = nil,
        terms: [PostTerm] = [], meta: [MetaEntry] = [], comments: [Comment] = [], line: Int = 0
    ) {
        self.id = id
        self.type = type
        self.status = status
        self.title = title
        self.slug = slug
        self.link = link
        self.guid = guid
        self.authorLogin = authorLogin
        self.date = date
        self.dateGMT = dateGMT
        self.modified = modified
        self.modifiedGMT = modifiedGMT
        self.content = content
        self.excerpt = excerpt
        self.parentID = parentID
        self.menuOrder = menuOrder
        self.commentStatus = commentStatus
        self.pingStatus = pingStatus
        self.password = password
        self.isSticky = isSticky
        self.attachmentURL = attachmentURL
        self.terms = terms
        self.meta = meta
        self.comments = comments
        self.line = line
    }

    /// The value of the first meta entry with this key.
    public func metaValue(forKey key: String) -> String? {
        meta.first { $0.key == key }?.value
    }
}
