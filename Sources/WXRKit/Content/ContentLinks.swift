/// The URLs a post's HTML links to or shows, found on its bytes without rendering it: the attributes the
/// renderer rewrites (``URLRewriting``: `a href`, `img src`, each `srcset` candidate...) and URLs alone on
/// their line, which WordPress embeds. HTML comments (Gutenberg's block delimiters among them), `<script>`
/// and `<style>` hold none.
///
/// ```swift
/// ContentLinks.urls(in: #"<p><a href="/about/">About</a></p>\nhttps://example.org/?p=12"#)
/// // ["/about/", "https://example.org/?p=12"]
/// ```
///
/// What only a shortcode names (`[embed]URL[/embed]`, `[audio src=…]`) is not looked for: such URLs are media,
/// and reading shortcodes would be a rendering.
enum ContentLinks {
    /// The URLs in document order, as the attributes give them with `&amp;` decoded; repeats kept.
    static func urls(in html: String) -> [String] {
        guard html.containsByte(UInt8(ascii: "<")) || html.containsBytes("http") else { return [] }
        let bytes = Array(html.utf8)
        var found: [(offset: Int, url: String)] = []
        collectAttributes(in: bytes, into: &found)
        if ContentRenderer.hasURLAtLineStart(html) { collectBareURLs(in: bytes, into: &found) }
        return found.sorted { $0.offset < $1.offset }.map(\.url)
    }

    // MARK: Attributes

    private static func collectAttributes(in bytes: [UInt8], into found: inout [(offset: Int, url: String)]) {
        var index = 0
        while let open = bytes[index...].firstIndex(of: UInt8(ascii: "<")) {
            index = open + 1
            if bytes[index...].starts(with: "!--".utf8) {
                index = ContentRenderer.find(caseInsensitive: "-->", in: bytes, from: index + 3).map { $0 + 3 } ?? bytes.count
                continue
            }
            var nameEnd = index
            while nameEnd < bytes.count, bytes[nameEnd].isASCIILetter || bytes[nameEnd].isDecimalDigit || bytes[nameEnd] == UInt8(ascii: "-") {
                nameEnd += 1
            }
            guard nameEnd > index else { continue }
            let name = String(decoding: bytes[index..<nameEnd], as: UTF8.self).lowercasedFast
            index = nameEnd
            if name == "script" {
                index = ContentRenderer.find(caseInsensitive: "</script", in: bytes, from: index) ?? bytes.count
            } else if name == "style" {
                index = ContentRenderer.find(caseInsensitive: "</style", in: bytes, from: index) ?? bytes.count
            } else if let urlAttributes = URLRewriting.urlAttributes[name] {
                index = collectAttributes(of: urlAttributes, from: index, in: bytes, into: &found)
            }
        }
    }

    /// Reads one tag's attributes from `start` to its `>`, keeping the URLs; returns where the tag ends.
    private static func collectAttributes(
        of urlAttributes: [String], from start: Int, in bytes: [UInt8], into found: inout [(offset: Int, url: String)]
    ) -> Int {
        var position = start
        func skipSpaces() {
            while position < bytes.count, bytes[position].isHTMLSpace || bytes[position] == UInt8(ascii: "/") { position += 1 }
        }
        while true {
            skipSpaces()
            guard position < bytes.count, bytes[position] != UInt8(ascii: ">") else { return position }
            let nameStart = position
            while position < bytes.count, !bytes[position].isHTMLSpace,
                  bytes[position] != UInt8(ascii: "="), bytes[position] != UInt8(ascii: ">") {
                position += 1
            }
            let name = String(decoding: bytes[nameStart..<position], as: UTF8.self).lowercasedFast
            while position < bytes.count, bytes[position].isHTMLSpace { position += 1 }
            guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else { continue }
            position += 1
            while position < bytes.count, bytes[position].isHTMLSpace { position += 1 }
            guard position < bytes.count else { return position }
            let valueStart: Int
            let valueEnd: Int
            let quote = bytes[position]
            if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                valueStart = position + 1
                valueEnd = bytes[valueStart...].firstIndex(of: quote) ?? bytes.count
                position = min(valueEnd + 1, bytes.count)
            } else {
                valueStart = position
                while position < bytes.count, !bytes[position].isHTMLSpace, bytes[position] != UInt8(ascii: ">") { position += 1 }
                valueEnd = position
            }
            guard name == "srcset" || urlAttributes.contains(name) else { continue }
            let value = ampersandsDecoded(String(decoding: bytes[valueStart..<valueEnd], as: UTF8.self))
            if name == "srcset" {
                // `a.jpg 300w, b.jpg 600w`: the URL of each candidate, as the renderer rewrites them.
                for candidate in value.split(separator: ",") {
                    if let url = candidate.split(separator: " ", omittingEmptySubsequences: true).first {
                        found.append((valueStart, String(url)))
                    }
                }
            } else {
                found.append((valueStart, value.trimmingSpaces))
            }
        }
    }

    /// `&amp;` and the forms WordPress writes it in (`&#038;`, `&#38;`, `&#x26;`) as `&`: a query's `&` comes so
    /// in attributes, and `?cat=1&amp;p=12` names item 12.
    static func ampersandsDecoded(_ value: String) -> String {
        guard value.containsByte(UInt8(ascii: "&")) else { return value }
        var text = value
        for form in ["&amp;", "&#038;", "&#38;", "&#x26;", "&#X26;"] where text.contains(form) {
            text = text.replacingOccurrences(of: form, with: "&")
        }
        return text
    }

    // MARK: Lines

    /// URLs alone on their line outside `<pre>`, which WordPress embeds (and the renderer makes embeds).
    private static func collectBareURLs(in bytes: [UInt8], into found: inout [(offset: Int, url: String)]) {
        var insidePre = false
        var lineStart = 0
        while lineStart <= bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
            let line = bytes[lineStart..<lineEnd]
            if !insidePre, let url = ContentRenderer.bareURL(inLine: line) { found.append((lineStart, url)) }
            if line.contains(UInt8(ascii: "<")) { insidePre = ContentRenderer.leavesPreOpen(Array(line), insidePre: insidePre) }
            lineStart = lineEnd + 1
        }
    }
}
