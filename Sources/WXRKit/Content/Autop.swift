import Foundation

/// WordPress's automatic paragraphs (wpautop), applied to a parsed tree rather than with regular expressions.
///
/// Classic-editor content has no `<p>`: WordPress adds paragraphs when it displays a post. A blank line ends a
/// paragraph, a single newline is a line break, block elements are never wrapped, and nothing inside `<pre>`,
/// `<script>`, `<style>` or `<textarea>` is touched.
enum Autop {
    static func apply(_ nodes: [HTMLNode]) -> [HTMLNode] {
        flow(nodes)
    }

    /// Elements whose content is a line of text: newlines become breaks; a blank line makes paragraphs.
    private static let textContainers: Set<String> = [
        "p", "li", "dt", "dd", "td", "th", "caption", "figcaption", "summary", "legend", "address",
        "h1", "h2", "h3", "h4", "h5", "h6",
    ]
    /// Elements whose children are rows or items: text between them is layout.
    private static let structural: Set<String> = ["ul", "ol", "table", "thead", "tbody", "tfoot", "tr", "dl", "select"]
    private static let untouched: Set<String> = ["pre", "script", "style", "textarea", "svg", "math", "code", "wxr-embed"]

    /// Content where paragraphs are made: block children are kept (their insides treated in turn), runs of
    /// text and inline elements between them become paragraphs.
    private static func flow(_ nodes: [HTMLNode]) -> [HTMLNode] {
        var output: [HTMLNode] = []
        var run: [HTMLNode] = []
        func flush() {
            output += paragraphs(run)
            run.removeAll()
        }
        for node in nodes {
            switch node {
            case .element(let element) where HTMLTag.block.contains(element.name):
                flush()
                output += block(element)
            case .comment(let text) where text.trimmingSpaces.hasPrefix("more") || text.trimmingSpaces.hasPrefix("nextpage"):
                flush()
                output.append(node)
            default:
                run.append(node)
            }
        }
        flush()
        return output
    }

    private static func block(_ element: HTMLElement) -> [HTMLNode] {
        if untouched.contains(element.name) { return [.element(element)] }
        if element.name == "wxr-autop" { return flow(element.children) }
        var element = element
        if textContainers.contains(element.name) {
            if hasBlankLine(element.children) {
                let made = flow(element.children)
                // A <p> with blank lines inside is several paragraphs, as WordPress shows it.
                if element.name == "p" { return made }
                element.children = made
            } else {
                element.children = lineBreaks(trimmed(element.children))
            }
        } else if structural.contains(element.name) {
            // Between rows and items, text is only layout.
            element.children = element.children.flatMap { child -> [HTMLNode] in
                switch child {
                case .text(let text) where text.isBlank: []
                case .element(let inner): block(inner)
                default: [child]
                }
            }
        } else {
            element.children = flow(element.children)
        }
        return [.element(element)]
    }

    /// A run of inline content, cut into paragraphs at blank lines.
    private static func paragraphs(_ run: [HTMLNode]) -> [HTMLNode] {
        var paragraphs: [[HTMLNode]] = [[]]
        for node in run {
            guard case .text(let text) = node, text.containsByte(0x0A), case let parts = splitAtBlankLines(text), parts.count > 1 else {
                paragraphs[paragraphs.count - 1].append(node)
                continue
            }
            for (index, part) in parts.enumerated() {
                if index > 0 { paragraphs.append([]) }
                if !part.isEmpty { paragraphs[paragraphs.count - 1].append(.text(part)) }
            }
        }
        return paragraphs.compactMap { nodes in
            let content = lineBreaks(trimmed(nodes))
            guard isVisible(content) else {
                // Whitespace between blocks is layout; a comment alone is kept as it is.
                return content.first { if case .comment = $0 { true } else { false } }
            }
            return .element(HTMLElement("p", children: content))
        }
    }

    /// Newlines inside inline content become `<br>`, but not one right after a `<br>` already there.
    private static func lineBreaks(_ nodes: [HTMLNode]) -> [HTMLNode] {
        var output: [HTMLNode] = []
        for node in nodes {
            switch node {
            case .text(let text) where text.containsByte(0x0A):
                let lines = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false)
                for (index, line) in lines.enumerated() {
                    if index > 0 {
                        let followsBreak: Bool
                        if case .element(let previous)? = output.last, previous.name == "br" { followsBreak = true } else { followsBreak = false }
                        if !followsBreak { output.append(.element(HTMLElement("br"))) }
                    }
                    // Spaces around a line end are not text.
                    var piece = line[...]
                    if index > 0 { piece = piece.drop(while: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) }
                    if index < lines.count - 1 {
                        while let last = piece.last, last == 0x20 || last == 0x09 || last == 0x0D { piece = piece.dropLast() }
                    }
                    if !piece.isEmpty { output.append(.text(String(decoding: piece, as: UTF8.self))) }
                }
            case .element(let element) where HTMLTag.block.contains(element.name):
                // A list or quote inside a line of text (an item's sublist) gets its own treatment, not breaks.
                output += block(element)
            case .element(var element) where !untouched.contains(element.name) && !HTMLTag.void.contains(element.name):
                element.children = lineBreaks(element.children)
                output.append(.element(element))
            default:
                output.append(node)
            }
        }
        return output
    }

    /// Leading and trailing whitespace of a paragraph's top-level text removed, so edges make no breaks.
    private static func trimmed(_ nodes: [HTMLNode]) -> [HTMLNode] {
        var nodes = nodes
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C }
        while case .text(let text)? = nodes.first {
            let rest = text.utf8.drop(while: isSpace)
            if rest.isEmpty { nodes.removeFirst() } else { nodes[0] = .text(String(decoding: rest, as: UTF8.self)); break }
        }
        while case .text(let text)? = nodes.last {
            var rest = text.utf8[...]
            while let last = rest.last, isSpace(last) { rest = rest.dropLast() }
            if rest.isEmpty { nodes.removeLast() } else { nodes[nodes.count - 1] = .text(String(decoding: rest, as: UTF8.self)); break }
        }
        return nodes
    }

    private static func isVisible(_ nodes: [HTMLNode]) -> Bool {
        nodes.contains { node in
            switch node {
            case .text(let text): !text.isBlank
            case .element: true
            case .comment: false
            }
        }
    }

    private static func hasBlankLine(_ nodes: [HTMLNode]) -> Bool {
        nodes.contains { if case .text(let text) = $0 { hasBlankLine(text) } else { false } }
    }

    private static func hasBlankLine(_ text: String) -> Bool {
        var newlines = 0
        for byte in text.utf8 {
            if byte == 0x0A {
                newlines += 1
                if newlines == 2 { return true }
            } else if byte != 0x20 && byte != 0x09 && byte != 0x0D {
                newlines = 0
            }
        }
        return false
    }

    /// `text` cut at every line that is empty or only spaces.
    private static func splitAtBlankLines(_ text: String) -> [String] {
        // Each part is a contiguous piece of the text: from its first line to the line before the blank one.
        let parts = text.utf8.withContiguousStorageIfAvailable { bytes -> [String] in
            func piece(_ range: Range<Int>) -> String {
                String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            }
            var parts: [String] = []
            var partStart = 0
            var lineStart = 0
            var previousLineEnd = 0
            var pendingNewline = false
            while lineStart <= bytes.count {
                var lineEnd = lineStart
                var isBlank = true
                while lineEnd < bytes.count, bytes[lineEnd] != 0x0A {
                    let byte = bytes[lineEnd]
                    if byte != 0x20 && byte != 0x09 && byte != 0x0D { isBlank = false }
                    lineEnd += 1
                }
                if pendingNewline && isBlank {
                    parts.append(piece(partStart..<previousLineEnd))
                    partStart = min(lineEnd + 1, bytes.count)
                    pendingNewline = false
                } else {
                    pendingNewline = true
                }
                previousLineEnd = lineEnd
                lineStart = lineEnd + 1
            }
            parts.append(piece(partStart..<bytes.count))
            return parts
        }
        return parts ?? [text]
    }
}
