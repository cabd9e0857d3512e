/// What the content engine needs to know about the rest of the site to render one post: attachments (for
/// galleries), reusable blocks (`wp_block` posts, inlined where used), and where the site's own URLs now go.
///
/// An export read as a stream learns attachments as it goes, while posts render on other threads: give such
/// renderers a ``SharedContentContext`` rather than copying dictionaries into each.
public struct ContentContext: Sendable {
    public struct Attachment: Sendable, Hashable {
        public var url: String
        public var parentID: Int?
        public var alt: String?
        public var menuOrder: Int

        public init(url: String, parentID: Int? = nil, alt: String? = nil, menuOrder: Int = 0) {
            self.url = url
            self.parentID = parentID
            self.alt = alt
            self.menuOrder = menuOrder
        }
    }

    public var attachments: [Int: Attachment] = [:]
    public var reusableBlocks: [Int: String] = [:]
    /// Attachments and reusable blocks learned elsewhere, looked up after the two dictionaries above.
    public var shared: SharedContentContext?
    /// The new URL for a link, image or media URL of the content, or `nil` to keep it as it is.
    public var rewriteURL: (@Sendable (String) -> String?)?

    public init(shared: SharedContentContext? = nil, rewriteURL: (@Sendable (String) -> String?)? = nil) {
        self.shared = shared
        self.rewriteURL = rewriteURL
    }

    /// Learns what `post` contributes: an attachment's URL, a reusable block's content. The first of an id wins,
    /// as in ``SharedContentContext`` and in WordPress's importer, which skips an id it has already imported.
    public mutating func add(_ post: Post) {
        guard let id = post.id else { return }
        switch post.type {
        case "attachment":
            guard attachments[id] == nil, let url = post.attachmentURL ?? post.guid, !url.isEmpty else { return }
            let alt = post.meta.first { $0.key == "_wp_attachment_image_alt" }?.value
            attachments[id] = Attachment(url: url, parentID: post.parentID, alt: alt, menuOrder: post.menuOrder)
        case "wp_block":
            if reusableBlocks[id] == nil { reusableBlocks[id] = post.content ?? "" }
        default:
            break
        }
    }

    func attachment(_ id: Int) -> Attachment? {
        attachments[id] ?? shared?.attachment(id)
    }

    func reusableBlock(_ id: Int) -> String? {
        reusableBlocks[id] ?? shared?.reusableBlock(id)
    }

    /// The attachments of a post, in gallery order (menu order, then id), for `[gallery]` without `ids`.
    func attachments(ofPost postID: Int) -> [(id: Int, attachment: Attachment)] {
        var found = attachments.filter { $0.value.parentID == postID }.map { (id: $0.key, attachment: $0.value) }
        if let shared { found += shared.attachments(ofPost: postID).filter { attachments[$0.id] == nil } }
        return found.sorted { ($0.attachment.menuOrder, $0.id) < ($1.attachment.menuOrder, $1.id) }
    }
}
