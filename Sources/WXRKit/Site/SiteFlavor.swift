/// The static site generator a Markdown site export is laid out for.
///
/// | flavor | posts | drafts | pages | custom types | comments |
/// |---|---|---|---|---|---|
/// | hugo | `content/posts/<name>/index.md` (page bundles) | `draft: true` | `content/<path>/index.md` | `content/<type>/<name>/index.md` | `comments.yaml` in the bundle |
/// | jekyll | `_posts/<date>-<name>.md` | `_drafts/<name>.md` | `<path>/index.md` | `_<type>/<name>.md` | `_data/comments/<id>.yml` |
/// | eleventy, astro | `src/content/posts/<name>.md` | `draft: true` | `src/content/pages/<path>.md` | `src/content/<type>/<name>.md` | `<name>.comments.yaml` beside |
/// | plain | `post/<name>.md` | `draft: true` | `page/<path>.md` | `<type>/<name>.md` | `<name>.comments.yaml` beside |
public enum SiteFlavor: String, Sendable, Hashable, CaseIterable {
    case hugo, jekyll, eleventy, astro, plain

    /// Where this flavor puts things, and what it calls them: the one place that tells flavors apart.
    var layout: any SiteLayout {
        switch self {
        case .hugo: HugoLayout()
        case .jekyll: JekyllLayout()
        case .eleventy: ContentCollectionLayout(generator: .eleventy)
        case .astro: ContentCollectionLayout(generator: .astro)
        case .plain: PlainLayout()
        }
    }

    /// The folder of a site export the site's media go in, served at the site's root: `static` (Hugo), `""`
    /// (Jekyll's root), `public` (Eleventy, Astro), `media` (plain).
    public var mediaFolder: String {
        layout.mediaFolder
    }

    /// How embeds are written unless asked otherwise: Hugo has shortcodes for them, the others a link.
    public var defaultEmbedStyle: RenderOptions.EmbedStyle {
        layout.defaultEmbedStyle
    }

    /// The front matter key a taxonomy's terms go under.
    static func taxonomyKey(_ taxonomy: String) -> String {
        switch taxonomy {
        case "category": "categories"
        case "post_tag": "tags"
        default: taxonomy
        }
    }
}
