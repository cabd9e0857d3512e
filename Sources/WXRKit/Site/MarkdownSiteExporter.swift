import Foundation
import Synchronization
import Yams

/// Writes an export as a content folder a static site generator builds as it is: one Markdown file per post
/// and page with YAML front matter, comments in data files, term pages, nav menus, a starter config and
/// layouts, and every old URL redirected (``SiteFlavor`` gives each generator's layout).
///
/// Posts are converted on all cores while the export is still being read; links to the old site's own posts,
/// pages, terms and uploads are rewritten to their new paths. A post whose links point to items not read yet
/// is put aside on disk and converted at the end, so the output is the same whatever the number of threads.
/// The folder is built beside the output and swapped in whole (``SiteDirectory``): a failed run leaves the
/// previous one as it was, and a re-run changes only what changed.
///
/// ```swift
/// let exporter = try MarkdownSiteExporter(path: "site", options: MarkdownSiteOptions(flavor: .hugo))
/// try WXRReader(path: "export.xml").export(to: exporter)
/// print(exporter.summary.description, exporter.changes?.summary ?? "")
/// ```
public final class MarkdownSiteExporter: Exporter, FindingReporting {
    /// What a run wrote and left out.
    public struct Summary: Sendable, Hashable, CustomStringConvertible {
        public var published = 0
        public var drafts = 0
        public var termPages = 0
        public var comments = 0
        public var media = 0
        public var redirects = 0
        /// Left out: in the trash (or auto-drafts WordPress never showed).
        public var trashed = 0
        /// Left out: drafts, pending, private and scheduled posts with `--drafts omit`.
        public var draftsOmitted = 0
        /// Left out: password-protected posts without `--include-protected` (each reported).
        public var protected = 0
        /// WordPress's internals, revisions, menu items: not pages.
        public var internalItems = 0
        /// Posts whose links to the old site pointed to items not read yet, converted again at the end.
        public var convertedAtEnd = 0

        /// Everything left out of the site, whatever the reason.
        public var leftOut: Int { trashed + draftsOmitted + protected }

        /// `7 pages (6 published, 1 draft), 12 term pages, ...; left out: 15 in the trash`: what was left out,
        /// and why, only when something was.
        public var description: String {
            var text = "\(Counted(published + drafts, "page")) (\(Counted.grouped(published)) published, "
                + "\(Counted(drafts, "draft"))), \(Counted(termPages, "term page")), \(Counted(comments, "comment")), "
                + "\(Counted(media, "media file")) listed, \(Counted(redirects, "redirect"))"
            var reasons: [String] = []
            if trashed > 0 { reasons.append("\(Counted.grouped(trashed)) in the trash") }
            if draftsOmitted > 0 { reasons.append("\(Counted(draftsOmitted, "draft")) (--drafts omit)") }
            if protected > 0 { reasons.append("\(Counted.grouped(protected)) password-protected (--include-protected)") }
            if !reasons.isEmpty { text += "; left out: " + reasons.joined(separator: ", ") }
            if internalItems > 0 {
                text += "; \(Counted(internalItems, "WordPress internal")) (menu items, revisions, reusable blocks) not pages"
            }
            return text
        }
    }

    private let options: MarkdownSiteOptions
    private let directory: SiteDirectory
    private let index = SiteIndex()
    private let shared = SharedContentContext()
    private let pool: RenderPool
    private let spool = PostSpool<Deferred, Job>()
    private let state = WorkerState()

    private var address = SiteAddress(site: Site())
    private var site = Site()
    private var authors: [String: Author] = [:]
    private var terms: [TermKey: TermRecord] = [:]
    private var termOrder: [TermKey] = []
    private var termIDs: [Int: TermKey] = [:]
    /// The front matter keys of every taxonomy with a term.
    private var taxonomyKeys: Set<String> = []
    private var names: [String: UniqueNames] = [:]
    private var sections: [String: String] = [:]
    private var pages: [Int: [String]] = [:]
    private var pageFiles: [Int: String] = [:]
    private var parentPages: Set<Int> = []
    /// Each page's parent, and the unpublished pages with published pages below them.
    private var pageParents: [Int: Int] = [:]
    private var draftPages: Set<Int> = []
    private var draftPagesShown: Set<Int> = []
    private var titles: [Int: String] = [:]
    private var menuItems: [MenuItem] = []
    private var media: [(id: Int?, url: String, path: String)] = []
    private var redirects: RedirectMap
    private var ownFindings: [Finding] = []
    private var counts = Summary()
    private var hasBegun = false

    /// What was written; complete after `finish`.
    public private(set) var summary = Summary()
    /// What changed in the output folder compared with the previous run; set by `finish`.
    public private(set) var changes: SiteDirectory.Changes?
    /// Called on the exporting thread after each item read, with the number of items so far.
    public var progress: ((Int) -> Void)?
    private var itemsSeen = 0

    /// Starts a site export into `path`, built beside it until `finish`.
    /// - Parameter staging: Where the staging folder is registered, for the caller's interrupt handler to remove.
    /// - Throws: ``ExportError/outputExists(path:)`` when `path` exists, is not an earlier wxr output, and may
    ///   not be replaced.
    public init(path: String, replacing: Bool = false, options: MarkdownSiteOptions = MarkdownSiteOptions(),
                staging: StagingRegistry = StagingRegistry()) throws {
        if let siteURL = options.siteURL, let problem = MarkdownSiteOptions.problem(withSiteURL: siteURL) {
            throw ExportError.invalidOption(reason: "invalid site URL: \(problem)")
        }
        self.options = options
        redirects = options.siteURL.map { RedirectMap(newSiteURL: $0) } ?? RedirectMap()
        directory = try SiteDirectory(path: path, replacing: replacing, staging: staging)
        let threads = options.jobs ?? ProcessInfo.processInfo.activeProcessorCount
        pool = RenderPool(threads: threads, capacity: threads * 4)
    }

    public var exportFindings: [Finding] {
        ownFindings + state.findings.withLock { $0 }.sorted { ($0.line ?? 0, $0.code, $0.message) < ($1.line ?? 0, $1.code, $1.message) }
    }

    // MARK: The stream

    public func begin(site: Site) throws {
        self.site = site
        address = SiteAddress(site: site)
        hasBegun = true
    }

    public func write(author: Author) throws {
        if let login = author.login, authors[login] == nil { authors[login] = author }
    }

    public func write(term: Term) throws {
        guard Self.isContentTaxonomy(term.taxonomy), let slug = term.slug ?? term.name else { return }
        let key = TermKey(taxonomy: term.taxonomy, slug: slug)
        guard terms[key] == nil else { return }
        let record = addTerm(key, name: term.name ?? slug, id: term.id, parentSlug: term.parentSlug, description: term.description)
        if let id = term.id { termIDs[id] = key }
        _ = record
    }

    public func write(post: Post) throws {
        itemsSeen += 1
        progress?(itemsSeen)
        let type = post.type ?? "post"
        switch type {
        case "attachment":
            shared.add(post)
            addMedia(post)
            return
        case "wp_block":
            shared.add(post)
            counts.internalItems += 1
            return
        case "nav_menu_item":
            menuItems.append(MenuItem(post))
            counts.internalItems += 1
            return
        case _ where ContentRenderer.nonContentTypes.contains(type):
            counts.internalItems += 1
            return
        default:
            break
        }
        let status = post.status ?? "publish"
        if ["trash", "auto-draft", "inherit"].contains(status) {
            counts.trashed += 1
            return
        }
        let isDraft = status != "publish"
        if isDraft && options.drafts == .omit {
            counts.draftsOmitted += 1
            return
        }
        if let password = post.password, !password.isEmpty, !options.includeProtected {
            counts.protected += 1
            ownFindings.append(Finding(
                code: "site.protected-left-out", severity: .warning,
                message: "password-protected \(type) \"\(post.title ?? "")\" left out of the site",
                line: post.line, entity: .post(id: post.id), action: "skipped",
                hint: "--include-protected writes it (its content becomes public)"))
            return
        }
        let job = plan(post, type: type, isDraft: isDraft)
        if isDraft { counts.drafts += 1 } else { counts.published += 1 }
        counts.comments += options.comments == .none ? 0 : CommentThread(post.comments).count
        for term in post.terms where Self.isContentTaxonomy(term.taxonomy) {
            let key = TermKey(taxonomy: term.taxonomy, slug: term.slug ?? term.name)
            if terms[key] == nil { addTerm(key, name: term.name, id: nil, parentSlug: nil, description: nil) }
        }
        try submit(job, final: false)
    }

    public func finish(findings: [Finding]) throws {
        pool.drain()
        try rethrowWorkerError()
        // Every item is known now: what was put aside converts again if what it missed has turned up.
        try spool.forEach { deferred, job in
            if deferred.canComplete(index: index, shared: shared) {
                counts.convertedAtEnd += 1
                try submit(try job(), final: true)
            } else if let finding = deferred.finding {
                state.findings.withLock { $0.append(finding) }
            }
        }
        pool.close()
        try rethrowWorkerError()
        directory.startFlushing()
        try moveParentPages()
        try writeTermPages()
        try writeMenus()
        try writeRedirectsAndMedia()
        try writeStarter()
        counts.redirects = redirects.redirects.count
        summary = counts
        changes = try directory.commit()
    }

    public func abandon() {
        pool.close()
        directory.abandon()
    }

    // MARK: Planning, on the exporting thread

    /// Where one post goes and what it needs; what a worker converts.
    struct Job: Spoolable {
        var post: Post
        var kind: Kind
        var isDraft: Bool
        var file: String
        var url: String
        var commentsFile: String?
        var aliases: [String]

        enum Kind: Int {
            case post, page, custom
        }

        init(post: Post, kind: Kind, isDraft: Bool, file: String, url: String, commentsFile: String?, aliases: [String]) {
            self.post = post
            self.kind = kind
            self.isDraft = isDraft
            self.file = file
            self.url = url
            self.commentsFile = commentsFile
            self.aliases = aliases
        }

        func spooled() -> [UInt8] {
            var coding = PostCoding()
            coding.write(post)
            coding.write(kind.rawValue)
            coding.write(isDraft ? 1 : 0)
            coding.write(file)
            coding.write(url)
            coding.write(commentsFile)
            coding.write(aliases.count)
            for alias in aliases { coding.write(alias) }
            return coding.bytes
        }

        init(spooled bytes: [UInt8]) throws {
            var decoding = PostDecoding(bytes)
            post = try decoding.post()
            kind = Kind(rawValue: try decoding.integer()) ?? .post
            isDraft = try decoding.integer() == 1
            file = try decoding.string()
            url = try decoding.string()
            commentsFile = try decoding.optionalString()
            aliases = try (0..<max(0, try decoding.integer())).map { _ in try decoding.string() }
        }
    }

    private func plan(_ post: Post, type: String, isDraft: Bool) -> Job {
        let flavor = options.flavor
        let wanted = PathComponent(slug: post.slug, title: post.title)?.name ?? "untitled"
        let kind: Job.Kind = type == "post" ? .post : type == "page" ? .page : .custom
        var file: String
        var url: String
        var commentsFile: String?
        switch kind {
        case .post:
            let name = claim(wanted, in: "post", for: post)
            let day = SiteDates.day(post.date) ?? SiteDates.day(post.dateGMT) ?? "1970-01-01"
            url = flavor.postURL(name: name, day: day)
            switch flavor {
            case .hugo:
                file = "content/posts/\(name)/index.md"
                commentsFile = "content/posts/\(name)/comments.yaml"
            case .jekyll:
                file = isDraft ? "_drafts/\(name).md" : "_posts/\(day)-\(name).md"
                // The layout finds them by id; without one they go in the front matter.
                commentsFile = post.id.map { "_data/comments/\($0).yml" }
            case .eleventy, .astro:
                file = "src/content/posts/\(name).md"
            case .plain:
                file = "post/\(name).md"
            }
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
            switch flavor {
            case .hugo: file = "content/\(path)/index.md"
            case .jekyll: file = "\(path)/index.md"
            case .eleventy, .astro: file = "src/content/pages/\(path).md"
            case .plain: file = "page/\(path).md"
            }
            if let id = post.id { pageFiles[id] = file }
            if flavor == .hugo { commentsFile = "content/\(path)/comments.yaml" }
            if flavor == .jekyll { commentsFile = post.id.map { "_data/comments/\($0).yml" } }
        case .custom:
            let section = self.section(for: type)
            let name = claim(wanted, in: "type:" + section, for: post)
            url = "/\(section)/\(name)/"
            switch flavor {
            case .hugo:
                file = "content/\(section)/\(name)/index.md"
                commentsFile = "content/\(section)/\(name)/comments.yaml"
            case .jekyll:
                file = "_\(section)/\(name).md"
                commentsFile = post.id.map { "_data/comments/\($0).yml" }
            case .eleventy, .astro: file = "src/content/\(section)/\(name).md"
            case .plain: file = "\(section)/\(name).md"
            }
        }
        if commentsFile == nil && flavor != .jekyll { commentsFile = String(file.dropLast(3)) + ".comments.yaml" }
        if options.comments != .file { commentsFile = nil }

        var aliases: [String] = []
        if let id = post.id { titles[id] = Self.plainTitle(post.title) }
        if !isDraft {
            if let link = post.link, let key = address.key(of: link) {
                index.add(key, url: url)
                let old = RedirectMap.oldPath(of: link)
                if let old, let listing = listPage(at: old) {
                    ownFindings.append(Finding(
                        code: "site.redirect-shadowed", severity: .warning,
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
            if let guid = post.guid, let key = address.key(of: guid) { index.add(key, url: url) }
            if let id = post.id {
                index.add("?p=\(id)", url: url)
                redirects.add(from: "/?p=\(id)", to: url)
                if kind == .page {
                    index.add("?page_id=\(id)", url: url)
                    redirects.add(from: "/?page_id=\(id)", to: url)
                }
            }
        }
        return Job(post: post, kind: kind, isDraft: isDraft, file: file, url: url, commentsFile: commentsFile, aliases: aliases)
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
            ownFindings.append(Finding(
                code: "site.name-collision", severity: .info,
                message: "\"\(wanted)\" is taken in its folder; \(post.type ?? "post") \(post.id.map(String.init) ?? "") named \"\(name)\"",
                line: post.line, entity: .post(id: post.id), action: "renamed"))
        }
        return name
    }

    /// Hugo 0.111 takes any top-level folder whose name merely starts with a taxonomy's (`tags-in-a-title`)
    /// for part of that taxonomy, and stops with "missing taxonomy": such names get a `page-` prefix.
    private func rootSafe(_ name: String) -> String {
        guard options.flavor == .hugo else { return name }
        let keys = ["categories", "tags"] + termOrder.map { SiteFlavor.taxonomyKey($0.taxonomy) }
        return keys.contains { name.hasPrefix($0) } ? "page-" + name : name
    }

    /// Names a top-level page may not take: the flavor's sections and folders.
    /// What the generator itself shows at `path`, when it is one of the lists it makes: Hugo's section and
    /// taxonomy lists (`/posts/`, `/categories/`). An old URL there would hide the list, or be hidden by it.
    private func listPage(at path: String) -> String? {
        guard options.flavor == .hugo else { return nil }
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        guard segments.count == 1, !path.utf8.contains(0x3F) else { return nil }
        let name = String(segments[0]).lowercased()
        if name == "posts" || sections.values.contains(name) { return "list of the \(name) section" }
        if name == "categories" || name == "tags" || taxonomyKeys.contains(name) {
            return "list of its \(name)"
        }
        return nil
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
    private func addTerm(_ key: TermKey, name: String, id: Int?, parentSlug: String?, description: String?) -> TermRecord {
        var termNames = names["term:" + key.taxonomy] ?? UniqueNames()
        let pathName = termNames.claim(PathComponent(slug: key.slug, title: name)?.name ?? "term").name
        names["term:" + key.taxonomy] = termNames
        let url = options.flavor.termURL(taxonomy: key.taxonomy, name: pathName)
        let record = TermRecord(name: Self.plainTitle(name), pathName: pathName, url: url, id: id, parentSlug: parentSlug, description: description)
        terms[key] = record
        termOrder.append(key)
        taxonomyKeys.insert(SiteFlavor.taxonomyKey(key.taxonomy))
        // The old archive's URL: WordPress's default bases, parents' slugs first for categories.
        var chain = [key.slug]
        var parent = parentSlug
        while let slug = parent, chain.count < 16, let parentRecord = terms[TermKey(taxonomy: key.taxonomy, slug: slug)] {
            chain.insert(slug, at: 0)
            parent = parentRecord.parentSlug
        }
        let base = key.taxonomy == "category" ? "category" : key.taxonomy == "post_tag" ? "tag" : key.taxonomy
        var oldPaths = ["/\(base)/\(key.slug)/"]
        if chain.count > 1 { oldPaths.insert("/\(base)/\(chain.joined(separator: "/"))/", at: 0) }
        for path in oldPaths {
            index.add(SiteAddress.normalizedPath(path), url: url)
            redirects.add(from: path, to: url)
        }
        if let id, key.taxonomy == "category" {
            index.add("?cat=\(id)", url: url)
            redirects.add(from: "/?cat=\(id)", to: url)
        }
        if key.taxonomy == "post_tag" {
            index.add(SiteAddress.tagQueryKey(slug: key.slug), url: url)
            redirects.add(from: "/?tag=\(key.slug)", to: url)
        }
        terms[key]?.oldPaths = oldPaths.map(PathComponent.percentDecoded)
            .filter { SiteAddress.normalizedPath($0) != SiteAddress.normalizedPath(url) }
        return terms[key]!
    }

    private func addMedia(_ post: Post) {
        guard let url = post.attachmentURL ?? post.guid, !url.isEmpty else { return }
        let path: String
        if case .upload(let uploadPath)? = address.target(of: url)?.target { path = uploadPath } else { path = url }
        media.append((post.id, url, path))
        if let id = post.id {
            index.add("?attachment_id=\(id)", url: path)
            redirects.add(from: "/?attachment_id=\(id)", to: path)
        }
        // The attachment's own page goes to the file.
        if let link = post.link, let key = address.key(of: link), link != url {
            index.add(key, url: path)
            redirects.add(from: link, to: path)
        }
    }

    private static let nonContentTaxonomies: Set<String> = [
        "nav_menu", "post_format", "link_category", "wp_theme", "wp_template_part_area", "wp_pattern_category",
        "product_type", "product_visibility", "product_shipping_class",
    ]

    private static func isContentTaxonomy(_ taxonomy: String) -> Bool {
        !nonContentTaxonomies.contains(taxonomy) && !taxonomy.hasPrefix("pa_")
    }

    static func plainTitle(_ title: String?) -> String {
        guard let title else { return "" }
        let text = title.utf8.contains { $0 == 0x26 || $0 == 0x3C } ? PlainText.of(title) : title
        return text.trimmingSpaces
    }

    // MARK: Converting, on the workers

    /// What workers report back: findings, and the first error, which stops the run.
    private final class WorkerState: Sendable {
        let findings = Mutex<[Finding]>([])
        let error = Mutex<(any Error)?>(nil)
    }

    /// A snapshot of what workers read, fixed before the first post (authors and terms come first).
    private struct Lookup: Sendable {
        var authors: [String: Author]
        var terms: [TermKey: TermRecord]
    }

    private var lookup: Lookup?

    private func submit(_ job: Job, final: Bool) throws {
        try rethrowWorkerError()
        // Terms seen first on a post are added as posts come; the snapshot is refreshed when they change.
        if lookup == nil || lookup!.terms.count != terms.count || lookup!.authors.count != authors.count {
            lookup = Lookup(authors: authors, terms: terms)
        }
        let lookup = lookup!
        let work = Worker(
            options: options, address: address, index: index, shared: shared, directory: directory, spool: spool,
            lookup: lookup, state: state)
        pool.submit { work.run(job, final: final) }
    }

    private func rethrowWorkerError() throws {
        if let error = state.error.withLock({ $0 }) { throw error }
    }

    /// Converts one post; a value copied to the thread that runs it.
    private struct Worker: Sendable {
        let options: MarkdownSiteOptions
        let address: SiteAddress
        let index: SiteIndex
        let shared: SharedContentContext
        let directory: SiteDirectory
        let spool: PostSpool<Deferred, Job>
        let lookup: Lookup
        let state: WorkerState

        func run(_ job: Job, final: Bool) {
            do {
                try convert(job, final: final)
            } catch {
                state.error.withLock { if $0 == nil { $0 = error } }
            }
        }

        private func convert(_ job: Job, final: Bool) throws {
            let misses = Misses()
            let context = ContentContext(shared: shared, rewriteURL: { [address, index] url in
                Self.resolve(url, address: address, index: index, misses: misses)
            })
            let renderer = ContentRenderer(options: options.render, context: context)
            let post = job.post
            let rendered = renderer.render(post)
            var featured: String?
            var missingIDs = rendered.missingAttachmentIDs
            if let thumbnail = post.metaValue(forKey: "_thumbnail_id").flatMap({ Int($0.trimmingSpaces) }), thumbnail > 0 {
                if let attachment = shared.attachment(thumbnail) {
                    featured = context.rewriteURL?(attachment.url) ?? attachment.url
                } else {
                    missingIDs.append(thumbnail)
                }
            }
            var front = frontMatter(job, rendered: rendered, featured: featured, renderer: renderer)
            let thread = CommentThread(post.comments)
            if !thread.isEmpty, options.comments != .none {
                let comments = thread.node(renderer: renderer, includePrivateData: options.includePrivateData)
                if let file = job.commentsFile {
                    try directory.write(try FrontMatter.serialize(comments), to: file, replacing: final)
                } else {
                    front["comments"] = comments
                }
            }
            var body = rendered.markdown
            if !body.isEmpty && !body.hasSuffix("\n") { body += "\n" }
            try directory.write(try front.yaml() + (body.isEmpty ? "" : "\n" + body), to: job.file, replacing: final)

            let deferred = Deferred(
                line: post.line, postID: post.id, keys: misses.keys, urls: misses.urls, attachmentIDs: missingIDs,
                blockIDs: rendered.missingReusableBlockIDs, showsAttachedImages: rendered.showsAttachedImages)
            guard deferred.isIncomplete else { return }
            if final {
                if let finding = deferred.finding { state.findings.withLock { $0.append(finding) } }
            } else {
                try spool.append(job, note: deferred, size: 512 + (post.content?.utf8.count ?? 0)
                    + post.comments.reduce(0) { $0 + 256 + ($1.content?.utf8.count ?? 0) })
            }
        }

        /// The new URL of an old one: uploads keep their path, items go to their new URL, archives stay.
        static func resolve(_ url: String, address: SiteAddress, index: SiteIndex, misses: Misses) -> String? {
            guard let (target, fragment) = address.target(of: url) else { return nil }
            switch target {
            case .upload(let path): return path + fragment
            case .home: return "/" + fragment
            case .archive(let key): return index.url(for: key).map { $0 + fragment }
            case .item(let key):
                if let new = index.url(for: key) { return new + fragment }
                misses.add(url, key: key)
                return nil
            }
        }

        private func frontMatter(_ job: Job, rendered: RenderedContent, featured: String?, renderer: ContentRenderer) -> FrontMatter {
            let post = job.post
            let flavor = options.flavor
            var front = FrontMatter()
            front["title"] = .string(MarkdownSiteExporter.plainTitle(post.title))
            let date = SiteDates.withOffset(local: post.date, utc: post.dateGMT)
            front["date"] = .timestamp(date)
            let modified = SiteDates.withOffset(local: post.modified, utc: post.modifiedGMT)
            if modified != date { front[flavor == .jekyll ? "last_modified_at" : "lastmod"] = .timestamp(modified) }
            front["slug"] = .string(String(job.url.split(separator: "/").last ?? ""))
            if job.isDraft {
                if flavor == .jekyll {
                    if job.kind != .post { front["published"] = .boolean(false) }
                } else {
                    front["draft"] = .boolean(true)
                }
                front["wp_status"] = .string(post.status ?? "draft")
            }
            if let login = post.authorLogin, !login.isEmpty {
                let author = lookup.authors[login]
                front["author"] = .string(author?.displayName.flatMap { $0.isEmpty ? nil : $0 } ?? login)
                front["author_login"] = .string(login)
            }
            var byTaxonomy: [(String, [String])] = []
            for term in post.terms where MarkdownSiteExporter.isContentTaxonomy(term.taxonomy) {
                let record = lookup.terms[TermKey(taxonomy: term.taxonomy, slug: term.slug ?? term.name)]
                // Hugo files terms by what the front matter says: the term page's folder name, titled on that page.
                let value = flavor == .hugo ? (record?.pathName ?? term.name) : (record?.name ?? term.name)
                let key = SiteFlavor.taxonomyKey(term.taxonomy)
                if let at = byTaxonomy.firstIndex(where: { $0.0 == key }) {
                    if !byTaxonomy[at].1.contains(value) { byTaxonomy[at].1.append(value) }
                } else {
                    byTaxonomy.append((key, [value]))
                }
            }
            for key in ["categories", "tags"] {
                if let values = byTaxonomy.first(where: { $0.0 == key })?.1 { front[key] = .list(values) }
            }
            for (key, values) in byTaxonomy where key != "categories" && key != "tags" { front[key] = .list(values) }
            if let excerpt = post.excerpt, !excerpt.isBlank {
                let text = renderer.render(excerpt).markdown.trimmingSpaces
                front[flavor == .jekyll ? "excerpt" : "summary"] = .string(text)
            }
            front[flavor == .jekyll ? "image" : "featured_image"] = .string(featured)
            front["wp_id"] = .integer(post.id)
            if post.type != "post" { front["wp_type"] = .string(post.type ?? "post") }
            if !job.isDraft && !job.aliases.isEmpty {
                if flavor == .jekyll {
                    front["redirect_from"] = .list(job.aliases)
                } else if flavor != .eleventy && flavor != .astro {
                    front["aliases"] = .list(job.aliases)
                }
            }
            if (flavor == .jekyll && job.kind == .post && !job.isDraft) || flavor == .eleventy {
                front["permalink"] = .string(job.url)
            }
            let description = ["_yoast_wpseo_metadesc", "rank_math_description", "_aioseo_description", "_aioseop_description"]
                .lazy.compactMap { post.metaValue(forKey: $0)?.trimmingSpaces }.first { !$0.isEmpty }
            front["description"] = .string(description)
            if let format = post.terms.first(where: { $0.taxonomy == "post_format" }) {
                let slug = format.slug ?? format.name
                front["format"] = .string(slug.hasPrefix("post-format-") ? String(slug.dropFirst(12)) : slug)
            }
            if post.isSticky { front["sticky"] = .boolean(true) }
            if job.kind == .page, post.menuOrder != 0 { front["weight"] = .integer(post.menuOrder) }
            front["meta"] = metaNode(post.meta)
            return front
        }

        private func metaNode(_ meta: [MetaEntry]) -> Node? {
            guard options.meta != .none else { return nil }
            var pairs: [(String, [Node])] = []
            for entry in meta where options.meta == .all || !entry.key.hasPrefix("_") {
                let value: Node
                if let decoded = PHPSerialized.decode(entry.value) {
                    value = .php(decoded.value)
                } else {
                    value = .string(entry.value)
                }
                if let at = pairs.firstIndex(where: { $0.0 == entry.key }) { pairs[at].1.append(value) } else { pairs.append((entry.key, [value])) }
            }
            guard !pairs.isEmpty else { return nil }
            return .map(pairs.map { ($0.0, $0.1.count == 1 ? $0.1[0] : .list($0.1)) })
        }
    }

    /// The old-site links of one post that found no item, gathered while it renders (on one thread).
    final class Misses: @unchecked Sendable {
        private(set) var urls: [String] = []
        private(set) var keys: [String] = []

        func add(_ url: String, key: String) {
            guard !keys.contains(key) else { return }
            urls.append(url)
            keys.append(key)
        }
    }

    /// A post written with something it could not find yet: old-site links, attachments, reusable blocks, or
    /// a gallery of the images attached to it. Written as it was; converted again at the end if what it missed
    /// has turned up since, which gives the same file as converting it at the end in the first place.
    struct Deferred {
        var line: Int
        var postID: Int?
        var keys: [String]
        var urls: [String]
        var attachmentIDs: [Int]
        var blockIDs: [Int]
        var showsAttachedImages: Bool

        var isIncomplete: Bool {
            !keys.isEmpty || !attachmentIDs.isEmpty || !blockIDs.isEmpty || showsAttachedImages
        }

        /// Whether converting it again now would give something else.
        func canComplete(index: SiteIndex, shared: SharedContentContext) -> Bool {
            // Attached images may have arrived after it: only the end knows them all.
            showsAttachedImages || keys.contains { index.url(for: $0) != nil }
                || attachmentIDs.contains { shared.attachment($0) != nil } || blockIDs.contains { shared.reusableBlock($0) != nil }
        }

        /// What stays missing, for the report.
        var finding: Finding? {
            var parts: [String] = []
            if !urls.isEmpty {
                let listed = urls.prefix(3).joined(separator: ", ") + (urls.count > 3 ? ", …" : "")
                parts.append("\(urls.count) link\(urls.count == 1 ? "" : "s") to the old site that match no item kept: \(listed)")
            }
            if !attachmentIDs.isEmpty {
                parts.append("attachment ids not in the export: \(attachmentIDs.map(String.init).joined(separator: ", "))")
            }
            if !blockIDs.isEmpty { parts.append("reusable block ids not in the export: \(blockIDs.map(String.init).joined(separator: ", "))") }
            guard !parts.isEmpty else { return nil }
            return Finding(
                code: "site.link-unresolved", severity: .info, message: parts.joined(separator: "; "),
                line: line, entity: .post(id: postID), action: "kept as they are",
                hint: "the items may be drafts, trash, or not in the export; the redirect map does not cover them")
        }
    }

    // MARK: The end: what needs every item

    /// Hugo: a page with pages under it is a branch bundle (`_index.md`), or they would be its resources.
    private func moveParentPages() throws {
        guard options.flavor == .hugo else { return }
        for id in parentPages.sorted() {
            guard let file = pageFiles[id], file.hasSuffix("/index.md") else { continue }
            let target = String(file.dropLast("index.md".count)) + "_index.md"
            if draftPagesShown.contains(id) {
                // Hugo leaves out everything below a draft section, so a draft with published pages below it is
                // kept out of the build by itself alone.
                try directory.move(file, to: target, changing: Self.hidingSection)
            } else {
                try directory.move(file, to: target)
            }
        }
    }

    /// A section's front matter with `draft: true` replaced by build options that neither render nor list it.
    static func hidingSection(_ bytes: [UInt8]) -> [UInt8] {
        let draft = Array("\ndraft: true\n".utf8)
        let end = Array("\n---\n".utf8)
        guard let limit = bytes.firstRange(of: end)?.lowerBound,
              let range = bytes[..<(limit + 1)].firstRange(of: draft) else { return bytes }
        var changed = bytes
        changed.replaceSubrange(range, with: Array("\n_build:\n  render: never\n  list: never\n".utf8))
        return changed
    }

    private func writeTermPages() throws {
        guard options.flavor == .hugo || options.flavor == .jekyll else { return }
        for key in termOrder {
            guard let record = terms[key] else { continue }
            var front = FrontMatter()
            front["title"] = .string(record.name)
            let file: String
            if options.flavor == .hugo {
                file = "content\(record.url)_index.md"
                front["description"] = .string(record.description.map { PlainText.of($0).trimmingSpaces })
                front["aliases"] = .list(record.oldPaths)
            } else {
                file = String(record.url.dropFirst()) + "index.md"
                front["layout"] = .string("term")
                front["taxonomy"] = .string(key.taxonomy)
                front["taxonomy_key"] = .string(SiteFlavor.taxonomyKey(key.taxonomy))
                front["term"] = .string(record.name)
                front["description"] = .string(record.description.map { PlainText.of($0).trimmingSpaces })
                front["redirect_from"] = .list(record.oldPaths)
            }
            front["wp_term_id"] = .integer(record.id)
            try directory.write(try front.yaml(), to: file)
            counts.termPages += 1
        }
    }

    private func writeMenus() throws {
        guard !menuItems.isEmpty else { return }
        let resolver = Worker.self
        let misses = Misses()
        let menus = NavMenu.build(menuItems) { item in
            switch item.kind {
            case "taxonomy":
                return item.objectID.flatMap { termIDs[$0] }.flatMap { terms[$0] }.map { ($0.url, $0.name) }
            case "post_type":
                guard let id = item.objectID, let url = index.url(for: "?p=\(id)") else { return nil }
                return (url, titles[id] ?? "")
            default:
                guard let url = item.url, !url.isEmpty else { return nil }
                return (resolver.resolve(url, address: address, index: index, misses: misses) ?? url, "")
            }
        }
        if case .mapping(let mapping) = menus, mapping.isEmpty { return }
        let file: String
        switch options.flavor {
        case .hugo: file = "data/menus.yaml"
        case .jekyll: file = "_data/menus.yml"
        case .eleventy: file = "src/_data/menus.yaml"
        case .astro: file = "src/data/menus.yaml"
        case .plain: file = "menus.yaml"
        }
        try directory.write(try FrontMatter.serialize(menus), to: file)
    }

    private func writeRedirectsAndMedia() throws {
        let netlify: String
        switch options.flavor {
        case .hugo: netlify = "static/_redirects"
        case .jekyll: netlify = "_redirects"
        case .eleventy, .astro: netlify = "public/_redirects"
        case .plain: netlify = "wxr/_redirects"
        }
        let files: [(RedirectMap.Format, String)] = [
            (.netlify, netlify), (.nginx, "wxr/redirects.nginx.conf"), (.apache, "wxr/redirects.htaccess"), (.csv, "wxr/redirects.csv"),
        ]
        // Four renderings of every redirect, one per core, each written a piece at a time.
        let failure = Mutex<ExportError?>(nil)
        let map = redirects
        DispatchQueue.concurrentPerform(iterations: files.count) { [directory] index in
            do throws(ExportError) {
                try directory.write(to: files[index].1) { append throws(ExportError) in
                    try map.render(as: files[index].0, into: append)
                }
            } catch {
                failure.withLock { $0 = $0 ?? error }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        counts.media = media.count
        // A line at a time: an attachment each, tens of thousands on a large site.
        let media = self.media
        try directory.write(to: "wxr/media.csv") { append throws(ExportError) in
            try append(Array("id,url,path\n".utf8))
            for item in media {
                let fields = [item.id.map(String.init) ?? "", item.url, item.path].map(Self.csvField)
                try append(Array((fields.joined(separator: ",") + "\n").utf8))
            }
        }
    }

    private static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private func writeStarter() throws {
        let files: [(path: String, contents: String)]
        switch options.flavor {
        case .hugo: files = try HugoStarter.files(for: starterSite())
        case .jekyll: files = try JekyllStarter.files(for: starterSite())
        case .eleventy, .astro, .plain: files = []
        }
        for file in files { try directory.write(file.contents, to: file.path) }
    }

    private func starterSite() -> StarterSite {
        var taxonomies: [StarterTaxonomy] = []
        var seen: Set<String> = []
        for key in [TermKey(taxonomy: "category", slug: ""), TermKey(taxonomy: "post_tag", slug: "")] + termOrder
        where seen.insert(key.taxonomy).inserted {
            let label = key.taxonomy == "category" ? "Categories" : key.taxonomy == "post_tag" ? "Tags" : key.taxonomy
            taxonomies.append(StarterTaxonomy(wordpressName: key.taxonomy, key: SiteFlavor.taxonomyKey(key.taxonomy), label: label))
        }
        return StarterSite(
            title: Self.plainTitle(site.title), baseURL: options.siteURL ?? "", languageCode: site.language ?? "",
            description: Self.plainTitle(site.description), taxonomies: taxonomies,
            sections: sections.values.sorted())
    }
}

/// A term by taxonomy and slug, as posts name it.
struct TermKey: Hashable, Sendable, Codable {
    var taxonomy: String
    var slug: String

    /// The slug as WordPress would store it: lowercase, spaces as hyphens. An export may declare a term as
    /// `Company News` and file its posts under `company-news`; WordPress makes them one term on import.
    init(taxonomy: String, slug: String) {
        self.taxonomy = taxonomy
        let lowered = SiteAddress.lowercased(slug)
        self.slug = lowered.utf8.contains(0x20) ? lowered.split(separator: " ").joined(separator: "-") : lowered
    }
}

/// What the site export knows of a term.
struct TermRecord: Sendable {
    var name: String
    /// The folder name of its page, and what Hugo front matter lists.
    var pathName: String
    var url: String
    var id: Int?
    var parentSlug: String?
    var description: String?
    /// WordPress's URLs for its archive that differ from the new one.
    var oldPaths: [String] = []
}
