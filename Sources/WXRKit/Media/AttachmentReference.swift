/// An attachment a post shows by its id (`[gallery ids=…]`, `wp:image`'s `id`, the featured image): the caller
/// looks up the attachment's URL (`wp:attachment_url`) in the export.
public struct AttachmentReference: Sendable, Hashable {
    /// The attachment's `wp:post_id`.
    public var id: Int
    public var kind: MediaReference.Kind

    public init(id: Int, kind: MediaReference.Kind) {
        self.id = id
        self.kind = kind
    }
}
