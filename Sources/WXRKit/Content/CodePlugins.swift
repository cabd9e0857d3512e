/// What the code-highlighting plugins WordPress blogs used leave in content, read as they display it.
///
/// SyntaxHighlighter (`[php]…[/php]`, `[code lang="x"]`, `[sourcecode]`) and CodeColorer (`[cc lang="x"]`,
/// `[cce_php]`, `[ccnle_java]`...) hold code as the visual editor stored it, escaped once: it is decoded once.
/// WP-Syntax's `<pre lang="php">` and CodeColorer's `<code lang="php">` hold raw code (decoded only with
/// `escaped="true"`), which an HTML parser would take for tags: they are turned into plain code elements first.
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
            var code = String(decoding: bytes[element.contentStart..<element.contentEnd], as: UTF8.self)
            if element.isEscaped { code = decodingEntities(code) }
            let languageClass = element.language.map { " class=\"language-\(HTMLSerializer.escape($0, quotes: true))\"" } ?? ""
            if element.isPre || code.contains("\n") {
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
        var output = String.UnicodeScalarView()
        var scalars = Substring(text).unicodeScalars[...]
        while let first = scalars.first {
            guard first == "&", let semicolon = scalars.prefix(33).firstIndex(of: ";") else {
                // The four references browsers read even without their semicolon.
                if first == "&", let (name, scalar) = [("amp", "&"), ("lt", "<"), ("gt", ">"), ("quot", "\"")].first(where: {
                    String(String.UnicodeScalarView(scalars.dropFirst().prefix($0.0.count))) == $0.0
                }) {
                    output.append(Unicode.Scalar(scalar)!)
                    scalars = scalars.dropFirst(name.count + 1)
                    continue
                }
                output.append(first)
                scalars = scalars.dropFirst()
                continue
            }
            let name = String(String.UnicodeScalarView(scalars[scalars.index(after: scalars.startIndex)..<semicolon]))
            guard let scalar = HTMLEntities.scalar(forReference: name[...]) else {
                output.append(first)
                scalars = scalars.dropFirst()
                continue
            }
            output.append(scalar)
            scalars = scalars[scalars.index(after: semicolon)...]
        }
        return String(output)
    }
}
