/// The channel header of an export: what WordPress says about the site it came from.
///
/// Every field is copied as it is in the export and is `nil` when the element is absent.
public struct Site: Sendable, Hashable {
    public var title: String?
    public var link: String?
    public var description: String?
    public var language: String?
    /// The `wp:wxr_version` text, e.g. `"1.2"`.
    public var wxrVersion: String?
    public var baseSiteURL: String?
    public var baseBlogURL: String?
    public var generator: String?
    /// The channel's `pubDate` as ISO 8601 with its offset (`"2026-11-01T12:00:00Z"`), or `nil`.
    public var pubDate: String?

    public init(
        title: String? = nil, link: String? = nil, description: String? = nil, language: String? = nil,
        wxrVersion: String? = nil, baseSiteURL: String? = nil, baseBlogURL: String? = nil,
        generator: String? = nil, pubDate: String? = nil
    ) {
        self.title = title
        self.link = link
        self.description = description
        self.language = language
        self.wxrVersion = wxrVersion
        self.baseSiteURL = baseSiteURL
        self.baseBlogURL = baseBlogURL
        self.generator = generator
        self.pubDate = pubDate
    }
}
