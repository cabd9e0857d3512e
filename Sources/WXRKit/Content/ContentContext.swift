/// What the content engine needs to know about the rest of the site to render one post: attachments (for
/// galleries) and reusable blocks (`wp_block` posts, inlined where used).
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

    public init() {}

    /// Learns what `post` contributes: an attachment's URL, a reusable block's content.
    public mutating func add(_ post: Post) {
        guard let id = post.id else { return }
        switch post.type {
        case "attachment":
            guard let url = post.attachmentURL ?? post.guid, !url.isEmpty else { return }
            let alt = post.meta.first { $0.key == "_wp_attachment_image_alt" }?.value
            attachments[id] = Attachment(url: url, parentID: post.parentID, alt: alt, menuOrder: post.menuOrder)
        case "wp_block":
            reusableBlocks[id] = post.content ?? ""
        default:
            break
        }
    }

    /// The attachments of a post, in gallery order (menu order, then id), for `[gallery]` without `ids`.
    func attachments(ofPost postID: Int) -> [(id: Int, attachment: Attachment)] {
        attachments.filter { $0.value.parentID == postID }
            .sorted { ($0.value.menuOrder, $0.key) < ($1.value.menuOrder, $1.key) }
            .map { ($0.key, $0.value) }
    }
}
