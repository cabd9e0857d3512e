/// Hugo: page bundles (`content/posts/<name>/index.md`, comments beside in `comments.yaml`), pages as folders,
/// a branch bundle for a page with pages under it, `aliases` for old URLs, term pages as `_index.md` of the
/// taxonomy's list, and Hugo's own lists at `/posts/`, each section and each taxonomy.
struct HugoLayout: SiteLayout {
    func postFile(name: String, day: String, isDraft: Bool) -> String { "content/posts/\(name)/index.md" }

    func pageFile(path: String) -> String { "content/\(path)/index.md" }

    func customFile(section: String, name: String) -> String { "content/\(section)/\(name)/index.md" }

    /// In the bundle: `comments.yaml` beside `index.md`.
    func commentsFile(contentFile: String, postID: Int?) -> String? {
        String(contentFile.dropLast("index.md".count)) + "comments.yaml"
    }

    /// Hugo's summary divider is WordPress's own.
    var readsMoreMarker: Bool { true }

    var menusFile: String { "data/menus.yaml" }
    var netlifyRedirectsFile: String { "static/_redirects" }
    var mediaFolder: String { "static" }

    /// Hugo files terms by what the front matter says: the term page's folder name, titled on that page.
    func termValue(name: String, pathName: String) -> String { pathName }

    func listPage(named name: String, sections: some Collection<String>, taxonomyKeys: Set<String>) -> String? {
        if name == "posts" || sections.contains(name) { return "list of the \(name) section" }
        if name == "categories" || name == "tags" || taxonomyKeys.contains(name) { return "list of its \(name)" }
        return nil
    }

    /// Hugo 0.111 takes any top-level folder whose name merely starts with a taxonomy's (`tags-in-a-title`)
    /// for part of that taxonomy, and stops with "missing taxonomy": such names get a `page-` prefix.
    func rootSafe(_ name: String, taxonomyKeys: [String]) -> String {
        (["categories", "tags"] + taxonomyKeys).contains { name.hasPrefix($0) } ? "page-" + name : name
    }

    var bundlesParentPages: Bool { true }

    func termPage(_ record: TermRecord, key: Term.Key) -> (file: String, front: FrontMatter)? {
        var front = FrontMatter()
        front["title"] = .string(record.name)
        front["description"] = .string(record.plainDescription)
        front["aliases"] = .list(record.oldPaths)
        front["wp_term_id"] = .integer(record.id)
        return ("content\(record.url)_index.md", front)
    }

    func starterFiles(for site: StarterSite) throws -> [(path: String, contents: String)] {
        try HugoStarter.files(for: site)
    }

    /// Hugo's own shortcodes, which build offline for YouTube and Vimeo.
    var defaultEmbedStyle: RenderOptions.EmbedStyle { .hugo }
}
