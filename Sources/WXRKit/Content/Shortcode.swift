/// A shortcode in post content, in WordPress's syntax: `[name attrs]`, `[name attrs /]`,
/// `[name attrs]content[/name]`; `[[name]]` is an escaped one, shown as `[name]`.
public struct Shortcode: Sendable, Equatable {
    public var name: String
    /// Named attributes, names lowercased: `[gallery ids="1,2" columns=3]`.
    public var attributes: [String: String]
    /// Attributes without a name: `[embed "https://…"]`.
    public var positional: [String]
    /// What an enclosing shortcode wraps; `nil` for a self-closing one.
    public var content: String?
    /// The shortcode as written in the content, to put back when it is not converted.
    public var source: String

    public init(name: String, attributes: [String: String] = [:], positional: [String] = [], content: String? = nil, source: String = "") {
        self.name = name
        self.attributes = attributes
        self.positional = positional
        self.content = content
        self.source = source
    }

    /// A piece of text: plain text, or a shortcode, or an escaped shortcode to show literally.
    public enum Piece: Sendable, Equatable {
        case text(String)
        case shortcode(Shortcode)
    }

    /// Splits `text` at the shortcodes `isKnown` accepts; all others stay in the text as written.
    public static func split(_ text: String, isKnown: (String) -> Bool) -> [Piece] {
        let bytes = Array(text.utf8)
        var pieces: [Piece] = []
        var textStart = 0
        var position = 0
        func flush(upTo end: Int) {
            if end > textStart { pieces.append(.text(String(decoding: bytes[textStart..<end], as: UTF8.self))) }
        }
        while position < bytes.count {
            guard bytes[position] == UInt8(ascii: "["), let match = Match(bytes, at: position), isKnown(match.name) else {
                position += 1
                continue
            }
            flush(upTo: position)
            let source = String(decoding: bytes[match.start..<match.end], as: UTF8.self)
            if match.isEscaped {
                // `[[gallery]]` shows `[gallery]`.
                pieces.append(.text(String(source.dropFirst().dropLast())))
            } else {
                if match.start > position { pieces.append(.text("[")) }
                pieces.append(.shortcode(match.shortcode(bytes)))
            }
            position = match.end
            textStart = position
        }
        flush(upTo: bytes.count)
        return pieces
    }

    /// The names of everything in `text` WordPress would parse as some plugin's shortcode: a registered-looking
    /// name (lowercase letters, digits, `_` and `-`, starting with a letter) with named attributes, a closing tag
    /// or a closing `/]`, or the name of a common plugin's shortcode (``PluginShortcodes``). Markdown-style
    /// reference labels (`[CAN-SPAM]`, `[linux-any]`, `[1]`, `[Foo Bar]`) and bracketed words (`[sic]`) are
    /// text, as WordPress shows them.
    public static func names(in text: String) -> [String] {
        let bytes = Array(text.utf8)
        var names: [String] = []
        var position = 0
        while position < bytes.count {
            if bytes[position] == UInt8(ascii: "["), let match = Match(bytes, at: position), !match.isEscaped {
                if match.readsAsShortcode(bytes) { names.append(match.name) }
                position = match.nameEnd
            } else {
                position += 1
            }
        }
        return names
    }

    /// `a="x" b='y' c=z`: the named attributes of a start tag or a shortcode, names lowercased.
    static func attributes(of text: String) -> [String: String] {
        Match.parseAttributes(text).0
    }

    /// Where a shortcode sits in the text, found without knowing its name's meaning.
    private struct Match {
        var start: Int
        var name: String
        var nameEnd: Int
        var attributesEnd: Int
        var contentRange: Range<Int>?
        var end: Int
        var isEscaped: Bool
        var isSelfClosing: Bool

        init?(_ bytes: [UInt8], at position: Int) {
            start = position
            var index = position + 1
            let opensTwice = index < bytes.count && bytes[index] == UInt8(ascii: "[")
            if opensTwice { index += 1 }
            let nameStart = index
            while index < bytes.count, Self.isNameByte(bytes[index]) { index += 1 }
            guard index > nameStart, index < bytes.count else { return nil }
            let next = bytes[index]
            // `=` for WordPress.com's `[youtube=URL]`: a name ends wherever a name byte does.
            guard next == UInt8(ascii: "]") || next == UInt8(ascii: "/") || next == 0x20 || next == 0x09 || next == 0x0A
                || next == 0x0D || next == 0xC2 || next == UInt8(ascii: "=") else { return nil }
            name = String(decoding: bytes[nameStart..<index], as: UTF8.self)
            nameEnd = index
            // Attributes run to the first "]"; they can't hold one.
            var close = index
            while close < bytes.count, bytes[close] != UInt8(ascii: "]") {
                if bytes[close] == UInt8(ascii: "[") { return nil }
                close += 1
            }
            guard close < bytes.count else { return nil }
            let selfClosing = bytes[close - 1] == UInt8(ascii: "/")
            attributesEnd = selfClosing ? close - 1 : close
            isSelfClosing = selfClosing
            end = close + 1
            if !selfClosing, let closer = Self.find(Array("[/\(name)]".utf8), in: bytes, from: end) {
                contentRange = end..<closer
                end = closer + name.utf8.count + 3
            }
            let closesTwice = end < bytes.count && bytes[end] == UInt8(ascii: "]")
            isEscaped = opensTwice && closesTwice
            if isEscaped { end += 1 }
            if opensTwice && !isEscaped { start = position + 1 }
        }

        /// Whether WordPress would parse this as a shortcode of some plugin: see ``Shortcode/names(in:)``.
        func readsAsShortcode(_ bytes: [UInt8]) -> Bool {
            guard let first = name.utf8.first, first >= 0x61, first <= 0x7A,
                  name.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F || $0 == 0x2D })
            else { return false }
            if contentRange != nil || isSelfClosing || PluginShortcodes.isKnown(name) { return true }
            // A named attribute as WordPress reads one (`id="3"`), not a URL's query (`[see http://a/?b=c]`).
            return Self.parseAttributes(attributesText(bytes)).0.keys.contains { key in
                key.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F || $0 == 0x2D }
            }
        }

        func attributesText(_ bytes: [UInt8]) -> String {
            String(decoding: bytes[nameEnd..<attributesEnd], as: UTF8.self)
        }

        func shortcode(_ bytes: [UInt8]) -> Shortcode {
            let (named, positional) = Self.parseAttributes(attributesText(bytes))
            let content = contentRange.map { String(decoding: bytes[$0], as: UTF8.self) }
            return Shortcode(name: name, attributes: named, positional: positional, content: content,
                             source: String(decoding: bytes[start..<end], as: UTF8.self))
        }

        static func isNameByte(_ byte: UInt8) -> Bool {
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }

        static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
            guard needle.count <= bytes.count else { return nil }
            var index = start
            while index + needle.count <= bytes.count {
                if bytes[index] == needle[0], bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
                index += 1
            }
            return nil
        }

        /// `a="x" b='y' c=z "positional" bare`, as WordPress reads them.
        static func parseAttributes(_ text: String) -> ([String: String], [String]) {
            var named: [String: String] = [:]
            var positional: [String] = []
            // Editors turn the spaces around attributes into no-break spaces; WordPress reads them as spaces.
            var rest = Substring(text)
            if text.utf8.contains(where: { $0 >= 0x80 }) {
                rest = Substring(text.replacingOccurrences(of: "\u{A0}", with: " ").replacingOccurrences(of: "\u{200B}", with: " "))
            }
            func skipSpace() { rest = rest.drop(while: { $0.isWhitespace }) }
            func quoted() -> String? {
                guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
                let body = rest.dropFirst()
                guard let close = body.firstIndex(of: quote) else {
                    rest = ""
                    return String(body)
                }
                rest = body[body.index(after: close)...]
                return String(body[..<close])
            }
            skipSpace()
            while !rest.isEmpty {
                if let value = quoted() {
                    positional.append(value)
                } else {
                    let token = rest.prefix(while: { !$0.isWhitespace && $0 != "=" })
                    rest = rest[token.endIndex...]
                    if rest.first == "=" {
                        rest = rest.dropFirst()
                        let value = quoted() ?? {
                            let bare = rest.prefix(while: { !$0.isWhitespace })
                            rest = rest[bare.endIndex...]
                            return String(bare)
                        }()
                        // `[youtube=URL]`: a value with no name is positional.
                        if token.isEmpty { positional.append(value) } else { named[token.lowercased()] = value }
                    } else if !token.isEmpty {
                        positional.append(String(token))
                    } else {
                        rest = rest.dropFirst()
                    }
                }
                skipSpace()
            }
            return (named, positional)
        }
    }
}
