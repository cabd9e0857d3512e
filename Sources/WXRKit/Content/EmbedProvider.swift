/// The oEmbed providers WordPress embeds from a bare URL, recognized offline from the URL alone; also the
/// players of old posts (`youtube.com/v/ID`, Vimeo's `moogaloop.swf?clip_id=N`).
enum EmbedProvider: Equatable {
    case youtube(id: String)
    case vimeo(id: String)
    case dailymotion(id: String)
    case slideshare
    case googleMaps
    case tweet(user: String, id: String)
    case instagram(id: String)
    case soundcloud
    case spotify
    case other

    /// The hosts (without `www.`) a provider below may have.
    private static let providerHosts: Set<String> = [
        "youtube.com", "m.youtube.com", "youtube-nocookie.com", "youtu.be", "vimeo.com", "player.vimeo.com",
        "dailymotion.com", "dai.ly", "slideshare.net", "maps.google.com", "twitter.com", "x.com", "instagram.com",
        "instagr.am", "soundcloud.com", "api.soundcloud.com", "open.spotify.com",
    ]

    init(url: String) {
        // SiteAddress's byte parser, not Foundation's URLComponents: that cost more than the rest of an embed.
        guard let address = SiteAddress.parse(url), let host = address.host,
              Self.providerHosts.contains(host) || host.hasPrefix("google.") else {
            self = .other
            return
        }
        let parts = PercentEncoding.decoded(address.path).split(separator: "/").map(String.init)
        func query(_ name: String) -> String? {
            guard let query = address.query else { return nil }
            for pair in query.split(separator: "&") {
                let (key, value) = (pair.prefix { $0 != "=" }, pair.drop { $0 != "=" }.dropFirst())
                if PercentEncoding.decoded(String(key)) == name { return PercentEncoding.decoded(String(value)) }
            }
            return nil
        }
        let bareHost = host.hasPrefix("m.") ? String(host.dropFirst(2)) : host
        switch bareHost {
        case "youtube.com", "youtube-nocookie.com":
            // Flash-era addresses put options after the id with `&` and no `?`: `/v/ID&hl=en&fs=1`.
            let pathID = parts.count >= 2 && ["embed", "shorts", "live", "v"].contains(parts[0])
                ? String(parts[1].prefix { $0 != "&" }) : nil
            if let id = query("v"), Self.isToken(id) {
                self = .youtube(id: id)
            } else if let pathID, Self.isToken(pathID), pathID != "videoseries" {
                self = .youtube(id: pathID)
            } else {
                self = .other
            }
        case "youtu.be":
            self = parts.first.flatMap { Self.isToken($0) ? .youtube(id: $0) : nil } ?? .other
        case "vimeo.com", "player.vimeo.com":
            if let id = query("clip_id") ?? parts.last(where: { $0.allSatisfy(\.isNumber) }), !id.isEmpty, id.allSatisfy(\.isNumber) {
                self = .vimeo(id: id)
            } else {
                self = .other
            }
        case "dailymotion.com", "dai.ly":
            // `/video/x7tgad0_a-title`, `/embed/video/x7tgad0`, `/swf/video/x7tgad0`, `dai.ly/x7tgad0`.
            let id = (bareHost == "dai.ly" ? parts.first : parts.firstIndex(of: "video").flatMap { parts.dropFirst($0 + 1).first })
                .map { part in String(part.prefix { $0 != "_" }) }
            self = id.flatMap { Self.isToken($0) ? .dailymotion(id: $0) : nil } ?? .other
        case "slideshare.net":
            self = .slideshare
        case "maps.google.com":
            self = .googleMaps
        case _ where bareHost.hasPrefix("google.") && parts.first == "maps":
            self = .googleMaps
        case "twitter.com", "x.com":
            if parts.count >= 3, parts[1] == "status", parts[2].allSatisfy(\.isNumber) {
                self = .tweet(user: parts[0], id: parts[2])
            } else {
                self = .other
            }
        case "instagram.com", "instagr.am":
            self = parts.count >= 2 && ["p", "reel", "tv"].contains(parts[0]) ? .instagram(id: parts[1]) : .other
        case "soundcloud.com", "api.soundcloud.com":
            self = .soundcloud
        case "open.spotify.com":
            self = .spotify
        default:
            self = .other
        }
    }

    /// Whether the provider plays video or slides in a player: what a pasted `<iframe>` or `<object>` of it is.
    var isPlayer: Bool {
        switch self {
        case .youtube, .vimeo, .dailymotion, .slideshare: true
        default: false
        }
    }

    /// The video's own page, the address a reader follows: the player's address is no page to link to.
    var pageURL: String? {
        switch self {
        case .youtube(let id): "https://www.youtube.com/watch?v=\(id)"
        case .vimeo(let id): "https://vimeo.com/\(id)"
        case .dailymotion(let id): "https://www.dailymotion.com/video/\(id)"
        default: nil
        }
    }

    /// The player's address for an `<iframe>`, where the provider has a stable one.
    var playerURL: String? {
        switch self {
        case .youtube(let id): "https://www.youtube-nocookie.com/embed/\(id)"
        case .vimeo(let id): "https://player.vimeo.com/video/\(id)"
        case .dailymotion(let id): "https://www.dailymotion.com/embed/video/\(id)"
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

    /// The host an embed's address names, lowercased: what an unknown embed is reported by.
    static func host(of url: String) -> String {
        SiteAddress.parse(url)?.host ?? url
    }

    private static func isToken(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 == 0x2D || $0 == 0x5F || ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) }
    }
}
