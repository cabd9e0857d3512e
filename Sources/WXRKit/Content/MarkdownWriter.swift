/// Writes a tree of post HTML as CommonMark blocks: paragraphs, headings, lists, quotes, fenced code, GFM
/// tables, images, embeds; what Markdown cannot hold goes through as balanced raw HTML (or as its text, by option).
struct MarkdownWriter {
    var options: RenderOptions
    /// Where the writer notes what it could not express (raw HTML kept, a header made up).
    var compromises = CompromiseLog()

    func markdown(_ nodes: [HTMLNode]) -> String {
        let blocks = blocks(nodes)
        return blocks.isEmpty ? "" : blocks.joined(separator: "\n\n") + "\n"
    }

    /// Elements Markdown has no block syntax for.
    private static let rawBlocks: Set<String> = [
        "iframe", "video", "audio", "object", "embed", "form", "canvas", "svg", "math", "script", "style", "select",
        "textarea", "dl", "details", "dialog", "map", "noscript", "fieldset", "input", "button",
    ]

    /// An inline writer set up with this writer's options and log.
    private func makeInline() -> MarkdownInline {
        var inline = MarkdownInline()
        inline.keepsStyles = options.keepStyles
        inline.compromises = compromises
        return inline
    }

    func blocks(_ nodes: [HTMLNode]) -> [String] {
        let nodes = options.keepStyles ? nodes : Self.unwrappingPresentational(nodes)
        var output: [String] = []
        var run: [HTMLNode] = []
        var listMarkers = (bullet: 0, ordered: 0)
        var previousWasList: String?
        func flush() {
            if let paragraph = paragraph(run) {
                output.append(paragraph)
                previousWasList = nil
            }
            run.removeAll()
        }
        for (index, node) in nodes.enumerated() {
            switch node {
            case .text:
                run.append(node)
            case .comment(let text):
                let marker = text.trimmingSpaces
                if marker.hasPrefix("more") {
                    flush()
                    output.append("<!--more-->")
                    previousWasList = nil
                }
            case .element(let element):
                if element.name == "br", case .element(let next)? = nodes.dropFirst(index + 1).first(where: { !$0.isBlankText }),
                   next.name == "br" {
                    // Two line breaks in a row show a blank line: that is a new paragraph.
                    flush()
                    continue
                }
                guard HTMLTag.block.contains(element.name) || Self.rawBlocks.contains(element.name) else {
                    run.append(node)
                    continue
                }
                flush()
                if element.name == "ul" || element.name == "ol" {
                    // Two lists in a row would read as one: alternate the marker to keep them apart.
                    let isOrdered = element.name == "ol"
                    if previousWasList == element.name {
                        if isOrdered { listMarkers.ordered += 1 } else { listMarkers.bullet += 1 }
                    }
                    if let list = list(element, alternate: (isOrdered ? listMarkers.ordered : listMarkers.bullet) % 2 == 1) {
                        output.append(list)
                        previousWasList = element.name
                    }
                    continue
                }
                let made = block(element)
                if !made.isEmpty { previousWasList = nil }
                output += made
            }
        }
        flush()
        return output
    }

    private func block(_ element: HTMLElement) -> [String] {
        switch element.name {
        case "p":
            // The common paragraph, inline content only, needs none of the block machinery.
            let isPlain = !element.children.contains { node in
                if case .element(let child) = node {
                    return child.name == "br" || HTMLTag.block.contains(child.name) || Self.rawBlocks.contains(child.name)
                        || (!options.keepStyles && Self.wrapsBlocks(child))
                }
                if case .comment = node { return true }
                return false
            }
            return isPlain ? paragraph(element.children).map { [$0] } ?? [] : blocks(element.children)
        case "h1", "h2", "h3", "h4", "h5", "h6":
            var inline = makeInline()
            inline.isSingleLine = true
            inline.write(element.children)
            let text = inline.markdown
            guard !text.isEmpty else { return [] }
            let level = Int(element.name.dropFirst()) ?? 2
            return [String(repeating: "#", count: level) + " " + text]
        case "blockquote":
            let inner = blocks(element.children)
            guard !inner.isEmpty else { return [] }
            return [Self.prefixed(inner.joined(separator: "\n\n"), first: "> ", rest: "> ")]
        case "pre":
            return codeBlock(element)
        case "hr":
            return ["---"]
        case "table":
            return table(element)
        case "wxr-embed":
            return embed(element)
        case "img":
            return paragraph([.element(element)]).map { [$0] } ?? []
        default:
            if Self.rawBlocks.contains(element.name) { return raw(element) }
            return blocks(element.children)
        }
    }

    // MARK: Paragraphs

    private func paragraph(_ nodes: [HTMLNode]) -> String? {
        var inline = makeInline()
        inline.write(nodes)
        let text = inline.markdown
        // A paragraph of no-break spaces is an editor's spacer, not text.
        guard text.utf8.contains(where: { $0 > 0x20 && $0 < 0x80 })
            || !text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) else { return nil }
        return text
    }

    /// `<span>` and `<font>` wrappers that hold blocks (a heading in a coloured span): their children in their
    /// place, so the blocks come out as Markdown. Inline-only wrappers are left to ``MarkdownInline``.
    private static func unwrappingPresentational(_ nodes: [HTMLNode]) -> [HTMLNode] {
        guard nodes.contains(where: { if case .element(let element) = $0 { wrapsBlocks(element) } else { false } }) else { return nodes }
        var result: [HTMLNode] = []
        for node in nodes {
            guard case .element(let element) = node, wrapsBlocks(element) else {
                result.append(node)
                continue
            }
            // The id a link may point to stays, as an empty anchor (written by the inline writer).
            if let anchor = element[attribute: "id"]?.trimmingSpaces, !anchor.isEmpty {
                result.append(.element(HTMLElement("a", attributes: [("id", anchor)])))
            }
            result += unwrappingPresentational(element.children)
        }
        return result
    }

    private static func wrapsBlocks(_ element: HTMLElement) -> Bool {
        (element.name == "span" || element.name == "font") && element.children.contains { node in
            guard case .element(let child) = node else { return false }
            return HTMLTag.block.contains(child.name) || rawBlocks.contains(child.name) || wrapsBlocks(child)
        }
    }

    // MARK: Lists

    private func list(_ element: HTMLElement, alternate: Bool) -> String? {
        let isOrdered = element.name == "ol"
        var number = Int(element[attribute: "start"]?.trimmingSpaces ?? "") ?? 1
        var items: [[String]] = []
        for child in element.children {
            switch child {
            case .element(let item) where item.name == "li":
                items.append(blocks(item.children))
            case .element(let stray) where stray.name == "ul" || stray.name == "ol":
                // A list right inside a list (invalid, common): it belongs to the item before it.
                if let nested = list(stray, alternate: false) {
                    if items.isEmpty { items.append([]) }
                    items[items.count - 1].append(nested)
                }
            case .text(let text) where text.isBlank:
                break
            case .comment:
                break
            case .element(let stray) where stray.name == "br":
                break
            default:
                if items.isEmpty { items.append([]) }
                items[items.count - 1] += blocks([child])
            }
        }
        guard !items.isEmpty else { return nil }
        // Tight unless an item holds more than one paragraph-like block.
        let isLoose = items.contains { item in item.filter { !Self.isList($0) }.count > 1 }
        var lines: [String] = []
        for (index, item) in items.enumerated() {
            let marker: String
            if isOrdered {
                if index == 0, number < 0 || number > 999_999_999 { number = 1 }
                marker = "\(number)\(alternate ? ")" : ".") "
                number += 1
            } else {
                marker = alternate ? "* " : "- "
            }
            var body = ""
            for (position, block) in item.enumerated() {
                if position > 0 {
                    // Only a list starting at 1 may interrupt a paragraph: another needs a blank line before it.
                    body += isLoose || Self.startsOrderedListAfterOne(block) ? "\n\n" : "\n"
                }
                body += block
            }
            let indent = String(repeating: " ", count: marker.count)
            lines.append(body.isEmpty ? marker.trimmingSpaces : Self.prefixed(body, first: marker, rest: indent))
        }
        return lines.joined(separator: isLoose ? "\n\n" : "\n")
    }

    private static func startsOrderedListAfterOne(_ block: String) -> Bool {
        let digits = block.prefix(while: \.isNumber)
        return !digits.isEmpty && digits != "1" && [".", ")"].contains(block.dropFirst(digits.count).first)
    }

    private static func isList(_ block: String) -> Bool {
        guard let first = block.first else { return false }
        if first == "-" || first == "*" { return block.dropFirst().first == " " || block.count == 1 }
        let digits = block.prefix(while: \.isNumber)
        return !digits.isEmpty && [".", ")"].contains(block.dropFirst(digits.count).first)
    }

    /// Every line of `text` prefixed: `first` on the first, `rest` on the others (nothing added to blank lines
    /// but a quote's `>`).
    static func prefixed(_ text: String, first: String, rest: String) -> String {
        let firstBytes = Array(first.utf8), restBytes = Array(rest.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + 16)
        output += firstBytes
        var lineIsEmpty = true
        for byte in text.utf8 {
            if byte == 0x0A {
                // An empty line gets the prefix without its trailing spaces ("> " becomes ">").
                if lineIsEmpty { while output.last == 0x20 { output.removeLast() } }
                output.append(0x0A)
                output += restBytes
                lineIsEmpty = true
            } else {
                output.append(byte)
                lineIsEmpty = false
            }
        }
        if lineIsEmpty { while output.last == 0x20 { output.removeLast() } }
        return String(decoding: output, as: UTF8.self)
    }

    // MARK: Code

    private func codeBlock(_ element: HTMLElement) -> [String] {
        let classes = element.classes.map(String.init)
        if classes.contains("wp-block-verse") {
            // Verse is poetry, not code: lines kept as line breaks, in the text's own font.
            var inline = MarkdownInline()
            inline.keepsLines = true
            inline.write(element.children)
            let text = inline.markdown
            return text.isEmpty ? [] : [text]
        }
        // Highlighters' spans drop out with textContent: the fence holds the characters the browser showed.
        var text = CodePlugins.withLineFeeds(element.textContent)
        if text.hasPrefix("\n") { text.removeFirst() }
        while let last = text.last, last == "\n" || last == " " || last == "\t" { text.removeLast() }
        guard !text.isEmpty else { return [] }
        let fence = String(repeating: "`", count: max(3, MarkdownInline.longestRun(of: "`", in: text) + 1))
        return [fence + (language(of: element) ?? "") + "\n" + text + "\n" + fence]
    }

    /// The language of a code block, from the classes editors and highlighters leave: `language-php`,
    /// `lang-js`, `brush: python;`, `lang:php`, or a `lang` attribute (a `wp:code` block's `language`).
    private func language(of pre: HTMLElement) -> String? {
        var candidates: [String] = []
        // A shortcode's code inside the post's own <pre> nests: `<pre><pre><code class="language-x">`.
        var wrapper: HTMLElement? = pre
        while let element = wrapper {
            if let language = element[attribute: "lang"]?.trimmingSpaces, !language.isEmpty { return language.lowercased() }
            candidates.append(element[attribute: "class"] ?? "")
            let children = element.children.compactMap { node -> HTMLElement? in
                if case .element(let child) = node { return child }
                return nil
            }
            if children.count == 1, children[0].name == "code" || children[0].name == "pre" {
                wrapper = children[0]
            } else {
                candidates += children.filter { $0.name == "code" }.map { $0[attribute: "class"] ?? "" }
                wrapper = nil
            }
        }
        for classes in candidates {
            // SyntaxHighlighter's `brush: x;`, Crayon's `lang:x`.
            for key: StaticString in ["brush:", "lang:"] {
                guard let range = classes.firstRange(ofBytes: key) else { continue }
                let name = classes[range.upperBound...].drop(while: { $0 == " " }).prefix(while: { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "#" || $0 == "-" })
                if !name.isEmpty { return name.lowercased() }
            }
            for name in classes.split(separator: " ") {
                for prefix in ["language-", "lang-"] where name.hasPrefix(prefix) {
                    let language = name.dropFirst(prefix.count).filter { $0.isLetter || $0.isNumber || "+#-_.".contains($0) }
                    if !language.isEmpty { return language.lowercased() }
                }
            }
        }
        return nil
    }

    // MARK: Tables

    /// A GFM table when every cell holds inline content only and no cell spans; raw HTML otherwise.
    ///
    /// GFM needs a header row: a table whose first row is not one (no `<thead>`, not all `<th>`) gets an empty
    /// header rather than its first row of data promoted. A `<th>` anywhere else is written bold.
    private func table(_ element: HTMLElement) -> [String] {
        var rows: [(cells: [HTMLElement], isHeader: Bool)] = []
        var caption: HTMLElement?
        var isSimple = true
        func collect(_ nodes: [HTMLNode], inHead: Bool) {
            for case .element(let child) in nodes {
                switch child.name {
                case "thead": collect(child.children, inHead: true)
                case "tbody", "tfoot": collect(child.children, inHead: false)
                case "tr":
                    let cells = child.children.compactMap { node -> HTMLElement? in
                        if case .element(let cell) = node, cell.name == "td" || cell.name == "th" { return cell }
                        return nil
                    }
                    let header = inHead || (!cells.isEmpty && cells.allSatisfy { $0.name == "th" })
                    rows.append((cells, header))
                case "caption": caption = child
                case "colgroup", "col": break
                default: isSimple = false
                }
            }
        }
        collect(element.children, inHead: false)
        let columns = rows.map(\.cells.count).max() ?? 0
        for row in rows {
            for cell in row.cells {
                if let span = cell[attribute: "colspan"] ?? cell[attribute: "rowspan"], span.trimmingSpaces != "1" { isSimple = false }
                if Self.containsBlocks(cell.children) { isSimple = false }
            }
        }
        guard isSimple, columns > 0 else { return raw(element) }
        func line(_ cells: [HTMLElement], isHeader: Bool) -> String {
            var texts = cells.map { cell -> String in
                var inline = makeInline()
                inline.isTableCell = true
                // A header cell outside the header row (a row's label) stays apart from the data: bold.
                inline.write(cell.name == "th" && !isHeader ? [.element(HTMLElement("strong", children: cell.children))] : cell.children)
                return inline.markdown
            }
            texts += Array(repeating: "", count: columns - texts.count)
            return "| " + texts.joined(separator: " | ") + " |"
        }
        var body = rows[...]
        var lines: [String] = []
        if let first = body.first, first.isHeader {
            lines.append(line(first.cells, isHeader: true))
            body = body.dropFirst()
        } else {
            lines.append("|" + String(repeating: " |", count: columns))
            compromises.add(.emptyTableHeader, construct: "table", excerpt: HTMLSerializer.html(element))
        }
        lines.append("|" + String(repeating: " --- |", count: columns))
        lines += body.map { line($0.cells, isHeader: false) }
        var output = [lines.joined(separator: "\n")]
        if let caption, let text = paragraph(caption.children) { output.append(text) }
        return output
    }

    private static func containsBlocks(_ nodes: [HTMLNode]) -> Bool {
        var paragraphs = 0
        for case .element(let element) in nodes {
            if element.name == "p" {
                paragraphs += 1
                if paragraphs > 1 || containsBlocks(element.children) { return true }
            } else if HTMLTag.block.contains(element.name) || rawBlocks.contains(element.name) {
                return true
            } else if containsBlocks(element.children) {
                return true
            }
        }
        return false
    }

    // MARK: Raw HTML and embeds

    private func raw(_ element: HTMLElement) -> [String] {
        if options.unsupportedHTML == .text {
            if let source = element[attribute: "src"], !source.isEmpty, ["iframe", "video", "audio", "embed"].contains(element.name) {
                return paragraph([.element(HTMLElement("wxr-embed", attributes: [("url", source)]))]).map { [$0] } ?? []
            }
            return blocks(element.children)
        }
        let block = Self.rawBlock(element)
        compromises.add(.rawHTML, construct: element.name, excerpt: block)
        return [block]
    }

    /// An element as a CommonMark HTML block: the start tag alone on the first line (so any tag name starts the
    /// block), no blank line inside (which would end it early).
    static func rawBlock(_ element: HTMLElement) -> String {
        let html = HTMLSerializer.html(element)
        let open = HTMLSerializer.openTag(element)
        var body = html
        if !HTMLTag.void.contains(element.name), html.hasPrefix(open), element.name != "script", element.name != "style" {
            body = open + "\n" + String(html.dropFirst(open.count))
        }
        var lines: [Substring] = []
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) where !line.allSatisfy(\.isWhitespace) {
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    private func embed(_ element: HTMLElement) -> [String] {
        guard let url = element[attribute: "url"]?.trimmingSpaces, !url.isEmpty else { return [] }
        let kind = element[attribute: "kind"] ?? "embed"
        // Media files (`[video]`, `[audio]`) have no provider; any other embed names one, or is noted unknown.
        let provider = kind == "embed" || options.embeds != .link ? EmbedProvider(url: url) : .other
        var output: [String] = []
        switch options.embeds {
        case .hugo where provider.hugoShortcode != nil:
            output.append(provider.hugoShortcode!)
        case .html where kind == "video" || kind == "audio":
            output.append(Self.rawBlock(HTMLElement(kind, attributes: [("controls", ""), ("src", url)])))
        case .html where provider.playerURL != nil:
            output.append(Self.rawBlock(HTMLElement("iframe", attributes: [
                ("src", provider.playerURL!), ("width", "560"), ("height", "315"), ("frameborder", "0"), ("allowfullscreen", ""),
            ])))
        default:
            if kind == "embed", provider == .other {
                compromises.add(.unknownEmbed, construct: EmbedProvider.host(of: url), excerpt: url)
            }
            var inline = MarkdownInline()
            inline.autolink(url)
            output.append(inline.markdown)
        }
        let caption = element.children
        if let text = paragraph(caption) { output.append(text) }
        return output
    }
}

extension HTMLNode {
    var isBlankText: Bool {
        if case .text(let text) = self { return text.isBlank }
        return false
    }
}
