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
/// print(exporter.summary.description, exporter.changes?.summary ?? "")   // also in the run's ExportOutcome
/// ```
public final class MarkdownSiteExporter: Exporter {
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
            if draftsOmitted > 0 { reasons.append(Counted(draftsOmitted, "draft").description) }
            if protected > 0 { reasons.append("\(Counted.grouped(protected)) password-protected (kept private)") }
            if !reasons.isEmpty { text += "; left out: " + reasons.joined(separator: ", ") }
            if internalItems > 0 {
                text += "; \(Counted(internalItems, "WordPress internal")) (menu items, revisions, reusable blocks) not pages"
            }
            return text
        }
    }

    private let options: MarkdownSiteOptions
    private let layout: any SiteLayout
    private let directory: SiteDirectory
    /// Every old address the export answers to, kept or not: what tells a link to an item the site leaves out
    /// from one that matches nothing (the validation's `link.unresolved`).
    private var targets = LinkTargets()
    private let shared = SharedContentContext()
    private let pool: RenderPool
    private let spool = PostSpool<DeferredPost, SiteJob>()
    private let state = PageWriter.State()

    private let planner: SitePlanner
    /// What `finish` found: what the posts converted at the end still miss, then the content's compromises.
    private var finishFindings: [Finding] = []
    private var counts = Summary()
    private var hasBegun = false

    /// What was written; complete after `finish`.
    public private(set) var summary = Summary()
    /// What changed in the output folder compared with the previous run; set by `finish`.
    public private(set) var changes: SiteDirectory.Changes?

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
        layout = options.flavor.layout
        planner = SitePlanner(options: options)
        directory = try SiteDirectory(path: path, replacing: replacing, staging: staging)
        let threads = options.jobs ?? ProcessInfo.processInfo.activeProcessorCount
        pool = RenderPool(threads: threads, capacity: threads * 4)
    }

    /// The site export's own findings, complete after `finish`. Links to the old site that match nothing in the
    /// export are not among them: they are the validation's (`link.unresolved`, ``ValidatingExporter``), the
    /// same for every format.
    public var exportFindings: [Finding] {
        planner.findings + finishFindings
    }

    // MARK: The stream

    public func begin(site: Site) throws {
        planner.begin(site: site)
        hasBegun = true
    }

    public func write(author: Author) throws {
        planner.add(author)
    }

    public func write(term: Term) throws {
        targets.add(term)
        planner.add(term)
    }

    public func write(post: Post) throws {
        targets.add(post, address: planner.address)
        let type = post.type ?? "post"
        switch type {
        case "attachment":
            shared.add(post)
            planner.addMedia(post)
            return
        case "wp_block":
            shared.add(post)
            counts.internalItems += 1
            return
        case "nav_menu_item":
            planner.add(MenuItem(post))
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
            planner.findings.append(Finding(
                code: .siteProtectedLeftOut, severity: .warning,
                message: "password-protected \(type) \"\(post.title ?? "")\" left out of the site",
                line: post.line, entity: .post(id: post.id), action: "skipped",
                hint: "protected posts are written only when asked for, since their content becomes public"))
            return
        }
        let job = planner.plan(post, type: type, isDraft: isDraft)
        if isDraft { counts.drafts += 1 } else { counts.published += 1 }
        counts.comments += options.comments == .none ? 0 : CommentThread(post.comments).count
        planner.addTerms(usedBy: post)
        try submit(job, final: false)
    }

    public func finish(findings: [Finding]) throws -> ExportOutcome {
        pool.drain()
        try rethrowWorkerError()
        // Every item is known now: what was put aside converts again if what it missed has turned up.
        try spool.forEach { deferred, job in
            if deferred.canComplete(index: planner.index, shared: shared) {
                counts.convertedAtEnd += 1
                try submit(try job(), final: true)
            } else {
                state.incomplete.withLock { $0.append(deferred) }
            }
        }
        pool.close()
        try rethrowWorkerError()
        finishFindings = state.incomplete.withLock { $0 }.flatMap { $0.findings(targets: targets) }
            .sorted { ($0.line ?? 0, $0.code, $0.message) < ($1.line ?? 0, $1.code, $1.message) }
            + state.compromises.findings()
        directory.startFlushing()
        counts.termPages = try SiteFinisher(planner: planner, directory: directory).finish()
        counts.media = planner.media.count
        counts.redirects = planner.redirects.redirects.count
        summary = counts
        let changes = try directory.commit()
        self.changes = changes
        return ExportOutcome(findings: exportFindings, summary: "\(options.flavor.rawValue) site, \(counts)", notes: [
            "files: \(changes.summary)",
            options.siteURL.map { "site URL \($0): the base URL of the site, where the redirect maps lead" }
                ?? "no site URL given: links and redirects are relative to /, so the site works wherever it is served",
        ])
    }

    public func abandon() {
        pool.close()
        directory.abandon()
    }

    // MARK: Converting, on the workers

    private var lookup: PageWriter.Lookup?

    private func submit(_ job: SiteJob, final: Bool) throws {
        try rethrowWorkerError()
        // Terms seen first on a post are added as posts come; the snapshot is refreshed when they change.
        if lookup == nil || lookup!.terms.count != planner.terms.count || lookup!.authors.count != planner.authors.count {
            lookup = PageWriter.Lookup(authors: planner.authors, terms: planner.terms)
        }
        let lookup = lookup!
        let work = PageWriter(
            options: options, layout: layout, address: planner.address, index: planner.index, shared: shared,
            directory: directory, spool: spool, lookup: lookup, state: state)
        pool.submit { work.run(job, final: final) }
    }

    private func rethrowWorkerError() throws {
        if let error = state.error.withLock({ $0 }) { throw error }
    }
}
