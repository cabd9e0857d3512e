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
        StartTagAttributes.forEach(
            in: bytes, readsElement: { URLRewriting.urlAttributes[$0] != nil },
            wantsAttribute: { element, name in name == "srcset" || URLRewriting.urlAttributes[element]?.contains(name) == true }
        ) { _, name, value, offset in
            if name == "srcset" {
                for url in sourceSetURLs(value) { found.append((offset, url)) }
            } else {
                found.append((offset, value.trimmingSpaces))
            }
        }
    }

    /// `a.jpg 300w, b.jpg 600w`: the URL of each candidate, as the renderer rewrites them.
    static func sourceSetURLs(_ value: String) -> [String] {
        value.split(separator: ",").compactMap { $0.split(whereSeparator: \.isWhitespace).first.map(String.init) }
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
