/// Replaces the URLs of a display tree (links, images, media, embeds) with the ones a rewrite gives.
enum URLRewriting {
    /// The attributes that hold one URL, by element.
    static let urlAttributes: [String: [String]] = [
        "a": ["href"], "img": ["src"], "source": ["src"], "video": ["src", "poster"], "audio": ["src"],
        "track": ["src"], "iframe": ["src"], "embed": ["src"], "object": ["data"], "wxr-embed": ["url"],
    ]

    static func apply(_ rewrite: (String) -> String?, to nodes: [HTMLNode]) -> [HTMLNode] {
        nodes.map { apply(rewrite, to: $0) }
    }

    private static func apply(_ rewrite: (String) -> String?, to node: HTMLNode) -> HTMLNode {
        guard case .element(var element) = node else { return node }
        if let names = urlAttributes[element.name] {
            for index in element.attributes.indices {
                let name = element.attributes[index].name
                if names.contains(name) {
                    if let new = rewrite(element.attributes[index].value) { element.attributes[index].value = new }
                } else if name == "srcset" {
                    element.attributes[index].value = rewritingSourceSet(element.attributes[index].value, rewrite)
                }
            }
        }
        if !element.children.isEmpty { element.children = element.children.map { apply(rewrite, to: $0) } }
        return .element(element)
    }

    /// `a.jpg 300w, b.jpg 600w`: each candidate's URL rewritten, its descriptor kept.
    private static func rewritingSourceSet(_ value: String, _ rewrite: (String) -> String?) -> String {
        value.split(separator: ",").map { candidate -> String in
            let parts = candidate.split(separator: " ", omittingEmptySubsequences: true)
            guard let url = parts.first else { return String(candidate) }
            return ([rewrite(String(url)) ?? String(url)] + parts.dropFirst().map(String.init)).joined(separator: " ")
        }.joined(separator: ", ")
    }
}
