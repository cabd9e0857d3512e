/// The content engine's answer to ``ContentConversionCheck``: the shortcodes in a post that ``ContentRenderer``
/// keeps as written because it does not know them (everything but captions, galleries, embeds, media and code).
public struct UnknownShortcodeCheck: ContentConversionCheck {
    public init() {}

    public func unknownShortcodes(in content: String) -> [String] {
        guard content.containsByte(UInt8(ascii: "[")) else { return [] }
        var seen: Set<String> = []
        var names: [String] = []
        for name in Shortcode.names(in: content) {
            let lowered = name.lowercased()
            guard !ContentRenderer.convertedShortcodes.contains(lowered), !CodePlugins.isCodeShortcode(lowered),
                  seen.insert(lowered).inserted else { continue }
            names.append(name)
        }
        return names
    }
}
