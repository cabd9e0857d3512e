/// What one static site generator wants of a site export: where each file goes, what its front matter calls
/// things, which pages it makes itself, and the starter files that make the folder build as it is.
///
/// One type per flavor (``SiteFlavor/layout``); the site export asks its layout and never the flavor. The
/// extension gives the common answers (content collections, plain folders); a layout states only where its
/// generator differs.
protocol SiteLayout: Sendable {
    // MARK: Paths and URLs

    /// The new URL of a post of type `post`, from its name and its day (`YYYY-MM-DD`).
    func postURL(name: String, day: String) -> String
    /// The URL of a term's page.
    func termURL(taxonomy: String, name: String) -> String
    /// The file of a post of type `post`.
    func postFile(name: String, day: String, isDraft: Bool) -> String
    /// The file of a page at `path` (`about/team`).
    func pageFile(path: String) -> String
    /// The file of an item of a custom post type, in its section's folder.
    func customFile(section: String, name: String) -> String
    /// Where the approved comments of the item written to `contentFile` go; `nil` puts them in its front matter.
    func commentsFile(contentFile: String, postID: Int?) -> String?
    /// The menus' data file.
    var menusFile: String { get }
    /// Where the Netlify `_redirects` file goes: a folder the generator publishes as it is.
    var netlifyRedirectsFile: String { get }
    /// The folder the site's media go in, served at the site's root (`static` for Hugo, `""` for Jekyll's
    /// root): `/wp-content/uploads/2020/01/a.jpg` is `<mediaFolder>/wp-content/uploads/2020/01/a.jpg`.
    var mediaFolder: String { get }

    // MARK: Front matter

    /// The key of the date of last change.
    var modifiedKey: String { get }
    /// The key of the excerpt.
    var excerptKey: String { get }
    /// The key of the featured image.
    var imageKey: String { get }
    /// Marks an unpublished item of `kind` so that a production build leaves it out.
    func markDraft(_ front: inout FrontMatter, kind: SiteJob.Kind)
    /// Whether the generator ends a post's summary at WordPress's `<!--more-->` in the body; when it does not,
    /// the marker leaves the body and the Markdown before it is the front matter's excerpt.
    var readsMoreMarker: Bool { get }
    /// Notes in `front` what the generator needs to read the `<!--more-->` of a post that has one.
    func markMoreMarker(in front: inout FrontMatter)
    /// Lists the old paths the generator should redirect from to the item.
    func addRedirects(from aliases: [String], to front: inout FrontMatter)
    /// The item's URL for its front matter, where the generator would otherwise make up one of its own.
    func permalink(of job: SiteJob) -> String?
    /// What a post's front matter names one of its terms by.
    func termValue(name: String, pathName: String) -> String

    // MARK: What the generator makes itself

    /// What the generator shows at the one-segment path `name`, when it is one of the lists it makes
    /// (`posts`, a section, a taxonomy's list): an old URL there would hide the list, or be hidden by it.
    func listPage(named name: String, sections: some Collection<String>, taxonomyKeys: Set<String>) -> String?
    /// A top-level folder name the generator can use for `name`.
    func rootSafe(_ name: String, taxonomyKeys: [String]) -> String
    /// Whether a page with pages under it must become a branch bundle (`_index.md`).
    var bundlesParentPages: Bool { get }
    /// A term's page: its file and front matter, or `nil` for a generator that makes term pages itself or not at all.
    func termPage(_ record: TermRecord, key: Term.Key) -> (file: String, front: FrontMatter)?
    /// The configuration and layouts with which the generator builds the folder as it is.
    func starterFiles(for site: StarterSite) throws -> [(path: String, contents: String)]
    /// How embeds are written unless asked otherwise.
    var defaultEmbedStyle: RenderOptions.EmbedStyle { get }
}

extension SiteLayout {
    func postURL(name: String, day: String) -> String { "/posts/\(name)/" }

    func termURL(taxonomy: String, name: String) -> String { "/\(SiteFlavor.taxonomyKey(taxonomy))/\(name)/" }

    /// Beside the item's file.
    func commentsFile(contentFile: String, postID: Int?) -> String? { String(contentFile.dropLast(3)) + ".comments.yaml" }

    var modifiedKey: String { "lastmod" }
    var excerptKey: String { "summary" }
    var imageKey: String { "featured_image" }

    func markDraft(_ front: inout FrontMatter, kind: SiteJob.Kind) { front["draft"] = .boolean(true) }

    var readsMoreMarker: Bool { false }

    /// The default implementation does nothing.
    func markMoreMarker(in front: inout FrontMatter) {}

    func addRedirects(from aliases: [String], to front: inout FrontMatter) { front["aliases"] = .list(aliases) }

    func permalink(of job: SiteJob) -> String? { nil }

    func termValue(name: String, pathName: String) -> String { name }

    func listPage(named name: String, sections: some Collection<String>, taxonomyKeys: Set<String>) -> String? { nil }

    func rootSafe(_ name: String, taxonomyKeys: [String]) -> String { name }

    var bundlesParentPages: Bool { false }

    func termPage(_ record: TermRecord, key: Term.Key) -> (file: String, front: FrontMatter)? { nil }

    func starterFiles(for site: StarterSite) throws -> [(path: String, contents: String)] { [] }

    var defaultEmbedStyle: RenderOptions.EmbedStyle { .link }
}
