/// Video players pasted as HTML, made embeds: `<iframe>`s of YouTube, Vimeo, Dailymotion and SlideShare, and the
/// Flash `<object>`/`<embed>` players of old posts (`youtube.com/v/ID`, Vimeo's `moogaloop.swf?clip_id=N`).
///
/// An embed is written in the style the options ask for (a Hugo shortcode, a player, a link); Flash plays nowhere
/// now, so an old player kept as HTML would be a blank box, and its link goes to the video's page. Players of
/// other providers stay raw HTML.
enum PlayerEmbeds {
    static func apply(to nodes: [HTMLNode]) -> [HTMLNode] {
        nodes.map { node in
            guard case .element(var element) = node else { return node }
            if let url = videoURL(of: element) {
                return .element(HTMLElement("wxr-embed", attributes: [("kind", "embed"), ("url", url)]))
            }
            element.children = apply(to: element.children)
            return .element(element)
        }
    }

    /// The address of the video `element` plays, when it is a player of a provider the engine knows.
    static func videoURL(of element: HTMLElement) -> String? {
        let sources: [String]
        switch element.name {
        case "iframe", "embed":
            sources = [element[attribute: "src"]].compactMap { $0 }
        case "object":
            // The movie is named three ways: `data`, a `movie` (or `src`) param, or the `<embed>` inside for
            // browsers that ignored `<object>`.
            var found = [element[attribute: "data"]].compactMap { $0 }
            for case .element(let child) in element.children {
                if child.name == "param", ["movie", "src"].contains(child[attribute: "name"]?.lowercased()), let value = child[attribute: "value"] {
                    found.append(value)
                } else if child.name == "embed", let source = child[attribute: "src"] {
                    found.append(source)
                }
            }
            sources = found
        default:
            return nil
        }
        for source in sources {
            let url = source.trimmingSpaces.hasPrefix("//") ? "https:" + source.trimmingSpaces : source.trimmingSpaces
            let provider = EmbedProvider(url: url)
            guard provider.isPlayer else { continue }
            // An iframe's address still plays in a browser, and is what the post showed; a Flash player's does
            // neither, so its link goes to the video's page.
            return element.name == "iframe" ? url : provider.pageURL ?? url
        }
        return nil
    }

    /// Whether `html` may hold a player: the cheap test that spares most posts a walk of their tree.
    static func mayHoldPlayers(_ html: String) -> Bool {
        html.containsBytes("iframe") || html.containsBytes("object") || html.containsBytes("embed")
            || html.containsBytes("IFRAME") || html.containsBytes("OBJECT") || html.containsBytes("EMBED")
    }
}
