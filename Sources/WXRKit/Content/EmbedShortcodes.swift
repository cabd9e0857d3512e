import Foundation

/// WordPress.com's (and Jetpack's) embed shortcodes: `[youtube URL]`, `[youtube=URL]`, `[vimeo ID]`,
/// `[tweet URL]`, `[soundcloud url="…"]`, `[slideshare id=…]` and the like, read as the address they embed.
enum EmbedShortcodes {
    /// The shortcode names, lowercased.
    static let names: Set<String> = [
        "youtube", "vimeo", "dailymotion", "slideshare", "googlemaps", "tweet", "soundcloud", "instagram",
    ]

    /// The address `shortcode` embeds, or `nil` when it names none.
    ///
    /// An address written out wins, wherever it sits: the editor auto-links it inside the shortcode
    /// (`[youtube <a href="URL">URL</a>]`) and WordPress.com glues it to the name (`[youtube=URL]`). Otherwise
    /// the provider's id makes one.
    static func url(of shortcode: Shortcode) -> String? {
        if let url = firstURL(in: decodingAmpersands(shortcode.source)) { return url }
        let name = shortcode.name.lowercased()
        let id = (shortcode.attributes["id"] ?? shortcode.attributes["tweet"] ?? shortcode.positional.first ?? "").trimmingSpaces
        guard !id.isEmpty else { return nil }
        switch name {
        case "youtube" where isToken(id): return "https://www.youtube.com/watch?v=\(id)"
        case "vimeo" where id.allSatisfy(\.isNumber): return "https://vimeo.com/\(id)"
        case "dailymotion" where isToken(id): return "https://www.dailymotion.com/video/\(id)"
        case "tweet" where id.allSatisfy(\.isNumber): return "https://twitter.com/i/status/\(id)"
        case "slideshare":
            // `id=5342235&doc=name-100608&w=425`: the number before the first `&` is the slideshow.
            let number = id.prefix { $0.isNumber }
            return number.isEmpty ? nil : "https://www.slideshare.net/slideshow/embed_code/\(number)"
        default: return nil
        }
    }

    /// The first http(s) address in `text`, up to a space, a quote, a tag or the shortcode's end.
    private static func firstURL(in text: String) -> String? {
        guard let start = text.range(of: "https://", options: .caseInsensitive) ?? text.range(of: "http://", options: .caseInsensitive)
        else { return nil }
        let url = text[start.lowerBound...].prefix { !$0.isWhitespace && !"\"'<>[]".contains($0) }
        return url.count > 8 ? String(url) : nil
    }

    /// Editors store `&` in addresses as `&amp;` or `&#038;`.
    private static func decodingAmpersands(_ text: String) -> String {
        guard text.contains("&#038;") || text.contains("&amp;") else { return text }
        return text.replacingOccurrences(of: "&#038;", with: "&").replacingOccurrences(of: "&amp;", with: "&")
    }

    private static func isToken(_ text: String) -> Bool {
        text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}
