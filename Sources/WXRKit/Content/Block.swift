/// A Gutenberg block, or a run of freeform (classic) content between blocks.
///
/// `<!-- wp:image {"id":7} -->…<!-- /wp:image -->` becomes a block named `core/image` whose content is the HTML
/// between its delimiters, with nested blocks in place.
public struct Block: Sendable, Equatable {
    public enum Content: Sendable, Equatable {
        case html(String)
        case block(Block)
    }

    /// `core/paragraph`, `jetpack/slideshow`...; `nil` for freeform content.
    public var name: String?
    /// The block's attributes as written: a JSON object, or `nil` when it has none.
    public var attributesJSON: String?
    public var content: [Content]

    public init(name: String?, attributesJSON: String? = nil, content: [Content] = []) {
        self.name = name
        self.attributesJSON = attributesJSON
        self.content = content
    }

    /// The block's attributes decoded (a malformed object reads as no attributes).
    public var attributes: [String: JSONValue] {
        guard let attributesJSON, case .object(let object)? = JSONValue(parsing: attributesJSON) else { return [:] }
        return object
    }
}
