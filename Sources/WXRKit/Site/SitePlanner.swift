import Foundation

/// Decides, on the exporting thread and in document order, where each item of a site export goes: its file
/// and new URL (names made unique per folder, through the flavor's ``SiteLayout``), the old URLs that lead
/// there (the index that rewrites links, the redirect map, the aliases), terms and their pages' URLs,
/// sections for custom types, media, and the menus' items. What it decides is final before a worker converts
/// the post, so the output does not depend on the number of threads.
final class SitePlanner {
    let options: MarkdownSiteOptions
    let layout: any SiteLayout
    /// Old addresses (keys) to new URLs, read by the workers while the planner adds to it.
    let index = SiteIndex()

    private(set) var address = SiteAddress(site: Site())
    private(set) var site = Site()
    private(set) var authors: [String: Author] = [:]
    private(set) var terms: [Term.Key: TermRecord] = [:]
    private(set) var termOrder: [Term.Key] = []
    private(set) var termIDs: [Int: Term.Key] = [:]
    /// The front matter keys of every taxonomy with a term.
    private(set) var taxonomyKeys: Set<String> = []
    private var names: [String: UniqueNames] = [:]
    private(set) var sections: [String: String] = [:]
    private var pages: [Int: [String]] = [:]
    private(set) var pageFiles: [Int: String] = [:]
    private(set) var parentPages: Set<Int> = []
    /// Each page's parent, and the unpublished pages with published pages below them.
    private var pageParents: [Int: Int] = [:]
    private var draftPages: Set<Int> = []
    private(set) var draftPagesShown: Set<Int> = []
    private(set) var titles: [Int: String] = [:]
    private(set) var menuItems: [MenuItem] = []
    private(set) var media: [(id: Int?, url: String, path: String)] = []
    private(set) var redirects: RedirectMap
    /// What the site export noticed, in the order it did (names taken, old URLs a list hides...).
    var findings: [Finding] = []
    /// Posts planned so far: links in them to a media host learned later were not rewritten.
    private var postsPlanned = 0
    private var learnedHosts: Set<String> = []

    init(options: MarkdownSiteOptions) {
        self.options = options
        layout = options.flavor.layout
        redirects = options.siteURL.map { RedirectMap(newSiteURL: $0) } ?? RedirectMap()
    }

    /// The export's channel: the old site's addresses.
    func begin(site: Site) {
        self.site = site
        address = SiteAddress(site: site)
        for host in options.mediaHosts { address.addHost(of: host) }
    }

    /// An author, by login, for the front matter's name.
    func add(_ author: Author) {
        if let login = author.login, authors[login] == nil { authors[login] = author }
    }

    /// A menu item, for the menus written at the end.
    func add(_ item: MenuItem) {
        menuItems.append(item)
    }

    /// A term the channel declares: its page's URL, and the old archive URLs that lead there.
    func add(_ term: Term) {
        guard Self.isContentTaxonomy(term.taxonomy), let slug = term.slug ?? term.name else { return }
        let key = Term.Key(taxonomy: term.taxonomy, slug: slug)
        guard terms[key] == nil else { return }
        addTerm(key, name: term.name ?? slug, id: term.id, parentSlug: term.parentSlug, description: term.description)
        if let id = term.id { termIDs[id] = key }
    }

    /// The terms a post files itself under that the channel did not declare.
    func addTerms(usedBy post: Post) {
        for term in post.terms where Self.isContentTaxonomy(term.taxonomy) {
            let key = Term.Key(taxonomy: term.taxonomy, slug: term.slug ?? term.name)
            if terms[key] == nil { addTerm(key, name: term.name, id: nil, parentSlug: nil, description: nil) }
        }
    }

    func plan(_ post: Post, type: String, isDraft: Bool) -> SiteJob {
        postsPlanned += 1
        let wanted = PathComponent(slug: post.slug, title: post.title)?.name ?? "untitled"
        let kind: SiteJob.Kind = type == "post" ? .post : type == "page" ? .page : .custom
        let file: String
        let url: String
        switch kind {
        case .post:
            let name = claim(wanted, in: "post", for: post)
            let day = SiteDates.day(post.date) ?? SiteDates.day(post.dateGMT) ?? "1970-01-01"
            url = layout.postURL(name: name, day: day)
            file = layout.postFile(name: name, day: day, isDraft: isDraft)
        case .page:
            let parent = post.parentID.flatMap { pages[$0] } ?? []
            let name = claim(wanted, in: parent.isEmpty ? "" : "page:" + parent.joined(separator: "/"), for: post)
            let segments = parent + [name]
            if let id = post.id {
                pages[id] = segments
                if let parentID = post.parentID, !parent.isEmpty {
                    parentPages.insert(parentID)
                    pageParents[id] = parentID
                }
                if isDraft {
                    draftPages.insert(id)
                } else {
                    // Parents are planned before their children, so the chain ends (a repeated id could loop it).
                    var ancestor = pageParents[id]
                    for _ in 0..<pageParents.count {
                        guard let above = ancestor else { break }
                        if draftPages.contains(above) { draftPagesShown.insert(above) }
                        ancestor = pageParents[above]
                    }
                }
            }
            let path = segments.joined(separator: "/")
            url = "/\(path)/"
            file = layout.pageFile(path: path)
            if let id = post.id { pageFiles[id] = file }
        case .custom:
            let section = self.section(for: type)
            let name = claim(wanted, in: "type:" + section, for: post)
            url = "/\(section)/\(name)/"
            file = layout.customFile(section: section, name: name)
        }
        let commentsFile = options.comments == .file ? layout.commentsFile(contentFile: file, postID: post.id) : nil

        var aliases: [String] = []
        if let id = post.id { titles[id] = Self.plainTitle(post.title) }
        if !isDraft {
            for key in address.keys(of: post) { index.add(key, url: url) }
            if let link = post.link, address.key(of: link) != nil {
                let old = RedirectMap.oldPath(of: link)
                if let old, let listing = listPage(at: old) {
                    findings.append(Finding(
                        code: .siteRedirectShadowed, severity: .warning,
                        message: "the old URL \(old) is the new site's \(listing); it no longer leads to \(type) "
                            + "\(post.id.map(String.init) ?? ""), now at \(url)",
                        line: post.line, entity: .post(id: post.id), action: "not redirected",
                        hint: "link to the new URL, or rename the list in the site's config"))
                } else {
                    redirects.add(from: link, to: url)
                    // Decoded, as servers see it and as the generators write the alias's folder.
                    if let old, !old.utf8.contains(0x3F), old != url { aliases.append(old) }
                }
            }
            if let id = post.id {
                redirects.add(from: "/?p=\(id)", to: url)
                if kind == .page { redirects.add(from: "/?page_id=\(id)", to: url) }
            }
        }
        return SiteJob(post: post, kind: kind, isDraft: isDraft, file: file, url: url, commentsFile: commentsFile, aliases: aliases)
    }

    /// A name unique within `namespace`; a collision is reported, with the name given instead.
    private func claim(_ wanted: String, in namespace: String, for post: Post) -> String {
        if names[namespace] == nil {
            var fresh = UniqueNames()
            if namespace.isEmpty { for name in reservedRootNames() { _ = fresh.claim(name) } }
            names[namespace] = fresh
        }
        let (name, renamed) = names[namespace]!.claim(namespace.isEmpty ? rootSafe(wanted) : wanted)
        if renamed {
            findings.append(Finding(
                code: .siteNameCollision, severity: .info,
                message: "\"\(wanted)\" is taken in its folder; \(post.type ?? "post") \(post.id.map(String.init) ?? "") named \"\(name)\"",
                line: post.line, entity: .post(id: post.id), action: "renamed"))
        }
        return name
    }

    /// A top-level name the generator can use (``SiteLayout/rootSafe(_:taxonomyKeys:)``).
    private func rootSafe(_ name: String) -> String {
        layout.rootSafe(name, taxonomyKeys: termOrder.map { SiteFlavor.taxonomyKey($0.taxonomy) })
    }

    /// Names a top-level page may not take: the flavor's sections and folders.
    /// What the generator itself shows at `path`, when it is one of the lists it makes: Hugo's section and
    /// taxonomy lists (`/posts/`, `/categories/`). An old URL there would hide the list, or be hidden by it.
    private func listPage(at path: String) -> String? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        guard segments.count == 1, !path.utf8.contains(0x3F) else { return nil }
        return layout.listPage(named: String(segments[0]).lowercased(), sections: sections.values, taxonomyKeys: taxonomyKeys)
    }

    private func reservedRootNames() -> [String] {
        var reserved = ["wxr", "index", "404", "static", "layouts", "data", "assets", "public", "resources", "themes",
                        "archetypes", "i18n", "config", "content", "src", "node_modules", "vendor", "posts", "post", "page"]
        reserved += ["categories", "tags", "category", "tag"]
        for key in termOrder.map({ SiteFlavor.taxonomyKey($0.taxonomy) }) where !reserved.contains(key) { reserved.append(key) }
        return reserved
    }

    /// The section of a custom post type: its name, unless a page has it.
    private func section(for type: String) -> String {
        if let section = sections[type] { return section }
        let wanted = PathComponent(slug: type, title: nil)?.name ?? "items"
        if names[""] == nil {
            var fresh = UniqueNames()
            for name in reservedRootNames() { _ = fresh.claim(name) }
            names[""] = fresh
        }
        let section = names[""]!.claim(rootSafe(wanted)).name
        sections[type] = section
        return section
    }

    @discardableResult
    private func addTerm(_ key: Term.Key, name: String, id: Int?, parentSlug: String?, description: String?) -> TermRecord {
        var termNames = names["term:" + key.taxonomy] ?? UniqueNames()
        let pathName = termNames.claim(PathComponent(slug: key.slug, title: name)?.name ?? "term").name
        names["term:" + key.taxonomy] = termNames
        let url = layout.termURL(taxonomy: key.taxonomy, name: pathName)
        let record = TermRecord(name: Self.plainTitle(name), pathName: pathName, url: url, id: id, parentSlug: parentSlug, description: description)
        terms[key] = record
        termOrder.append(key)
        taxonomyKeys.insert(SiteFlavor.taxonomyKey(key.taxonomy))
        // The old archive's URL: WordPress's default bases, parents' slugs first for categories.
        let ancestors = SiteAddress.ancestors(from: parentSlug, taxonomy: key.taxonomy) { terms[$0].map(\.parentSlug) }
        let oldPaths = SiteAddress.archivePaths(of: key, ancestors: ancestors)
        for archiveKey in SiteAddress.keys(of: key, ancestors: ancestors, id: id) { index.add(archiveKey, url: url) }
        for path in oldPaths { redirects.add(from: path, to: url) }
        if let id, key.taxonomy == "category" { redirects.add(from: "/?cat=\(id)", to: url) }
        if key.taxonomy == "post_tag" { redirects.add(from: "/?tag=\(key.slug)", to: url) }
        terms[key]?.oldPaths = oldPaths.map(PercentEncoding.decoded)
            .filter { SiteAddress.normalizedPath($0) != SiteAddress.normalizedPath(url) }
        return terms[key]!
    }

    func addMedia(_ post: Post) {
        guard let url = post.attachmentURL ?? post.guid, !url.isEmpty else { return }
        if address.target(of: url) == nil, let host = SiteAddress.parse(url)?.host, !SiteAddress.imageCDNHosts.contains(host),
           learnedHosts.insert(host).inserted {
            // Served from elsewhere (an offload CDN): the site's own from now on, as the media step takes it.
            address.addHost(of: url)
            if postsPlanned > 0 {
                findings.append(Finding(
                    code: .siteLateMediaHost, severity: .warning,
                    message: "attachments are served from \(host), which the export's site addresses do not name; links "
                        + "to its files in the \(postsPlanned) posts before this attachment were kept as they were",
                    line: post.line, entity: .post(id: post.id), action: "kept",
                    hint: "convert again with --media-hosts \(host)"))
            }
        }
        let path: String
        if case .upload(let uploadPath)? = address.target(of: url)?.target {
            path = MediaLocator.sitePath(ofUpload: uploadPath)
        } else {
            path = url
        }
        media.append((post.id, url, path))
        // The attachment's own page goes to the file.
        for key in address.keys(of: post) { index.add(key, url: path) }
        if let id = post.id { redirects.add(from: "/?attachment_id=\(id)", to: path) }
        if let link = post.link, address.key(of: link) != nil, link != url { redirects.add(from: link, to: path) }
    }

    private static let nonContentTaxonomies: Set<String> = [
        "nav_menu", "post_format", "link_category", "wp_theme", "wp_template_part_area", "wp_pattern_category",
        "product_type", "product_visibility", "product_shipping_class",
    ]

    static func isContentTaxonomy(_ taxonomy: String) -> Bool {
        !nonContentTaxonomies.contains(taxonomy) && !taxonomy.hasPrefix("pa_")
    }

    static func plainTitle(_ title: String?) -> String {
        guard let title else { return "" }
        let text = title.utf8.contains { $0 == 0x26 || $0 == 0x3C } ? PlainText.of(title) : title
        return text.trimmingSpaces
    }
}
