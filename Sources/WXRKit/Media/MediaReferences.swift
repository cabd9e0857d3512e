/// Every media reference of a post: the URLs its HTML, shortcodes and blocks name, and the attachments it names
/// by id, found on the content's bytes with the project's scanners (``StartTagAttributes``, ``Shortcode``,
/// ``BlockParser``), without rendering it.
///
/// ```swift
/// let references = MediaReferences(content: #"<img src="/wp-content/uploads/a.jpg">[gallery ids="4,5"]"#)
/// references.urls           // [/wp-content/uploads/a.jpg (imageSource)]
/// references.attachmentIDs  // [4 (galleryShortcode), 5 (galleryShortcode)]
/// ```
///
/// URLs come as written, whoever's they are: ``MediaLocator`` decides which are the site's own. Each URL or id
/// is listed once per kind, in order: HTML in document order, then shortcodes, blocks and post meta.
public struct MediaReferences: Sendable, Equatable {
    /// The URLs, as written (`&amp;` decoded).
    public var urls: [MediaReference] = []
    /// The attachments named by id, for the caller to resolve to their URLs.
    public var attachmentIDs: [AttachmentReference] = []
    /// Whether a `[gallery]` or `[playlist]` without ids, or an `[audio]` or `[video]` without a file, shows the
    /// post's own attachments (those whose parent it is).
    public var showsOwnAttachments = false

    /// The references in `content` (HTML, classic-editor text or block markup).
    public init(content: String) {
        collectHTML(content)
        collectShortcodes(content)
        collectBlocks(content)
    }

    /// The references in the post's content, its featured image (`_thumbnail_id`) and podcast enclosures.
    public init(post: Post) {
        self.init(content: post.content ?? "")
        for entry in post.meta {
            if entry.key == "_thumbnail_id", let id = Int(entry.value.trimmingSpaces), id > 0 {
                add(id: id, .featuredImage)
            } else if entry.key == "enclosure" {
                // WordPress stores "URL\nlength\nMIME type".
                add(url: String(entry.value.split(whereSeparator: \.isNewline).first ?? ""), .enclosure)
            }
        }
    }

    mutating func add(url: String, _ kind: MediaReference.Kind) {
        let url = url.trimmingSpaces
        // `data:` images are inside the post already; `#` and empty values name nothing.
        guard !url.isEmpty, !url.hasPrefix("#"), !url.lowercasedFast.hasPrefix("data:") else { return }
        let reference = MediaReference(url: url, kind: kind)
        if !urls.contains(reference) { urls.append(reference) }
    }

    mutating func add(id: Int, _ kind: MediaReference.Kind) {
        let reference = AttachmentReference(id: id, kind: kind)
        if id > 0, !attachmentIDs.contains(reference) { attachmentIDs.append(reference) }
    }

    /// `1, 2,3`, as galleries list ids.
    mutating func add(idList: String, _ kind: MediaReference.Kind) {
        for item in idList.split(separator: ",") {
            if let id = Int(String(item).trimmingSpaces) { add(id: id, kind) }
        }
    }
}
