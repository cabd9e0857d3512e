import Foundation

/// What a Markdown site export writes, besides the flavor's layout.
public struct MarkdownSiteOptions: FormatOptions, Hashable {
    /// What happens to drafts, pending, private and scheduled posts.
    public enum Drafts: String, Sendable, Hashable, CaseIterable {
        /// Written as drafts: the site generator leaves them out of a production build.
        case include
        /// Not written at all.
        case omit
    }

    /// Where a post's comments go.
    public enum Comments: String, Sendable, Hashable, CaseIterable {
        /// A data file beside the post (in `_data/comments/` for Jekyll).
        case file
        /// A `comments:` list in the front matter.
        case frontMatter = "front-matter"
        case none
    }

    /// Which post meta goes under `meta:` in the front matter.
    public enum Meta: String, Sendable, Hashable, CaseIterable {
        /// Every key, WordPress's and plugins' internal ones (`_edit_lock`...) included.
        case all
        /// Keys that do not start with `_`: the ones WordPress shows as custom fields.
        case `public`
        case none
    }

    public var flavor: SiteFlavor
    /// The new site's address (`https://example.org/` or `https://example.org/blog/`): the starter config's
    /// base URL, and where the redirect maps send old URLs. `nil` leaves links relative to `/`, so that
    /// nothing points at the old host and the site works wherever it is served; feeds and sitemaps want it.
    public var siteURL: String?
    public var drafts: Drafts
    /// Password-protected posts are left out (and reported) unless this is set.
    public var includeProtected: Bool
    public var comments: Comments
    public var meta: Meta
    /// Commenters' emails and IP addresses are left out unless this is set.
    public var includePrivateData: Bool
    public var render: RenderOptions
    /// Threads converting posts; `nil` is one per core. The output is the same whatever the number.
    public var jobs: Int?
    /// Links to WordPress's resized copies (`photo-300x200.jpg`) point at the original (`photo.jpg`) instead, the
    /// file a media step asked for originals fetches.
    public var mediaOriginals = false
    /// Hosts whose uploads are the site's own too, as `cdn.example.net` or a URL: links to their files point at
    /// the new site's copies, like links to the site's own. Hosts that attachments are served from count without
    /// being named, from the first such attachment on.
    public var mediaHosts: [String] = []

    /// Every option at its default: a Hugo site.
    public init() {
        self.init(flavor: .hugo)
    }

    public init(
        flavor: SiteFlavor, siteURL: String? = nil, drafts: Drafts = .include, includeProtected: Bool = false, comments: Comments = .file,
        meta: Meta = .public, includePrivateData: Bool = false, render: RenderOptions? = nil, jobs: Int? = nil
    ) {
        self.flavor = flavor
        self.siteURL = siteURL
        self.drafts = drafts
        self.includeProtected = includeProtected
        self.comments = comments
        self.meta = meta
        self.includePrivateData = includePrivateData
        self.render = render ?? RenderOptions(embeds: flavor.defaultEmbedStyle)
        self.jobs = jobs
    }

    /// Why `url` cannot be a site's address, or `nil` when it can: an http or https URL with a host, and
    /// neither a query nor a fragment.
    public static func problem(withSiteURL url: String) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https" else {
            return "\"\(url)\" is not an http or https URL (give the whole address: https://example.org/)"
        }
        guard let host = components.host, !host.isEmpty else { return "\"\(url)\" names no host" }
        guard components.query == nil, components.fragment == nil else {
            return "\"\(url)\" has a query or a fragment; a site's address has neither"
        }
        return nil
    }
}
