/// A term assigned to a post: one RSS `<category>` of an item.
public struct PostTerm: Sendable, Hashable {
    /// The taxonomy, from the `domain` attribute (WXR 1.0's `tag` is read as `post_tag`).
    public var taxonomy: String
    /// The `nicename` attribute, or `nil` when the export did not give one.
    public var slug: String?
    public var name: String

    public init(taxonomy: String, slug: String?, name: String) {
        self.taxonomy = taxonomy
        self.slug = slug
        self.name = name
    }

    /// Whether a well-formed export declares this term in its channel. WordPress's exporter declares
    /// categories, tags, menus and custom taxonomies, but never post formats (`post_format` is a built-in
    /// taxonomy it skips): a post's format term missing from the header is normal, not damage.
    public var isDeclaredByWordPress: Bool {
        taxonomy != "post_format"
    }
}
