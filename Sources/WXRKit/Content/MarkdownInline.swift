/// Writes inline HTML (text, emphasis, links, images, code, breaks) as CommonMark, escaping text so that it
/// never turns into markup.
struct MarkdownInline {
    /// The Markdown so far; the extensions (links, code) append to it as the text writer does.
    var bytes: [UInt8] = []
    var pendingSpace = false
    var atLineStart = true
    var linkDepth = 0
    var strongDepth = 0
    var emphasisDepth = 0
    /// Bytes before this index belong to an open link or emphasis: trimming must not reach into them.
    var floor = 0
    /// In a table cell: `|` is escaped and line breaks are `<br>`.
    var isTableCell = false
    /// In a heading: line breaks are spaces.
    var isSingleLine = false
    /// In verse: every newline of the text is a line break, spaces are kept.
    var keepsLines = false
    /// Whether `<span style>` and `<font>` stay as raw tags (``RenderOptions/keepStyles``).
    var keepsStyles = false
    /// Where dropped images are noted; nil where nobody asks (a heading's probe, a test).
    var compromises: CompromiseLog?
    /// Inside raw tags: text there may end up in a raw HTML block, where only entities keep `<` from being a tag.
    var rawTagDepth = 0

    /// Elements written as raw HTML tags around Markdown content: Markdown has no syntax for them.
    static let rawInline: Set<String> = [
        "sup", "sub", "u", "mark", "small", "big", "abbr", "q", "cite", "del", "s", "strike", "ins", "dfn", "var", "samp",
    ]

    var markdown: String {
        var end = bytes.count
        // A paragraph can't end in a hard break; spaces at the end are nothing.
        while true {
            if end >= 2, bytes[end - 2] == UInt8(ascii: "\\"), bytes[end - 1] == 0x0A, !isEscapedBackslash(at: end - 2) {
                end -= 2
            } else if end >= 1, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x0A {
                end -= 1
            } else {
                break
            }
        }
        return String(decoding: bytes[..<end], as: UTF8.self)
    }

    func isEscapedBackslash(at index: Int) -> Bool {
        var count = 0
        var scan = index - 1
        while scan >= 0, bytes[scan] == UInt8(ascii: "\\") {
            count += 1
            scan -= 1
        }
        return count % 2 == 1
    }

    mutating func write(_ nodes: [HTMLNode]) {
        for index in nodes.indices {
            write(nodes[index], next: index + 1 < nodes.count ? nodes[index + 1] : nil)
        }
    }

    mutating func write(_ node: HTMLNode, next: HTMLNode?) {
        switch node {
        case .text(let text): writeText(text)
        case .comment: break
        case .element(let element): write(element, next: next)
        }
    }

    mutating func write(_ element: HTMLElement, next: HTMLNode?) {
        switch element.name {
        case "strong", "b": emphasis(element, delimiter: "**", next: next)
        case "em", "i": emphasis(element, delimiter: "*", next: next)
        case "a": link(element)
        case "img": image(element)
        case "br": lineBreak()
        case "code", "kbd", "tt":
            if linkDepth == 0, Self.containsLink(element.children) { codeAroundLinks(element.children) } else { code(element.textContent) }
        case "script", "style", "template": break
        case "span", "font":
            if keepsStyles, let style = element[attribute: "style"], style.contains("color") || style.contains("background") {
                rawTags(element, attributes: [("style", style)])
            } else {
                presentationalWrapper(element)
            }
        case "wxr-embed":
            let url = element[attribute: "url"] ?? ""
            url.isEmpty ? () : autolink(url)
        default:
            if Self.rawInline.contains(element.name) {
                rawTags(element, attributes: element.name == "abbr" ? element.attributes.filter { $0.name == "title" } : [])
            } else if HTMLTag.void.contains(element.name) {
                break
            } else if HTMLTag.block.contains(element.name) {
                // A block inside inline content (a <div> in a link): its text, set apart by spaces.
                pendingSpace = true
                write(element.children)
                pendingSpace = true
            } else {
                write(element.children)
            }
        }
    }

    // MARK: Text

    mutating func flushSpace() {
        if pendingSpace, !atLineStart, let last = bytes.last, last != 0x20 { bytes.append(0x20) }
        pendingSpace = false
    }

    mutating func writeText(_ text: String) {
        var text = text
        // Read once: a static's lazy initialisation is checked on every access, and this loop runs per byte.
        let isSpecial = Self.isSpecial
        text.withUTF8 { utf8 in
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                if byte == 0x0A, keepsLines {
                    lineBreak()
                    index += 1
                    continue
                }
                if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C {
                    if keepsLines && byte == 0x20 && !atLineStart { bytes.append(0x20) } else { pendingSpace = true }
                    index += 1
                    continue
                }
                flushSpace()
                if atLineStart {
                    let consumed = escapeLineStart(utf8, at: index)
                    atLineStart = false
                    if consumed > 0 {
                        index += consumed
                        continue
                    }
                }
                guard isSpecial[Int(byte)] else {
                    // A run of bytes that never need escaping goes in at once.
                    var end = index + 1
                    while end < utf8.count, !isSpecial[Int(utf8[end])] { end += 1 }
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[index..<end]))
                    index = end
                    continue
                }
                if rawTagDepth > 0, let entity = Self.entity(for: byte) {
                    bytes += entity
                    index += 1
                    continue
                }
                let previous = index > 0 ? utf8[index - 1] : (bytes.last ?? 0x20)
                let next = index + 1 < utf8.count ? utf8[index + 1] : 0x20
                if needsEscape(byte, previous: previous, next: next, utf8, at: index) { bytes.append(UInt8(ascii: "\\")) }
                bytes.append(byte)
                index += 1
            }
        }
    }

    /// `<`, `>` and `&` as entities, which CommonMark decodes in text and HTML keeps as they are.
    static func entity(for byte: UInt8) -> [UInt8]? {
        switch byte {
        case UInt8(ascii: "<"): Array("&lt;".utf8)
        case UInt8(ascii: ">"): Array("&gt;".utf8)
        case UInt8(ascii: "&"): Array("&amp;".utf8)
        default: nil
        }
    }

    /// Bytes that are whitespace or may need a backslash: everything else is copied as it is.
    private static let isSpecial: [Bool] = (0...255).map { byte in
        [0x20, 0x09, 0x0A, 0x0D, 0x0C].contains(byte) || "\\`*[]_<>&~|".utf8.contains(UInt8(byte))
    }

    func needsEscape(_ byte: UInt8, previous: UInt8, next: UInt8, _ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "["), UInt8(ascii: "]"):
            return true
        case UInt8(ascii: "_"):
            // snake_case stays readable: an underscore inside a word never makes emphasis.
            return !(Self.isWordByte(previous) && Self.isWordByte(next))
        case UInt8(ascii: "<"):
            return Self.isLetter(next) || next == UInt8(ascii: "/") || next == UInt8(ascii: "!") || next == UInt8(ascii: "?")
        case UInt8(ascii: "&"):
            return Self.looksLikeEntity(utf8, at: index)
        case UInt8(ascii: "~"):
            return next == UInt8(ascii: "~") || previous == UInt8(ascii: "~")
        case UInt8(ascii: "|"):
            return isTableCell
        default:
            return false
        }
    }

    /// What would start a block at the beginning of a line: `#`, `>`, `-`, `+`, `=`, `1.`. Returns how many
    /// bytes it wrote itself (the digits and dot of a would-be list marker), else 0.
    mutating func escapeLineStart(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let byte = utf8[index]
        let next = index + 1 < utf8.count ? utf8[index + 1] : 0x20
        let endsToken = next == 0x20 || next == 0x09 || next == 0x0A
        switch byte {
        case UInt8(ascii: "#"):
            if endsToken || next == UInt8(ascii: "#") { bytes.append(UInt8(ascii: "\\")) }
        case UInt8(ascii: ">"), UInt8(ascii: "="):
            bytes.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "-"), UInt8(ascii: "+"):
            if endsToken || next == byte { bytes.append(UInt8(ascii: "\\")) }
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            // "2022. A year" would be an ordered list: escape the dot, once the digits are written.
            var end = index
            while end < utf8.count, utf8[end] >= 0x30, utf8[end] <= 0x39 { end += 1 }
            if end - index <= 9, end < utf8.count, utf8[end] == UInt8(ascii: ".") || utf8[end] == UInt8(ascii: ")") {
                let after = end + 1 < utf8.count ? utf8[end + 1] : 0x20
                if after == 0x20 || after == 0x09 || after == 0x0A {
                    bytes += utf8[index..<end]
                    bytes += [UInt8(ascii: "\\"), utf8[end]]
                    return end + 1 - index
                }
            }
        default:
            break
        }
        return 0
    }

    static func isWordByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte >= 0x80
    }

    static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    static func looksLikeEntity(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        var scan = index + 1
        while scan < utf8.count, scan - index <= 32 {
            let byte = utf8[scan]
            if byte == UInt8(ascii: ";") { return scan > index + 1 }
            guard isLetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "#") else { return false }
            scan += 1
        }
        return false
    }

    // MARK: Breaks

    mutating func lineBreak() {
        pendingSpace = false
        if isSingleLine {
            pendingSpace = true
            return
        }
        if isTableCell {
            bytes += Array("<br>".utf8)
            return
        }
        guard !atLineStart else { return }
        while bytes.count > floor, bytes.last == 0x20 { bytes.removeLast() }
        bytes += [UInt8(ascii: "\\"), 0x0A]
        atLineStart = true
    }

    // MARK: Emphasis

    mutating func emphasis(_ element: HTMLElement, delimiter: String, next: HTMLNode?) {
        let isStrong = delimiter == "**"
        if (isStrong ? strongDepth : emphasisDepth) > 0 {
            write(element.children)
            return
        }
        flushSpace()
        let start = bytes.count
        let wasAtLineStart = atLineStart
        let outerFloor = floor
        floor = start
        if isStrong { strongDepth += 1 } else { emphasisDepth += 1 }
        write(element.children)
        if isStrong { strongDepth -= 1 } else { emphasisDepth -= 1 }
        floor = outerFloor
        // Space just inside the tag goes outside the delimiters, where CommonMark needs it.
        var leading = 0
        while start + leading < bytes.count, bytes[start + leading] == 0x20 { leading += 1 }
        if leading > 0 {
            bytes.removeSubrange(start..<(start + leading))
            if start > 0, !wasAtLineStart, bytes[start - 1] != 0x20 {
                bytes.insert(0x20, at: start)
                return emphasisClose(start: start + 1, wasAtLineStart: false, delimiter: delimiter, next: next)
            }
        }
        emphasisClose(start: start, wasAtLineStart: wasAtLineStart, delimiter: delimiter, next: next)
    }

    mutating func emphasisClose(start: Int, wasAtLineStart: Bool, delimiter: String, next: HTMLNode?) {
        let isStrong = delimiter == "**"
        let inner = bytes[start...]
        guard var first = inner.first, var last = inner.last else { return }
        // Emphasis of nothing but spaces (no-break ones too) is just the spaces.
        if !inner.contains(where: { $0 < 0x80 && $0 != 0x20 }),
           String(decoding: inner, as: UTF8.self).unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) { return }
        // A no-break space is whitespace to CommonMark's flanking rules.
        if inner.starts(with: [0xC2, 0xA0]) { first = 0x20 }
        if inner.count >= 2, inner[inner.endIndex - 2] == 0xC2, inner[inner.endIndex - 1] == 0xA0 { last = 0x20 }
        let before: UInt8 = start > 0 && !wasAtLineStart ? bytes[start - 1] : 0x20
        let after = Self.firstByte(of: next)
        // Next to another delimiter ("*know***.**") the runs would merge.
        let opens = first != 0x20 && before != UInt8(ascii: "*") && after != UInt8(ascii: "*")
            && (!Self.isPunctuation(first) || !Self.isWordByte(before))
        let closes = last != 0x20 && last != 0x0A && (!Self.isPunctuation(last) || !Self.isWordByte(after))
        // Where CommonMark would not read the delimiters as emphasis, the HTML tags say it instead.
        let (open, close) = opens && closes ? (delimiter, delimiter) : isStrong ? ("<strong>", "</strong>") : ("<em>", "</em>")
        bytes.insert(contentsOf: Array(open.utf8), at: start)
        bytes += Array(close.utf8)
        atLineStart = false
    }

    /// The first byte the next sibling will write, as far as it can be known: its text, or a guess that is safe.
    static func firstByte(of node: HTMLNode?) -> UInt8 {
        switch node {
        case nil: 0x20
        case .text(let text)?: text.utf8.first ?? 0x20
        case .element(let element)?:
            ["strong", "b", "em", "i"].contains(element.name) ? UInt8(ascii: "*")
                : ["a", "img", "code", "br"].contains(element.name) ? UInt8(ascii: "[") : UInt8(ascii: "a")
        case .comment?: 0x20
        }
    }

    static func isPunctuation(_ byte: UInt8) -> Bool {
        (byte >= 0x21 && byte <= 0x2F) || (byte >= 0x3A && byte <= 0x40) || (byte >= 0x5B && byte <= 0x60) || (byte >= 0x7B && byte <= 0x7E)
            || byte >= 0x80  // Unicode punctuation (curly quotes, dashes) counts too; letters are judged the safe way.
    }
}
