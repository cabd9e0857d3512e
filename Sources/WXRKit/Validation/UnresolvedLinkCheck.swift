/// Finds the links to the old site's own pages that match nothing in the export (a deleted post, an older
/// address scheme such as `/blog/archives/12`) in posts' content, excerpts and approved comments:
/// `link.unresolved`, one finding per post, naming its URLs.
///
/// A link resolves as the site export resolves it (``SiteAddress``, `SiteAddress+Keys`): to an item by its
/// permalink, guid, `?p=`, `?page_id=` or `?attachment_id=`, whatever its status; to a term's archive
/// (`/category/news/`, `?cat=`, `?tag=`); an upload, the home page, a date or author archive and a feed
/// always do. A link may name an item further down the file, so the check concludes only at the end; until
/// then it keeps the export's keys (``LinkTargets``) and, for each post, the links not matched when it was
/// read (``WaitingLinks``), never the posts themselves; their keys are found again at the end.
///
/// ```swift
/// var check = UnresolvedLinkCheck()
/// check.begin(site: site)
/// for post in posts { check.add(post) }          // terms with `add(_ term:)`, in stream order
/// check.forEachFinding { finding, item in … }     // at the end
/// ```
struct UnresolvedLinkCheck {
    /// The code of its findings.
    static let code: FindingCode = .linkUnresolved

    private var address = SiteAddress(site: Site())
    private var targets = LinkTargets()
    private var waiting = WaitingLinks()

    mutating func begin(site: Site) {
        address = SiteAddress(site: site)
    }

    mutating func add(_ term: Term) {
        targets.add(term)
    }

    /// Learns the item's own addresses, then looks up its links: the ones that match nothing yet wait.
    mutating func add(_ post: Post) {
        targets.add(post, address: address)
        guard Self.isRead(post) else { return }
        var urls: [String] = []
        var keys: [String] = []
        // What the site export renders: the content, the excerpt, the comments readers see.
        for text in [post.content, post.excerpt] + post.comments.lazy.filter(\.isApproved).map(\.content) {
            guard let text, !text.isEmpty else { continue }
            for url in ContentLinks.urls(in: text) {
                guard let key = unmatchedKey(of: url), !keys.contains(key) else { continue }
                urls.append(url)
                keys.append(key)
            }
        }
        guard !urls.isEmpty else { return }
        waiting.append(post, urls: urls)
    }

    /// Passes one finding per post whose links still match nothing, in document order, with the post as the
    /// report names it, one at a time: most are only counted. Only meaningful once the whole export has been
    /// added.
    func forEachFinding(_ body: (Finding, ItemSummary?) -> Void) {
        waiting.forEach { links in
            let urls = links.urls.filter { unmatchedKey(of: $0) != nil }
            guard !urls.isEmpty else { return }
            let count = urls.count == 1 ? "1 link to the old site matches" : "\(urls.count) links to the old site match"
            let finding = Finding(
                code: Self.code, severity: .warning,
                message: "\(count) nothing in the export: \(urls.joined(separator: ", "))",
                line: links.line, entity: .post(id: links.postID), action: "left pointing at the old site",
                hint: "the page was deleted, is in another export, or had an older address; fix the link, or redirect the old URL")
            body(finding, links.item)
        }
    }

    /// The key of a link to an item of the old site that nothing in the export answers to (so far); nil for a
    /// link that resolves, or that is not to an item.
    private func unmatchedKey(of url: String) -> String? {
        guard case .item(let key)? = address.target(of: url)?.target, !targets.contains(key) else { return nil }
        return key
    }

    /// Content someone reads: not WordPress's internals, revisions or media, not the trash.
    private static func isRead(_ post: Post) -> Bool {
        !ContentRenderer.nonContentTypes.contains(post.type ?? "post") && post.status != "trash" && post.status != "auto-draft"
    }
}
