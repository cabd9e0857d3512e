/// Jekyll: `_posts/<day>-<name>.md` at WordPress's own dated permalinks, `_drafts/` for drafts, collections
/// for custom types, comments by post id in `_data/comments/`, `redirect_from` (jekyll-redirect-from) for old
/// URLs, and term pages of our own at WordPress's archive addresses (`/category/<name>/`, `/tag/<name>/`).
struct JekyllLayout: SiteLayout {
    func postURL(name: String, day: String) -> String {
        "/" + day.replacingOccurrences(of: "-", with: "/") + "/\(name)/"
    }

    /// At WordPress's own bases, so that those keep working without a redirect.
    func termURL(taxonomy: String, name: String) -> String {
        "/\(taxonomy == "post_tag" ? "tag" : taxonomy)/\(name)/"
    }

    func postFile(name: String, day: String, isDraft: Bool) -> String {
        isDraft ? "_drafts/\(name).md" : "_posts/\(day)-\(name).md"
    }

    func pageFile(path: String) -> String { "\(path)/index.md" }

    func customFile(section: String, name: String) -> String { "_\(section)/\(name).md" }

    /// The layout finds them by id; without one they go in the front matter.
    func commentsFile(contentFile: String, postID: Int?) -> String? { postID.map { "_data/comments/\($0).yml" } }

    var menusFile: String { "_data/menus.yml" }
    var netlifyRedirectsFile: String { "_redirects" }
    var mediaFolder: String { "" }

    var modifiedKey: String { "last_modified_at" }
    var excerptKey: String { "excerpt" }
    var imageKey: String { "image" }

    /// A post is a draft by being in `_drafts/`; anything else is kept out with `published: false`.
    func markDraft(_ front: inout FrontMatter, kind: SiteJob.Kind) {
        if kind != .post { front["published"] = .boolean(false) }
    }

    /// Jekyll ends `post.excerpt` at the post's `excerpt_separator`. Set per post, not in `_config.yml`: where the
    /// separator is missing, Jekyll's excerpt is the whole post, not its first paragraph.
    var readsMoreMarker: Bool { true }

    func markMoreMarker(in front: inout FrontMatter) { front["excerpt_separator"] = .string(RenderedContent.moreMarker) }

    func addRedirects(from aliases: [String], to front: inout FrontMatter) { front["redirect_from"] = .list(aliases) }

    /// Posts keep WordPress's dated address, which Jekyll would otherwise build from the file's name.
    func permalink(of job: SiteJob) -> String? { job.kind == .post && !job.isDraft ? job.url : nil }

    func termPage(_ record: TermRecord, key: Term.Key) -> (file: String, front: FrontMatter)? {
        var front = FrontMatter()
        front["title"] = .string(record.name)
        front["layout"] = .string("term")
        front["taxonomy"] = .string(key.taxonomy)
        front["taxonomy_key"] = .string(SiteFlavor.taxonomyKey(key.taxonomy))
        front["term"] = .string(record.name)
        front["description"] = .string(record.plainDescription)
        front["redirect_from"] = .list(record.oldPaths)
        front["wp_term_id"] = .integer(record.id)
        return (String(record.url.dropFirst()) + "index.md", front)
    }

    func starterFiles(for site: StarterSite) throws -> [(path: String, contents: String)] {
        try JekyllStarter.files(for: site)
    }
}
