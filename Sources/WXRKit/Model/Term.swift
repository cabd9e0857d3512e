/// A category, tag or custom-taxonomy term declared in the channel.
public struct Term: Sendable, Hashable {
    public var id: Int?
    /// `"category"`, `"post_tag"`, or the custom taxonomy's name (`"nav_menu"`, `"product_cat"`...).
    public var taxonomy: String
    /// The slug as WordPress stores it, percent-encoding included.
    public var slug: String?
    public var name: String?
    /// The parent term's slug, or `nil` for a top-level term.
    public var parentSlug: String?
    public var description: String?
    public var meta: [MetaEntry]

    public init(
        id: Int? = nil, taxonomy: String, slug: String? = nil, name: String? = nil,
        parentSlug: String? = nil, description: String? = nil, meta: [MetaEntry] = []
    ) {
        self.id = id
        self.taxonomy = taxonomy
        self.slug = slug
        self.name = name
        self.parentSlug = parentSlug
        self.description = description
        self.meta = meta
    }
}
