/// One post's content converted: the Markdown, and what the conversion noticed.
public struct RenderedContent: Sendable, Equatable {
    public var markdown: String
    /// Shortcodes kept as written because nothing knows how to convert them, counted by name.
    public var unknownShortcodes: [String: Int]
    /// Gallery ids that name no attachment of the export.
    public var missingAttachmentIDs: [Int]
    /// Reusable block ids (`core/block` refs) that name no `wp_block` item.
    public var missingReusableBlockIDs: [Int]
    /// Whether a `[gallery]` without ids showed the images attached to the post: the ones known when it rendered.
    public var showsAttachedImages = false
    /// Where the content could not be written as plain Markdown, in the order met; empty for a clean post.
    public var compromises: [ContentCompromise] = []

    /// Whether the post converted with no compromise.
    public var isClean: Bool { compromises.isEmpty }

    /// The marker WordPress uses to end a post's teaser; Hugo reads the same one.
    public static let moreMarker = "<!--more-->"

    /// The Markdown with the `<!--more-->` markers between its blocks taken out, for a generator that does not
    /// read them (its summary goes elsewhere).
    public var markdownWithoutMoreMarker: String {
        guard markdown.containsBytes("<!--more-->") else { return markdown }
        var blocks = markdown.components(separatedBy: "\n\n")
        blocks.removeAll { $0.trimmingSpaces == Self.moreMarker }
        let joined = blocks.joined(separator: "\n\n")
        return joined.isEmpty || joined.hasSuffix("\n") ? joined : joined + "\n"
    }

    /// The Markdown before the `<!--more-->` marker, or `nil` when the post has none.
    public var summary: String? {
        // On bytes: Foundation's `range(of:)` over every post's Markdown was 3% of a site's conversion.
        let range = markdown.firstRange(ofBytes: "\n<!--more-->\n")
            ?? (markdown.hasPrefix(Self.moreMarker + "\n") ? markdown.startIndex..<markdown.startIndex : nil)
        return range.map { String(markdown[..<$0.lowerBound]).trimmingSpaces }
    }
}
