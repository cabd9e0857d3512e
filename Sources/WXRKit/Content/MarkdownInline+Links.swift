/// Links, autolinks and images: destinations, titles and image sources written so CommonMark reads them back.
extension MarkdownInline {
    mutating func link(_ element: HTMLElement) {
        let href = (element[attribute: "href"] ?? "").trimmingSpaces
        guard linkDepth == 0, !href.isEmpty else {
            if let anchor = element[attribute: "id"] ?? element[attribute: "name"], !anchor.isEmpty, linkDepth == 0 {
                flushSpace()
                bytes += Array("<a id=\"\(HTMLSerializer.escape(anchor, quotes: true))\"></a>".utf8)
                atLineStart = false
            }
            write(element.children)
            return
        }
        flushSpace()
        let start = bytes.count
        let outerFloor = floor
        floor = start
        linkDepth += 1
        write(element.children)
        linkDepth -= 1
        floor = outerFloor
        let inner = String(decoding: bytes[start...], as: UTF8.self)
        if Self.isAutolinkable(href), inner.utf8.count >= href.utf8.count, inner == Self.escapedAsText(href) {
            bytes.removeSubrange(start...)
            bytes += Array("<\(href)>".utf8)
        } else {
            bytes.insert(UInt8(ascii: "["), at: start)
            bytes += Array("](\(Self.destination(href))\(Self.title(element[attribute: "title"])))".utf8)
        }
        atLineStart = false
    }

    mutating func autolink(_ url: String) {
        flushSpace()
        if Self.isAutolinkable(url) {
            bytes += Array("<\(url)>".utf8)
        } else {
            let start = bytes.count
            writeText(url)
            bytes.insert(UInt8(ascii: "["), at: start)
            bytes += Array("](\(Self.destination(url)))".utf8)
        }
        atLineStart = false
    }

    mutating func image(_ element: HTMLElement) {
        guard let source = Self.imageSource(element) else {
            compromises?.add(.imageWithoutSource, construct: "img", excerpt: HTMLSerializer.openTag(element))
            return
        }
        flushSpace()
        var alt = ""
        for scalar in (element[attribute: "alt"] ?? "").unicodeScalars {
            switch scalar {
            case "[", "]", "\\": alt += "\\" + String(scalar)
            case "\n", "\r", "\t": alt += " "
            default: alt.unicodeScalars.append(scalar)
            }
        }
        bytes += Array("![\(alt)](\(Self.destination(source))\(Self.title(element[attribute: "title"])))".utf8)
        atLineStart = false
    }

    /// Where an image's file is: `src`, unless a lazy loader left the real one in `data-src` or
    /// `data-lazy-src` and `src` empty, a `data:` placeholder or a file named as a placeholder. Nil when there is
    /// none: a `data:` URI alone is a loader's blank pixel, not the picture.
    static func imageSource(_ element: HTMLElement) -> String? {
        let source = element[attribute: "src"]?.trimmingSpaces ?? ""
        // Most images have no lazy source: the placeholder test (string searches) is only for those that do.
        if let lazy = [element[attribute: "data-lazy-src"], element[attribute: "data-src"]]
            .lazy.compactMap({ $0?.trimmingSpaces }).first(where: { !$0.isEmpty && !$0.hasPrefix("data:") }) {
            let name = source.lowercased()
            let placeholderNames: [StaticString] = ["lazy", "placeholder", "blank.", "spacer.", "pixel."]
            let isPlaceholder = source.isEmpty || source.hasPrefix("data:") || placeholderNames.contains { name.containsBytes($0) }
            if isPlaceholder { return lazy }
        }
        return source.isEmpty || source.hasPrefix("data:") ? nil : source
    }

    /// A link destination: as it is when CommonMark reads it back unchanged, else in angle brackets.
    static func destination(_ url: String) -> String {
        var depth = 0
        var balanced = true
        for byte in url.utf8 {
            if byte == UInt8(ascii: "(") { depth += 1 }
            if byte == UInt8(ascii: ")") { depth -= 1; if depth < 0 { balanced = false } }
        }
        let plain = balanced && depth == 0 && !url.utf8.contains { $0 <= 0x20 || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\\") }
        if plain { return url }
        var escaped = "<"
        for scalar in url.unicodeScalars {
            switch scalar {
            case "<", ">", "\\": escaped += "\\" + String(scalar)
            case "\n", "\r": escaped += "%0A"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + ">"
    }

    static func title(_ title: String?) -> String {
        guard let title = title?.trimmingSpaces, !title.isEmpty else { return "" }
        var escaped = ""
        for scalar in title.unicodeScalars {
            switch scalar {
            case "\"", "\\": escaped += "\\" + String(scalar)
            case "\n", "\r": escaped += " "
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return " \"\(escaped)\""
    }

    static func isAutolinkable(_ url: String) -> Bool {
        (url.hasPrefix("http://") || url.hasPrefix("https://") || url.hasPrefix("mailto:"))
            && !url.utf8.contains { $0 <= 0x20 || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") }
    }

    /// How `text` comes out of ``text(_:)`` alone: to tell whether a link's text is its own URL.
    static func escapedAsText(_ text: String) -> String {
        var inline = MarkdownInline()
        inline.atLineStart = false
        inline.writeText(text)
        return String(decoding: inline.bytes, as: UTF8.self)
    }
}
