/// Finds the links to the old site's own pages that match nothing in the export (a deleted post, an older
/// address scheme such as `/blog/archives/12`) in posts' content, excerpts and approved comments:
/// `link.unresolved`, one finding per post, naming its URLs.
///
/// A link resolves as the site export resolves it (``SiteAddress``, `SiteAddress+Keys`): to an item by its
/// permalink, guid, `?p=`, `?page_id=` or `?attachment_id=`, whatever its status; to a term's archive
/// (`/category/news/`, `?cat=`, `?tag=`); an upload, the home page, a date or author archive and a feed
/// always do. A link may name an item further down the file, so the check concludes only at the end; until
/// then it keeps the export's keys (``LinkTargets``) and, for each post, the links not matched when it was
/// read, never the posts themselves.
///
/// ```swift
/// var check = UnresolvedLinkCheck()
/// check.begin(site: site)
/// for post in posts { check.add(post) }          // terms with `add(_ term:)`, in stream order
/// for (finding, item) in check.findings() { … }   // at the end
/// ```
struct UnresolvedLinkCheck {
    /// The code of its findings.
    static let code: FindingCode = .linkUnresolved

    private var address = SiteAddress(site: Site())
    private var targets = LinkTargets()
    private var waiting: [PostLinks] = []

    /// One post's links that matched nothing when it was read: each URL once (by what it resolves to).
    private struct PostLinks {
        var postID: Int?
        var line: Int
        var item: ItemSummary?
        var urls: [String] = []
        var keys: [KeyDigest] = []
    }

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
        var links = PostLinks(postID: post.id, line: post.line)
        // What the site export renders: the content, the excerpt, the comments readers see.
        for text in [post.content, post.excerpt] + post.comments.lazy.filter(\.isApproved).map(\.content) {
            guard let text, !text.isEmpty else { continue }
            for url in ContentLinks.urls(in: text) {
                guard case .item(let key)? = address.target(of: url)?.target else { continue }
                let digest = KeyDigest(key)
                guard !targets.contains(digest), !links.keys.contains(digest) else { continue }
                links.urls.append(url)
                links.keys.append(digest)
            }
        }
        guard !links.urls.isEmpty else { return }
        links.item = ItemSummary(post)
        waiting.append(links)
    }

    /// One finding per post whose links still match nothing, in document order, with the post as the report
    /// names it. Only meaningful once the whole export has been added.
    func findings() -> [(finding: Finding, item: ItemSummary?)] {
        waiting.compactMap { links in
            let urls = zip(links.urls, links.keys).filter { !targets.contains($0.1) }.map(\.0)
            guard !urls.isEmpty else { return nil }
            let count = urls.count == 1 ? "1 link to the old site matches" : "\(urls.count) links to the old site match"
            let finding = Finding(
                code: Self.code, severity: .warning,
                message: "\(count) nothing in the export: \(urls.joined(separator: ", "))",
                line: links.line, entity: .post(id: links.postID), action: "left pointing at the old site",
                hint: "the page was deleted, is in another export, or had an older address; fix the link, or redirect the old URL")
            return (finding, links.item)
        }
    }

    /// Content someone reads: not WordPress's internals, revisions or media, not the trash.
    private static func isRead(_ post: Post) -> Bool {
        !ContentRenderer.nonContentTypes.contains(post.type ?? "post") && post.status != "trash" && post.status != "auto-draft"
    }
}
