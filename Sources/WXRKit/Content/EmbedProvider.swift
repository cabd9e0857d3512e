import Foundation

/// The oEmbed providers WordPress embeds from a bare URL, recognized offline from the URL alone.
enum EmbedProvider: Equatable {
    case youtube(id: String)
    case vimeo(id: String)
    case tweet(user: String, id: String)
    case instagram(id: String)
    case soundcloud
    case spotify
    case other

    init(url: String) {
        guard let components = URLComponents(string: url), let host = components.host?.lowercased() else {
            self = .other
            return
        }
        let parts = components.path.split(separator: "/").map(String.init)
        let bareHost = host.hasPrefix("www.") ? String(host.dropFirst(4)) : host.hasPrefix("m.") ? String(host.dropFirst(2)) : host
        switch bareHost {
        case "youtube.com", "youtube-nocookie.com":
            if let id = components.queryItems?.first(where: { $0.name == "v" })?.value, Self.isToken(id) {
                self = .youtube(id: id)
            } else if parts.count >= 2, ["embed", "shorts", "live", "v"].contains(parts[0]), Self.isToken(parts[1]) {
                self = .youtube(id: parts[1])
            } else {
                self = .other
            }
        case "youtu.be":
            self = parts.first.flatMap { Self.isToken($0) ? .youtube(id: $0) : nil } ?? .other
        case "vimeo.com", "player.vimeo.com":
            self = parts.last(where: { $0.allSatisfy(\.isNumber) }).map { .vimeo(id: $0) } ?? .other
        case "twitter.com", "x.com":
            if parts.count >= 3, parts[1] == "status", parts[2].allSatisfy(\.isNumber) {
                self = .tweet(user: parts[0], id: parts[2])
            } else {
                self = .other
            }
        case "instagram.com", "instagr.am":
            self = parts.count >= 2 && ["p", "reel", "tv"].contains(parts[0]) ? .instagram(id: parts[1]) : .other
        case "soundcloud.com":
            self = .soundcloud
        case "open.spotify.com":
            self = .spotify
        default:
            self = .other
        }
    }

    /// The player's address for an `<iframe>`, where the provider has a stable one.
    var playerURL: String? {
        switch self {
        case .youtube(let id): "https://www.youtube-nocookie.com/embed/\(id)"
        case .vimeo(let id): "https://player.vimeo.com/video/\(id)"
        default: nil
        }
    }

    /// Hugo's built-in shortcode for the provider (Hugo 0.111 syntax).
    var hugoShortcode: String? {
        switch self {
        case .youtube(let id): "{{< youtube \(id) >}}"
        case .vimeo(let id): "{{< vimeo \(id) >}}"
        // Hugo's tweet and instagram shortcodes call their services while the site builds (Instagram's needs
        // an access token): a build offline, or without one, fails. Those stay links.
        default: nil
        }
    }

    private static func isToken(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 == 0x2D || $0 == 0x5F || ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) }
    }
}
