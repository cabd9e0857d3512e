/// The content engine's answer to ``ContentConversionCheck``: the shortcodes in a post that ``ContentRenderer``
/// keeps as written because it does not know them (everything but captions, galleries, embeds, media and code).
///
/// Where the renderer does not look for shortcodes, neither does the check: a `[quote]` in a PHP string inside
/// `<pre>` or `[sourcecode]` is code.
public struct UnknownShortcodeCheck: ContentConversionCheck {
    public init() {}

    public func unknownShortcodes(in content: String) -> [String] {
        guard content.containsByte(UInt8(ascii: "[")) else { return [] }
        var seen: Set<String> = []
        var names: [String] = []
        for name in Self.outsideCode(content).flatMap(Shortcode.names(in:)) {
            let lowered = name.lowercased()
            guard !ContentRenderer.convertedShortcodes.contains(lowered), !CodePlugins.isCodeShortcode(lowered),
                  seen.insert(lowered).inserted else { continue }
            names.append(name)
        }
        return names
    }

    /// The parts of `content` outside `<pre>…</pre>` and the code plugins' shortcodes.
    static func outsideCode(_ content: String) -> [String] {
        var parts: [String] = []
        for piece in Shortcode.split(content, isKnown: CodePlugins.isCodeShortcode) {
            guard case .text(let text) = piece else { continue }
            guard text.containsByte(UInt8(ascii: "<")) else {
                parts.append(text)
                continue
            }
            let bytes = Array(text.utf8)
            var position = 0
            while true {
                guard let start = ContentRenderer.find(caseInsensitive: "<pre", in: bytes, from: position) else { break }
                parts.append(String(decoding: bytes[position..<start], as: UTF8.self))
                let closer: StaticString = "</pre>"
                guard let end = ContentRenderer.find(caseInsensitive: closer, in: bytes, from: start) else {
                    position = bytes.count
                    break
                }
                position = end + closer.utf8CodeUnitCount
            }
            if position < bytes.count { parts.append(String(decoding: bytes[position...], as: UTF8.self)) }
        }
        return parts
    }
}
