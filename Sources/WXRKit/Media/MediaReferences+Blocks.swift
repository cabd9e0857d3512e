extension MediaReferences {
    /// The block attributes that hold a file's URL, by block.
    private static let blockURLAttributes: [String: [String]] = [
        "core/image": ["url"], "core/cover": ["url"], "core/file": ["href"], "core/media-text": ["mediaUrl", "mediaLink"],
        "core/video": ["src", "poster"], "core/audio": ["src"],
    ]

    /// The block attributes that hold attachment ids, one or a list, by block.
    private static let blockIDAttributes: [String: [String]] = [
        "core/image": ["id"], "core/cover": ["id"], "core/file": ["id"], "core/media-text": ["mediaId"],
        "core/video": ["id"], "core/audio": ["id"], "core/gallery": ["ids"], "jetpack/tiled-gallery": ["ids"],
        "jetpack/slideshow": ["ids"],
    ]

    /// Gutenberg block attributes: `wp:image` `id` and `url`, `wp:cover` `url`, `wp:file` `href`, `wp:media-text`
    /// `mediaId`, `mediaUrl` and `mediaLink` (a file only by its extension: it may be the attachment's page),
    /// `wp:gallery` `ids` and `images`, nested blocks included.
    mutating func collectBlocks(_ content: String) {
        guard BlockParser.hasBlocks(content) else { return }
        // A stack, children pushed in reverse: blocks come out in document order, parents first.
        var pending = Array(BlockParser.parse(content).reversed())
        while let block = pending.popLast() {
            for case .block(let inner) in block.content.reversed() { pending.append(inner) }
            guard let name = block.name, block.attributesJSON != nil else { continue }
            let attributes = block.attributes
            for key in Self.blockURLAttributes[name] ?? [] {
                guard let url = attributes[key]?.string else { continue }
                if key == "mediaLink", !Self.namesFile(url) { continue }
                add(url: url, .blockAttribute)
            }
            for key in Self.blockIDAttributes[name] ?? [] {
                if let id = attributes[key]?.integer { add(id: id, .blockAttribute) }
                for item in attributes[key]?.array ?? [] {
                    if let id = item.integer { add(id: id, .blockAttribute) }
                }
            }
            // Galleries before WordPress 5.9 list their images as objects.
            for image in attributes["images"]?.array ?? [] {
                guard case .object(let fields) = image else { continue }
                if let id = fields["id"]?.integer { add(id: id, .blockAttribute) }
                for key in ["url", "fullUrl"] {
                    if let url = fields[key]?.string { add(url: url, .blockAttribute) }
                }
            }
        }
    }
}
