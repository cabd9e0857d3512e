/// A node of parsed post HTML: the small tree the content engine transforms and writes out.
///
/// Element and attribute names are lowercase (the HTML parser folds them); text is decoded (no entities).
enum HTMLNode: Sendable, Equatable {
    case element(HTMLElement)
    case text(String)
    case comment(String)
}

/// An HTML element with its attributes in document order and its children.
struct HTMLElement: Sendable, Equatable {
    var name: String
    var attributes: [(name: String, value: String)]
    var children: [HTMLNode]

    init(_ name: String, attributes: [(name: String, value: String)] = [], children: [HTMLNode] = []) {
        self.name = name
        self.attributes = attributes
        self.children = children
    }

    subscript(attribute name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// The class names of the `class` attribute.
    var classes: [Substring] {
        (self[attribute: "class"] ?? "").split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
    }

    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.name == rhs.name && lhs.children == rhs.children
            && lhs.attributes.elementsEqual(rhs.attributes) { $0.name == $1.name && $0.value == $1.value }
    }

    /// All text inside, as the browser would lay it out before whitespace collapsing.
    var textContent: String {
        var text = ""
        func collect(_ nodes: [HTMLNode]) {
            for node in nodes {
                switch node {
                case .text(let value): text += value
                case .element(let element): element.name == "br" ? text.append("\n") : collect(element.children)
                case .comment: break
                }
            }
        }
        collect(children)
        return text
    }
}

/// What the engine needs to know about an element name.
enum HTMLTag {
    /// Elements with no content and no end tag.
    static let void: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    ]

    /// Elements that make blocks: never wrapped in a paragraph, and they end the paragraph before them.
    static let block: Set<String> = [
        "address", "article", "aside", "blockquote", "body", "canvas", "caption", "center", "dd", "details", "dialog",
        "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hgroup", "hr", "html", "iframe", "legend", "li", "main", "map", "math", "menu", "nav", "noscript",
        "object", "ol", "p", "pre", "section", "select", "style", "script", "summary", "svg", "table", "tbody", "td",
        "textarea", "tfoot", "th", "thead", "tr", "ul", "video", "audio",
        "wxr-embed", "wxr-autop", "wxr-more",
    ]

    /// Elements whose text is shown as written: no paragraphs, no line breaks added, no whitespace collapsed.
    static let preformatted: Set<String> = ["pre", "script", "style", "textarea", "code", "svg", "math"]
}
