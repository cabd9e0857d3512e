/// The media files of a whole export and the posts that use them: every attachment, and every file of the
/// site's own hosts that a post's content, featured image, gallery or enclosure names.
///
/// Fed post by post as the reader yields them; the files are located only at the end, once every attachment has
/// said which hosts are the site's, attachments first and then references, in the export's order, so the same
/// export always gives the same paths.
///
/// ```swift
/// var plan = MediaPlan(site: site)
/// while let entity = try reader.next() { if case .post(let post) = entity { plan.add(post) } }
/// for entry in plan.entries() { print(entry.file.path, entry.postIDs) }
/// ```
public struct MediaPlan: Sendable {
    /// A file and the posts that use it (an attachment's own id when nothing else does).
    public struct Entry: Sendable, Hashable {
        public var file: MediaFile
        public var postIDs: [Int]
    }

    private struct Uses: Sendable {
        var postID: Int?
        var urls: [String]
        var attachmentIDs: [Int]
        /// The post shows the attachments whose parent it is (`[gallery]` without ids).
        var showsOwnAttachments: Bool
    }

    private let site: Site
    private let extraHosts: [String]
    private let sizeVariants: MediaLocator.SizeVariants
    private var attachmentURLs: [(id: Int?, url: String)] = []
    private var urlByAttachment: [Int: String] = [:]
    private var attachmentsByParent: [Int: [Int]] = [:]
    private var uses: [Uses] = []

    public init(site: Site, extraHosts: [String] = [], sizeVariants: MediaLocator.SizeVariants = .asReferenced) {
        self.site = site
        self.extraHosts = extraHosts
        self.sizeVariants = sizeVariants
    }

    /// Types whose content is never published: what they name is not the site's media.
    private static let skippedTypes: Set<String> = ["revision", "nav_menu_item", "customize_changeset", "oembed_cache"]
    private static let skippedStatuses: Set<String> = ["trash", "auto-draft"]

    public mutating func add(_ post: Post) {
        if post.type == "attachment" {
            guard let url = post.attachmentURL ?? post.guid, !url.isEmpty else { return }
            attachmentURLs.append((post.id, url))
            if let id = post.id, urlByAttachment[id] == nil {
                urlByAttachment[id] = url
                if let parent = post.parentID { attachmentsByParent[parent, default: []].append(id) }
            }
            return
        }
        guard !Self.skippedTypes.contains(post.type ?? ""), !Self.skippedStatuses.contains(post.status ?? "") else { return }
        let references = MediaReferences(post: post)
        guard !references.urls.isEmpty || !references.attachmentIDs.isEmpty || references.showsOwnAttachments else { return }
        uses.append(Uses(postID: post.id, urls: references.urls.map(\.url), attachmentIDs: references.attachmentIDs.map(\.id),
                         showsOwnAttachments: references.showsOwnAttachments))
    }

    /// Every file, once, in the order first located, with the posts that use it. `caseSensitiveDisk` keeps names
    /// that differ only in case apart as they are (see ``MediaLocator``).
    public func entries(caseSensitiveDisk: Bool = false) -> [Entry] {
        var locator = MediaLocator(site: site, extraHosts: extraHosts, sizeVariants: sizeVariants,
                                   caseSensitiveDisk: caseSensitiveDisk)
        for attachment in attachmentURLs { locator.addAttachmentURL(attachment.url) }
        var entries: [Entry] = []
        var indexByPath: [String: Int] = [:]
        /// The file `url` names, now used by `postID`; nil when it is not the site's.
        @discardableResult
        func use(_ url: String, by postID: Int?) -> MediaFile? {
            guard let file = locator.locate(url) else { return nil }
            if let index = indexByPath[file.path] {
                if let postID, !entries[index].postIDs.contains(postID) { entries[index].postIDs.append(postID) }
            } else {
                indexByPath[file.path] = entries.count
                entries.append(Entry(file: file, postIDs: postID.map { [$0] } ?? []))
            }
            return file
        }
        var attachmentIDs: [String: Int] = [:]
        for attachment in attachmentURLs {
            if let file = use(attachment.url, by: nil), let id = attachment.id, attachmentIDs[file.path] == nil {
                attachmentIDs[file.path] = id
            }
        }
        for post in uses {
            for url in post.urls { use(url, by: post.postID) }
            var ids = post.attachmentIDs
            if post.showsOwnAttachments, let id = post.postID { ids += attachmentsByParent[id] ?? [] }
            for id in ids { if let url = urlByAttachment[id] { use(url, by: post.postID) } }
        }
        // A file no post uses is named by its attachment, so a report still says which item it is.
        for index in entries.indices where entries[index].postIDs.isEmpty {
            if let id = attachmentIDs[entries[index].file.path] { entries[index].postIDs = [id] }
        }
        return entries
    }
}
