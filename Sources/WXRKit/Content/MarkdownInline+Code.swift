/// Code spans (split around the links inside them), presentational wrappers and raw inline tags.
extension MarkdownInline {
    mutating func code(_ text: String) {
        // Inline code has no line breaks: code written over several lines keeps them as breaks between spans.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.count > 1 {
            for (index, line) in lines.enumerated() {
                if index > 0 { lineBreak() }
                code(String(line.filter { $0 != "\r" }))
            }
            return
        }
        var text = String(text.map { $0 == "\r" ? " " : $0 })
        guard !text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) else {
            if !text.isEmpty { pendingSpace = true }
            return
        }
        // Spaces at the edges go outside the span, where they show the same and can't merge two spans' fences.
        if text.first == " " {
            pendingSpace = true
            text = String(text.drop(while: { $0 == " " }))
        }
        let trailingSpace = text.last == " "
        while text.last == " " { text.removeLast() }
        defer { if trailingSpace { pendingSpace = true } }
        flushSpace()
        if bytes.last == UInt8(ascii: "`") {
            // Right after another span, backticks would run together: say it in HTML.
            bytes += Array(("<code>" + HTMLSerializer.escape(text, quotes: false) + "</code>").utf8)
            atLineStart = false
            return
        }
        let fence = String(repeating: "`", count: Self.longestRun(of: "`", in: text) + 1)
        let pad = text.hasPrefix("`") || text.hasSuffix("`") || (text.hasPrefix(" ") && text.hasSuffix(" ") && !text.allSatisfy { $0 == " " })
        let body = isTableCell ? text.replacingOccurrences(of: "|", with: "\\|") : text
        bytes += Array((fence + (pad ? " " : "") + body + (pad ? " " : "") + fence).utf8)
        atLineStart = false
    }

    static func longestRun(of character: Character, in text: String) -> Int {
        var longest = 0
        var current = 0
        for each in text {
            current = each == character ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }

    /// Code that holds a link (`<tt>path <a href>[1]</a></tt>`): Markdown has no link inside a code span, so
    /// the span is split around it (code, link, code) and the link's text is code of its own.
    mutating func codeAroundLinks(_ nodes: [HTMLNode]) {
        var text = ""
        func flushCode(_ inline: inout MarkdownInline) {
            if !text.isEmpty { inline.code(text) }
            text = ""
        }
        for node in nodes {
            switch node {
            case .text(let value):
                text += value
            case .comment:
                break
            case .element(let element) where element.name == "a" && !(element[attribute: "href"] ?? "").trimmingSpaces.isEmpty:
                flushCode(&self)
                var link = element
                link.children = [.element(HTMLElement("code", children: element.children))]
                self.link(link)
            case .element(let element) where Self.containsLink(element.children):
                flushCode(&self)
                codeAroundLinks(element.children)
            case .element(let element):
                text += element.name == "br" ? "\n" : element.textContent
            }
        }
        flushCode(&self)
    }

    static func containsLink(_ nodes: [HTMLNode]) -> Bool {
        nodes.contains { node in
            guard case .element(let element) = node else { return false }
            return (element.name == "a" && !(element[attribute: "href"] ?? "").trimmingSpaces.isEmpty) || containsLink(element.children)
        }
    }

    /// A `<span>` or `<font>` whose styling is dropped: its content stays, and its `id`, which a link may point
    /// to, becomes an empty anchor. `data-*` attributes (editor and plugin state) and `title` go with the styling.
    mutating func presentationalWrapper(_ element: HTMLElement) {
        if let anchor = element[attribute: "id"]?.trimmingSpaces, !anchor.isEmpty, linkDepth == 0 {
            flushSpace()
            bytes += Array("<a id=\"\(HTMLSerializer.escape(anchor, quotes: true))\"></a>".utf8)
            atLineStart = false
        }
        write(element.children)
    }

    mutating func rawTags(_ element: HTMLElement, attributes: [(name: String, value: String)]) {
        flushSpace()
        let tag = HTMLElement(element.name, attributes: attributes)
        bytes += Array(HTMLSerializer.openTag(tag).utf8)
        atLineStart = false
        rawTagDepth += 1
        write(element.children)
        rawTagDepth -= 1
        flushSpace()
        bytes += Array("</\(element.name)>".utf8)
    }
}

extension String {
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
