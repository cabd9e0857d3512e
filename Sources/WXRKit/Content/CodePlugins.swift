/// What the code-highlighting plugins WordPress blogs used leave in content, read as they display it.
///
/// SyntaxHighlighter (`[php]…[/php]`, `[code lang="x"]`, `[sourcecode]`) and CodeColorer (`[cc lang="x"]`,
/// `[cce_php]`, `[ccnle_java]`...), WP-Syntax's `<pre lang="php">` and CodeColorer's `<code lang="php">` hold
/// code as it was typed: raw from the text editor (`a < b`), escaped once from the visual one (`a &lt; b`).
/// ``displayedCode(_:)`` tells the two apart. The elements, which an HTML parser would take for tags, are turned
/// into plain code elements first.
enum CodePlugins {
    /// SyntaxHighlighter's shortcode names, languages and aliases.
    static let syntaxHighlighterNames: Set<String> = [
        "code", "sourcecode", "source", "as3", "actionscript3", "applescript", "bash", "shell", "sh", "coldfusion", "cf",
        "clojure", "clj", "cpp", "c", "c-sharp", "csharp", "css", "delphi", "pas", "pascal", "diff", "patch", "erl",
        "erlang", "fsharp", "go", "golang", "groovy", "haskell", "java", "jfx", "javafx", "js", "jscript", "javascript",
        "latex", "tex", "matlab", "matlabkey", "objc", "obj-c", "perl", "pl", "php", "plain", "text", "ps", "powershell",
        "py", "python", "r", "splus", "rails", "rb", "ror", "ruby", "scala", "sql", "swift", "vb", "vbnet", "xml",
        "xhtml", "xslt", "html", "yaml", "yml", "kotlin", "rust", "typescript", "ts", "json",
    ]

    /// Whether `name` is a code shortcode: a SyntaxHighlighter name, or CodeColorer's `cc` with up to five
    /// option letters and an optional `_language`.
    static func isCodeShortcode(_ name: String) -> Bool {
        let lowered = name.lowercased()
        if syntaxHighlighterNames.contains(lowered) { return true }
        guard lowered.hasPrefix("cc") else { return false }
        let parts = lowered.dropFirst(2).split(separator: "_", maxSplits: 1, omittingEmptySubsequences: false)
        guard let flags = parts.first, flags.count <= 5, flags.allSatisfy({ $0.isLetter && $0.isASCII }) else { return false }
        return parts.count == 1 || !(parts.last ?? "").isEmpty
    }

    /// The language a code shortcode names: an attribute, CodeColorer's suffix, or SyntaxHighlighter's name.
    static func language(of shortcode: Shortcode) -> String? {
        if let language = shortcode.attributes["language"] ?? shortcode.attributes["lang"], !language.isEmpty {
            return language.lowercased()
        }
        let name = shortcode.name.lowercased()
        if name.hasPrefix("cc"), let underscore = name.firstIndex(of: "_") {
            return String(name[name.index(after: underscore)...])
        }
        return ["code", "sourcecode", "source", "plain", "text"].contains(name) || name.hasPrefix("cc") ? nil : name
    }

    /// Whether CodeColorer's options make the code inline (`i`).
    static func isInline(_ shortcode: Shortcode) -> Bool {
        let name = shortcode.name.lowercased()
        guard name.hasPrefix("cc") else { return false }
        return name.dropFirst(2).prefix(while: { $0 != "_" }).contains("i")
    }

    /// `<pre lang="x">raw</pre>` and `<code lang="x">raw</code>` as escaped `<pre><code class="language-x">`
    /// (or inline `<code>`), before anything parses the raw code as HTML.
    static func rewritingLanguageElements(_ html: String) -> String {
        guard html.containsBytes("lang=") || html.containsBytes("lang =") else { return html }
        guard html.containsBytes("<pre ") || html.containsBytes("<code ") || html.containsBytes("<PRE ") else { return html }
        let bytes = Array(html.utf8)
        var output = ""
        var position = 0
        var copied = 0
        while position < bytes.count {
            guard bytes[position] == UInt8(ascii: "<"), let element = languageElement(bytes, at: position) else {
                position += 1
                continue
            }
            output += String(decoding: bytes[copied..<position], as: UTF8.self)
            let body = withLineFeeds(String(decoding: bytes[element.contentStart..<element.contentEnd], as: UTF8.self))
            var code = element.isEscaped ? decodingEntities(body) : displayedCode(body)
            let languageClass = element.language.map { " class=\"language-\(HTMLSerializer.escape($0, quotes: true))\"" } ?? ""
            // `<pre class="wp-block-code"><code lang="x">`: the code is the block's; a second <pre> would nest.
            if element.isPre || (code.contains("\n") && !isInsidePre(bytes, before: position)) {
                if code.hasPrefix("\n") { code.removeFirst() }
                output += "<pre><code\(languageClass)>" + HTMLSerializer.escape(code, quotes: false) + "</code></pre>"
            } else {
                output += "<code\(languageClass)>" + HTMLSerializer.escape(code, quotes: false) + "</code>"
            }
            position = element.end
            copied = position
        }
        output += String(decoding: bytes[copied...], as: UTF8.self)
        return output
    }

    /// Whether a `<pre>` is open at `position`: its last `<pre` comes after its last `</pre>`.
    private static func isInsidePre(_ bytes: [UInt8], before position: Int) -> Bool {
        var index = position - 1
        while index >= 0 {
            if bytes[index] == UInt8(ascii: "<"), index + 4 < bytes.count {
                if bytes[index + 1] == UInt8(ascii: "/") { if isPre(bytes, at: index + 2) { return false } }
                else if isPre(bytes, at: index + 1) { return true }
            }
            index -= 1
        }
        return false
    }

    /// Whether `pre` (any case) starts at `index`, followed by the end of the tag name.
    private static func isPre(_ bytes: [UInt8], at index: Int) -> Bool {
        guard index + 3 < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "p"), bytes[index + 1] | 0x20 == UInt8(ascii: "r"),
              bytes[index + 2] | 0x20 == UInt8(ascii: "e") else { return false }
        return [UInt8(ascii: ">"), 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "/")].contains(bytes[index + 3])
    }

    /// The code a reader of the post saw in a code shortcode or element, which WordPress shows as typed.
    ///
    /// The visual editor stores `a < b` as `a &lt; b` (and may add its own `<p>` and `<br />`); the plugins
    /// decode it for display. A body with a `<` or `>` outside any tag (`a < b`, `$p->q`) was typed as code in
    /// the text editor, so its `&lt;` is code too (`echo "&lt;br&gt;"`) and stays.
    static func displayedCode(_ body: String) -> String {
        guard body.containsByte(UInt8(ascii: "&")), !hasAngleBracketsOutsideTags(body) else { return body }
        return decodingEntities(body)
    }

    /// Whether a `<` or `>` stands for itself: not part of a tag like `<p>`, `</p>` or `<br />`.
    static func hasAngleBracketsOutsideTags(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: ">"):
                return true
            case UInt8(ascii: "<"):
                let nameStart = index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "/") ? index + 2 : index + 1
                guard nameStart < bytes.count, bytes[nameStart].isASCIILetter else { return true }
                var end = nameStart
                while end < bytes.count, bytes[end] != UInt8(ascii: ">") {
                    if bytes[end] == UInt8(ascii: "<") { return true }
                    end += 1
                }
                guard end < bytes.count else { return true }
                index = end + 1
            default:
                index += 1
            }
        }
        return false
    }

    /// `text` with CRLF and lone CR line ends made LF: Markdown output uses LF only.
    static func withLineFeeds(_ text: String) -> String {
        guard text.containsByte(0x0D) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var afterCR = false
        for byte in text.utf8 {
            // CRLF: the CR already wrote the line feed.
            if byte == 0x0A, afterCR {
                afterCR = false
                continue
            }
            afterCR = byte == 0x0D
            bytes.append(afterCR ? 0x0A : byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The language `<!-- wp:code {"language":"ruby"} -->` names (as the Syntax-highlighting Code Block plugin
    /// saves it) put on the block's `<pre>` as `lang`, where ``MarkdownWriter`` reads it.
    static func labelingCodeBlock(_ html: String, language: String?) -> String {
        guard let language, !language.isEmpty, let pre = html.range(of: "<pre", options: .caseInsensitive) else { return html }
        return html.replacingCharacters(in: pre, with: "<pre lang=\"\(HTMLSerializer.escape(language.lowercased(), quotes: true))\"")
    }

    private struct LanguageElement {
        var isPre: Bool
        var language: String?
        var isEscaped: Bool
        var contentStart: Int
        var contentEnd: Int
        var end: Int
    }

    private static func languageElement(_ bytes: [UInt8], at start: Int) -> LanguageElement? {
        func matches(_ word: String, at index: Int) -> Bool {
            let word = Array(word.utf8)
            return index + word.count <= bytes.count && zip(bytes[index..<(index + word.count)], word).allSatisfy { $0 | 0x20 == $1 }
        }
        let isPre = matches("<pre ", at: start) || matches("<pre\t", at: start)
        guard isPre || matches("<code ", at: start) else { return nil }
        var tagEnd = start
        while tagEnd < bytes.count, bytes[tagEnd] != UInt8(ascii: ">") { tagEnd += 1 }
        guard tagEnd < bytes.count else { return nil }
        let tag = String(decoding: bytes[start...tagEnd], as: UTF8.self)
        guard let language = attribute("lang", in: tag) else { return nil }
        let closer = isPre ? "</pre>" : "</code>"
        var close = tagEnd + 1
        while close < bytes.count, !matches(closer, at: close) { close += 1 }
        guard close < bytes.count else { return nil }
        return LanguageElement(
            isPre: isPre, language: language.isEmpty ? nil : language.lowercased(),
            isEscaped: attribute("escaped", in: tag)?.lowercased() == "true",
            contentStart: tagEnd + 1, contentEnd: close, end: close + closer.utf8.count)
    }

    /// An attribute's value in a start tag, quoted or not.
    private static func attribute(_ name: String, in tag: String) -> String? {
        let attributes = Shortcode.attributes(of: String(tag.dropFirst().drop(while: { $0 != " " && $0 != "\t" }).dropLast()))
        return attributes[name]
    }

    /// HTML character references decoded: `&lt;` `&amp;` `&#8217;` `&rsquo;`.
    static func decodingEntities(_ text: String) -> String {
        guard text.containsByte(UInt8(ascii: "&")) else { return text }
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "&") else {
                output.append(bytes[index])
                index += 1
                continue
            }
            let window = bytes[index..<min(bytes.count, index + 33)]
            guard let semicolon = window.firstIndex(of: UInt8(ascii: ";")) else {
                // The four references browsers read even without their semicolon.
                if let (name, byte) = Self.bareReferences.first(where: { bytes[(index + 1)...].starts(with: $0.name) }) {
                    output.append(byte)
                    index += 1 + name.count
                } else {
                    output.append(UInt8(ascii: "&"))
                    index += 1
                }
                continue
            }
            let name = String(decoding: bytes[(index + 1)..<semicolon], as: UTF8.self)
            guard let scalar = HTMLEntities.scalar(forReference: name[...]) else {
                output.append(UInt8(ascii: "&"))
                index += 1
                continue
            }
            UTF8.encode(scalar) { output.append($0) }
            index = semicolon + 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static let bareReferences: [(name: [UInt8], byte: UInt8)] = [
        (Array("amp".utf8), UInt8(ascii: "&")), (Array("lt".utf8), UInt8(ascii: "<")), (Array("gt".utf8), UInt8(ascii: ">")),
        (Array("quot".utf8), UInt8(ascii: "\"")),
    ]
}
