import Foundation

/// Converts WordPress post content to CommonMark, faithfully: classic-editor text gets WordPress's automatic
/// paragraphs, Gutenberg blocks are read by their grammar, shortcodes by WordPress's syntax, and the HTML that
/// results is written as Markdown (on libxml2's HTML parser).
///
/// ```swift
/// var context = ContentContext()
/// context.add(attachmentPost)                          // so that [gallery ids="…"] finds its images
/// let renderer = ContentRenderer(options: RenderOptions(embeds: .hugo), context: context)
/// let rendered = renderer.render(post)
/// print(rendered.markdown, rendered.unknownShortcodes)
/// ```
///
/// A renderer holds no mutable state: render posts from as many threads as you like.
public struct ContentRenderer: Sendable {
    public var options: RenderOptions
    public var context: ContentContext

    /// Item types that are not content a reader sees: media, menus, revisions and WordPress's own internals.
    /// (`wp_block` is content: reusable blocks are inlined where used.)
    public static let nonContentTypes: Set<String> = [
        "attachment", "nav_menu_item", "revision", "custom_css", "customize_changeset", "oembed_cache", "wp_global_styles",
        "wp_template", "wp_template_part", "wp_navigation", "wp_font_family", "wp_font_face", "user_request",
    ]

    public init(options: RenderOptions = RenderOptions(), context: ContentContext = ContentContext()) {
        self.options = options
        self.context = context
    }

    /// The post's content as Markdown.
    public func render(_ post: Post) -> RenderedContent {
        render(post.content ?? "", postID: post.id, footnotes: Self.footnotes(of: post))
    }

    /// The post's content as the HTML WordPress would display.
    public func html(_ post: Post) -> String {
        html(post.content ?? "", postID: post.id, footnotes: Self.footnotes(of: post))
    }

    /// The `footnotes` meta the footnotes block shows: JSON, `[{"id": …, "content": …}]`.
    private static func footnotes(of post: Post) -> String? {
        post.meta.first { $0.key == "footnotes" }?.value
    }

    /// `content` as Markdown; `postID` finds the attachments of a `[gallery]` without ids, `footnotes` (the
    /// post's `footnotes` meta) fills a footnotes block.
    public func render(_ content: String, postID: Int? = nil, footnotes: String? = nil) -> RenderedContent {
        var notes = Notes(footnotesJSON: footnotes)
        let nodes = displayTree(content, postID: postID, notes: &notes)
        let writer = MarkdownWriter(options: options, compromises: notes.compromises)
        let markdown = writer.markdown(nodes)
        return RenderedContent(
            markdown: markdown, unknownShortcodes: notes.unknownShortcodes,
            missingAttachmentIDs: notes.missingAttachmentIDs, missingReusableBlockIDs: notes.missingReusableBlockIDs,
            showsAttachedImages: notes.showsAttachedImages, compromises: notes.compromises.entries)
    }

    /// The content as WordPress would display it: paragraphs added, blocks and shortcodes rendered, as HTML.
    public func html(_ content: String, postID: Int? = nil, footnotes: String? = nil) -> String {
        var notes = Notes(footnotesJSON: footnotes)
        let nodes = displayTree(content, postID: postID, notes: &notes)
        return HTMLSerializer.html(nodes.map(resolvingEmbeds))
    }

    // MARK: The display tree

    private struct Notes {
        var footnotesJSON: String?
        /// Whether some of the content is classic, marked for automatic paragraphs.
        var hasClassicParts = false
        var unknownShortcodes: [String: Int] = [:]
        var missingAttachmentIDs: [Int] = []
        var missingReusableBlockIDs: [Int] = []
        var showsAttachedImages = false
        /// Every stage's compromises, in the order met.
        let compromises = CompromiseLog()
    }

    private func displayTree(_ content: String, postID: Int?, notes: inout Notes) -> [HTMLNode] {
        // Code first: plugins take their code out before anything else (autop, embeds, shortcodes) sees it.
        let code = expandCodeShortcodes(CodePlugins.rewritingLanguageElements(content), notes: &notes)
        let html = expandShortcodes(displayHTML(code, depth: 0, notes: &notes), postID: postID, notes: &notes)
        var nodes = HTMLParser.parse(html)
        if PlayerEmbeds.mayHoldPlayers(html) { nodes = PlayerEmbeds.apply(to: nodes) }
        // Block content has no classic parts to give paragraphs to: nothing to walk.
        if notes.hasClassicParts { nodes = applyAutop(nodes) }
        if let rewrite = context.rewriteURL { nodes = URLRewriting.apply(rewrite, to: nodes) }
        return nodes
    }

    /// Autop where the markup says classic content is (`<wxr-autop>`), nowhere else.
    private func applyAutop(_ nodes: [HTMLNode]) -> [HTMLNode] {
        nodes.flatMap { node -> [HTMLNode] in
            guard case .element(var element) = node else { return [node] }
            if element.name == "wxr-autop" { return Autop.apply(element.children) }
            element.children = applyAutop(element.children)
            return [.element(element)]
        }
    }

    /// Blocks rendered to HTML, classic parts marked for autop, bare URLs on their own line made embeds.
    private func displayHTML(_ content: String, depth: Int, notes: inout Notes) -> String {
        guard BlockParser.hasBlocks(content) else { return classic(content, notes: &notes) }
        var html = ""
        for block in BlockParser.parse(content) {
            html += render(block, depth: depth, notes: &notes)
        }
        return html
    }

    private func classic(_ content: String, notes: inout Notes) -> String {
        guard !content.isBlank else { return content }
        notes.hasClassicParts = true
        return "<wxr-autop>" + Self.embeddingBareURLs(content) + "</wxr-autop>"
    }

    private func render(_ block: Block, depth: Int, notes: inout Notes) -> String {
        guard let name = block.name else {
            if case .html(let text)? = block.content.first { return classic(text, notes: &notes) }
            return ""
        }
        var inner = ""
        for part in block.content {
            switch part {
            case .html(let text): inner += text
            case .block(let child): inner += render(child, depth: depth, notes: &notes)
            }
        }
        switch name {
        case _ where name == "core/embed" || name.hasPrefix("core-embed/"):
            let url = block.attributes["url"]?.string ?? Self.firstURL(in: inner) ?? ""
            guard !url.isEmpty else { return inner }
            return "<wxr-embed url=\"\(HTMLSerializer.escape(url, quotes: true))\">" + (Self.figcaption(in: inner) ?? "") + "</wxr-embed>\n"
        case "core/more":
            return "\n<!--more-->\n"
        case "core/nextpage", "core/spacer":
            return ""
        case "core/code":
            return CodePlugins.labelingCodeBlock(inner, language: block.attributes["language"]?.string)
        case "core/footnotes":
            return Self.footnotesList(notes.footnotesJSON)
        case "core/freeform", "core/shortcode":
            return classic(inner, notes: &notes)
        case "core/block":
            guard let ref = block.attributes["ref"]?.integer else { return inner }
            guard depth < 8, let reusable = context.reusableBlock(ref) else {
                notes.missingReusableBlockIDs.append(ref)
                return inner
            }
            return displayHTML(reusable, depth: depth + 1, notes: &notes)
        default:
            return inner
        }
    }

    /// The footnotes block as WordPress shows it: an ordered list of the notes, each with its anchor.
    private static func footnotesList(_ json: String?) -> String {
        guard let json, let notes = JSONValue(parsing: json)?.array, !notes.isEmpty else { return "" }
        var html = "<ol class=\"wp-block-footnotes\">"
        for case .object(let note) in notes {
            let id = note["id"]?.string ?? ""
            html += "<li id=\"\(HTMLSerializer.escape(id, quotes: true))\">" + (note["content"]?.string ?? "") + "</li>"
        }
        return html + "</ol>"
    }

    // MARK: Shortcodes

    /// Shortcodes the engine converts, besides the code languages below.
    /// Shortcodes converted in prose; code shortcodes (``CodePlugins``) have a pass of their own, before.
    static let convertedShortcodes = Set(["caption", "wp_caption", "gallery", "embed", "audio", "video"]).union(EmbedShortcodes.names)

    /// Expands the shortcodes of `html` into HTML, outside `<pre>` (code shows shortcodes as written).
    private func expandShortcodes(_ html: String, postID: Int?, notes: inout Notes) -> String {
        guard html.containsByte(UInt8(ascii: "[")) else { return html }
        let bytes = Array(html.utf8)
        var output = ""
        var position = 0
        while position < bytes.count {
            let preStart = Self.find(caseInsensitive: "<pre", in: bytes, from: position)
            let proseEnd = preStart ?? bytes.count
            output += expandShortcodes(inProse: String(decoding: bytes[position..<proseEnd], as: UTF8.self), postID: postID, notes: &notes)
            guard let preStart else { break }
            let preEnd = Self.find(caseInsensitive: "</pre>", in: bytes, from: preStart + 4).map { $0 + 6 } ?? bytes.count
            output += String(decoding: bytes[preStart..<preEnd], as: UTF8.self)
            position = preEnd
        }
        return output
    }

    private func expandCodeShortcodes(_ text: String, notes: inout Notes) -> String {
        guard Self.hasCodeShortcodeCloser(text) else { return text }
        var output = ""
        for piece in Shortcode.split(text, isKnown: CodePlugins.isCodeShortcode) {
            switch piece {
            case .text(let plain): output += plain
            case .shortcode(let shortcode) where shortcode.content != nil: output += expand(shortcode, postID: nil, notes: &notes)
            case .shortcode(let shortcode):
                // A code shortcode without its closing tag is not code ("[source]" cites): leave it as written.
                output += shortcode.source
            }
        }
        return output
    }

    /// Whether some `[/name]` closes a code shortcode: code shortcodes enclose, so without one there is none.
    private static func hasCodeShortcodeCloser(_ text: String) -> Bool {
        guard text.containsBytes("[/") else { return false }
        let found = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            var index = 0
            while index + 2 < bytes.count {
                if bytes[index] == UInt8(ascii: "["), bytes[index + 1] == UInt8(ascii: "/") {
                    var end = index + 2
                    while end < bytes.count, end - index < 40, bytes[end] != UInt8(ascii: "]") { end += 1 }
                    if end < bytes.count, bytes[end] == UInt8(ascii: "]"),
                       CodePlugins.isCodeShortcode(String(decoding: bytes[(index + 2)..<end], as: UTF8.self)) {
                        return true
                    }
                }
                index += 1
            }
            return false
        }
        return found ?? true
    }

    private func expandShortcodes(inProse text: String, postID: Int?, notes: inout Notes) -> String {
        guard text.containsByte(UInt8(ascii: "[")) else { return text }
        var output = ""
        for piece in Shortcode.split(text, isKnown: { name in
            Self.convertedShortcodes.contains(name.lowercased())
        }) {
            switch piece {
            case .text(let plain):
                for name in Shortcode.names(in: plain) {
                    notes.unknownShortcodes[name, default: 0] += 1
                    let start = plain.range(of: "[" + name)?.lowerBound ?? plain.startIndex
                    notes.compromises.add(.unknownShortcode, construct: name, excerpt: String(plain[start...].prefix(120)))
                }
                output += plain
            case .shortcode(let shortcode):
                output += expand(shortcode, postID: postID, notes: &notes)
            }
        }
        return output
    }

    private func expand(_ shortcode: Shortcode, postID: Int?, notes: inout Notes) -> String {
        let name = shortcode.name.lowercased()
        switch name {
        case "caption", "wp_caption":
            return caption(shortcode, postID: postID, notes: &notes)
        case "gallery":
            return gallery(shortcode, postID: postID, notes: &notes)
        case "embed":
            let url = (shortcode.content ?? shortcode.attributes["src"] ?? shortcode.positional.first ?? "").trimmingSpaces
            return Self.embed(url, kind: "embed")
        case _ where EmbedShortcodes.names.contains(name):
            // Without an address there is nothing to embed: kept as written rather than lost.
            return EmbedShortcodes.url(of: shortcode).map { Self.embed($0, kind: "embed") } ?? shortcode.source
        case "audio", "video":
            let sources = name == "audio" ? ["src", "mp3", "m4a", "ogg", "wav", "wma", "flac"] : ["src", "mp4", "m4v", "webm", "ogv", "wmv", "flv"]
            let url = sources.lazy.compactMap { shortcode.attributes[$0] }.first ?? shortcode.positional.first ?? ""
            return url.isEmpty ? "" : Self.embed(url.trimmingSpaces, kind: name)
        default:
            var code = CodePlugins.displayedCode(CodePlugins.withLineFeeds(shortcode.content ?? ""))
            if code.hasPrefix("\n") { code.removeFirst() }
            let classAttribute = CodePlugins.language(of: shortcode).map { " class=\"language-\(HTMLSerializer.escape($0, quotes: true))\"" } ?? ""
            if CodePlugins.isInline(shortcode) && !code.contains("\n") {
                return "<code\(classAttribute)>" + HTMLSerializer.escape(code, quotes: false) + "</code>"
            }
            return "<pre><code\(classAttribute)>" + HTMLSerializer.escape(code, quotes: false) + "</code></pre>"
        }
    }

    /// `[caption]<a><img></a> The caption[/caption]`, or the caption in an attribute: a figure.
    private func caption(_ shortcode: Shortcode, postID: Int?, notes: inout Notes) -> String {
        let content = (shortcode.content ?? "").trimmingSpaces
        var image = ""
        var text = shortcode.attributes["caption"] ?? ""
        var rest = Substring(content)
        if rest.lowercased().hasPrefix("<a"), let end = rest.range(of: "</a>", options: .caseInsensitive) {
            image = String(rest[..<end.upperBound])
            rest = rest[end.upperBound...]
        } else if rest.lowercased().hasPrefix("<img"), let end = rest.firstIndex(of: ">") {
            image = String(rest[...end])
            rest = rest[rest.index(after: end)...]
        }
        if text.isEmpty { text = String(rest) }
        let captionHTML = expandShortcodes(inProse: text.trimmingSpaces, postID: postID, notes: &notes)
        return "<figure class=\"wp-caption\">" + image + (captionHTML.isEmpty ? "" : "<figcaption>" + captionHTML + "</figcaption>") + "</figure>"
    }

    /// `[gallery ids="1,2,3"]`: the attachments' images; without ids, the images attached to the post.
    private func gallery(_ shortcode: Shortcode, postID: Int?, notes: inout Notes) -> String {
        var images: [ContentContext.Attachment] = []
        if let ids = shortcode.attributes["ids"] ?? shortcode.attributes["include"] {
            for id in ids.split(separator: ",").compactMap({ Int(String($0).trimmingSpaces) }) {
                if let attachment = context.attachment(id) { images.append(attachment) } else { notes.missingAttachmentIDs.append(id) }
            }
        } else if let postID {
            notes.showsAttachedImages = true
            images = context.attachments(ofPost: postID).map(\.attachment)
        }
        guard !images.isEmpty else { return "" }
        let linksToFiles = shortcode.attributes["link"] == "file"
        let tags = images.map { image -> String in
            let tag = "<img src=\"\(HTMLSerializer.escape(image.url, quotes: true))\" alt=\"\(HTMLSerializer.escape(image.alt ?? "", quotes: true))\">"
            return linksToFiles ? "<a href=\"\(HTMLSerializer.escape(image.url, quotes: true))\">\(tag)</a>" : tag
        }
        return "<figure class=\"gallery\">" + tags.joined(separator: " ") + "</figure>"
    }

    // MARK: Embeds

    private static func embed(_ url: String, kind: String) -> String {
        guard !url.isEmpty else { return "" }
        return "<wxr-embed kind=\"\(kind)\" url=\"\(HTMLSerializer.escape(url, quotes: true))\"></wxr-embed>"
    }

    /// A URL alone on its line is an embed in WordPress (oEmbed), outside `<pre>`.
    private static func embeddingBareURLs(_ content: String) -> String {
        guard hasURLAtLineStart(content) else { return content }
        // Lines as slices of one byte array into one output buffer: a String for every line showed in profiles.
        let bytes = Array(content.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 64)
        var insidePre = false
        var changed = false
        var lineStart = 0
        while lineStart <= bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
            let line = bytes[lineStart..<lineEnd]
            if lineStart > 0 { output.append(0x0A) }
            if !insidePre, let url = bareURL(inLine: line) {
                output += embed(url, kind: "embed").utf8
                changed = true
            } else {
                output += line
            }
            if line.contains(UInt8(ascii: "<")) { insidePre = leavesPreOpen(Array(line), insidePre: insidePre) }
            lineStart = lineEnd + 1
        }
        return changed ? String(decoding: output, as: UTF8.self) : content
    }

    /// The http(s) URL a line holds alone, spaces around it aside: what WordPress embeds. `nil` otherwise.
    static func bareURL(inLine bytes: ArraySlice<UInt8>) -> String? {
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, [0x20, 0x09, 0x0D].contains(bytes[start]) { start += 1 }
        while end > start, [0x20, 0x09, 0x0D].contains(bytes[end - 1]) { end -= 1 }
        let line = bytes[start..<end]
        guard line.starts(with: "http://".utf8) || line.starts(with: "https://".utf8),
              !line.contains(where: { $0 <= 0x20 || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\"") })
        else { return nil }
        return String(decoding: line, as: UTF8.self)
    }

    /// Whether a `<pre>` is open after `line`, given whether one was before it.
    static func leavesPreOpen(_ line: [UInt8], insidePre: Bool) -> Bool {
        var insidePre = insidePre
        var scan = 0
        while let open = find(caseInsensitive: insidePre ? "</pre>" : "<pre", in: line, from: scan) {
            insidePre.toggle()
            scan = open + 4
        }
        return insidePre
    }

    /// Whether some line starts with "http" (after spaces): the cheap test before looking closer.
    static func hasURLAtLineStart(_ content: String) -> Bool {
        let found = content.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            var index = 0
            var atLineStart = true
            while index < bytes.count {
                if atLineStart {
                    while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
                    if index + 4 <= bytes.count, bytes[index] == UInt8(ascii: "h"), bytes[index + 1] == UInt8(ascii: "t"),
                       bytes[index + 2] == UInt8(ascii: "t"), bytes[index + 3] == UInt8(ascii: "p") {
                        return true
                    }
                    atLineStart = false
                }
                if index < bytes.count, bytes[index] == 0x0A { atLineStart = true }
                index += 1
            }
            return false
        }
        return found ?? true
    }

    /// Where the ASCII `needle` first occurs in `bytes`, ignoring ASCII case.
    static func find(caseInsensitive needle: StaticString, in bytes: [UInt8], from start: Int) -> Int? {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        guard bytes.count >= pattern.count, start <= bytes.count - pattern.count else { return nil }
        var index = start
        while index <= bytes.count - pattern.count {
            if bytes[index] | 0x20 == pattern[0] | 0x20 {
                var offset = 1
                while offset < pattern.count, bytes[index + offset] | 0x20 == pattern[offset] | 0x20 { offset += 1 }
                if offset == pattern.count { return index }
            }
            index += 1
        }
        return nil
    }

    private static func firstURL(in html: String) -> String? {
        guard let start = html.range(of: "https://") ?? html.range(of: "http://") else { return nil }
        let url = html[start.lowerBound...].prefix { !$0.isWhitespace && $0 != "<" && $0 != "\"" && $0 != "'" }
        return url.isEmpty ? nil : String(url)
    }

    private static func figcaption(in html: String) -> String? {
        guard html.containsBytes("figcaption"), let open = html.range(of: "<figcaption"), let openEnd = html[open.upperBound...].firstIndex(of: ">"),
              let close = html.range(of: "</figcaption>", range: openEnd..<html.endIndex) else { return nil }
        return String(html[html.index(after: openEnd)..<close.lowerBound])
    }

    /// For HTML output: an embed shown as the link (or player) the options ask for.
    private func resolvingEmbeds(_ node: HTMLNode) -> HTMLNode {
        guard case .element(var element) = node else { return node }
        if element.name == "wxr-embed" {
            let url = element[attribute: "url"] ?? ""
            let provider = EmbedProvider(url: url)
            var figure = HTMLElement("figure", attributes: [("class", "wp-block-embed")])
            if options.embeds == .html, let player = provider.playerURL {
                figure.children.append(.element(HTMLElement("iframe", attributes: [("src", player), ("allowfullscreen", "")])))
            } else {
                figure.children.append(.element(HTMLElement("a", attributes: [("href", url)], children: [.text(url)])))
            }
            if !element.children.isEmpty {
                figure.children.append(.element(HTMLElement("figcaption", children: element.children)))
            }
            return .element(figure)
        }
        element.children = element.children.map(resolvingEmbeds)
        return .element(element)
    }
}
