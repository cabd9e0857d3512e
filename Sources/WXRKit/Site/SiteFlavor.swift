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

    /// The new URL of a post of type `post`, from its name and date (`YYYY-MM-DD`).
    func postURL(name: String, day: String) -> String {
        switch self {
        case .jekyll: "/" + day.replacingOccurrences(of: "-", with: "/") + "/\(name)/"
        case .hugo, .eleventy, .astro, .plain: "/posts/\(name)/"
        }
    }

    /// The front matter key a taxonomy's terms go under.
    static func taxonomyKey(_ taxonomy: String) -> String {
        switch taxonomy {
        case "category": "categories"
        case "post_tag": "tags"
        default: taxonomy
        }
    }

    /// The URL of a term's page: Hugo lists terms under their front matter key, Jekyll (our term pages) at
    /// WordPress's own bases, so that those keep working without a redirect.
    func termURL(taxonomy: String, name: String) -> String {
        switch self {
        case .jekyll:
            let base = taxonomy == "post_tag" ? "tag" : taxonomy
            return "/\(base)/\(name)/"
        case .hugo, .eleventy, .astro, .plain:
            return "/\(Self.taxonomyKey(taxonomy))/\(name)/"
        }
    }
}
