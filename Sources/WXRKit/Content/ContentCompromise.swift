/// A place where a post's content could not be written as plain Markdown, or was kept as written: what an owner
/// should look at after a migration. A post with none converted cleanly.
public struct ContentCompromise: Sendable, Hashable {
    /// What kind of compromise it is; each is its own finding code in a report (`content.` + the raw value).
    public enum Kind: String, Sendable, CaseIterable, Comparable {
        /// HTML that Markdown cannot hold, kept as raw HTML (an iframe, a form, a styled table); the construct is
        /// the element's name.
        case rawHTML = "raw-html"
        /// A table without a header row, given an empty one; the construct is `table`.
        case emptyTableHeader = "empty-table-header"
        /// A shortcode nothing converts, kept as written; the construct is its name.
        case unknownShortcode = "unknown-shortcode"
        /// An embed of a provider the engine does not know, written as a link; the construct is its host.
        case unknownEmbed = "unknown-embed"
        /// An image with no source (or only a placeholder), dropped; the construct is `img`.
        case imageWithoutSource = "image-without-source"

        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public var kind: Kind
    /// The element, shortcode or host concerned: `iframe`, `youtube`, `example.com`.
    public var construct: String
    /// A short excerpt of the source, on one line.
    public var excerpt: String

    public init(_ kind: Kind, construct: String, excerpt: String) {
        self.kind = kind
        self.construct = construct
        self.excerpt = Self.excerpt(excerpt)
    }

    /// Longest excerpt kept, in characters.
    public static let excerptLength = 80

    /// `text` on one line, spaces collapsed, cut to ``excerptLength`` characters with an ellipsis.
    static func excerpt(_ text: String) -> String {
        var result = ""
        var lastWasSpace = false
        for character in text {
            if character.isWhitespace {
                if !lastWasSpace, !result.isEmpty { result.append(" ") }
                lastWasSpace = true
                continue
            }
            lastWasSpace = false
            if result.count >= excerptLength {
                if result.hasSuffix(" ") { result.removeLast() }
                result.append("…")
                return result
            }
            result.append(character)
        }
        return result.hasSuffix(" ") ? String(result.dropLast()) : result
    }
}

/// Collects compromises while one post renders; shared by the stages of one rendering, never across threads.
final class CompromiseLog {
    private(set) var entries: [ContentCompromise] = []

    func add(_ kind: ContentCompromise.Kind, construct: String, excerpt: String) {
        entries.append(ContentCompromise(kind, construct: construct, excerpt: excerpt))
    }
}
