extension MediaReferences {
    /// The attributes of `[audio]` and `[video]` that hold a file (WordPress's `wp_get_audio_extensions()`,
    /// `wp_get_video_extensions()`, `src` and the video's `poster`).
    private static let shortcodeFileAttributes: [String: (kind: MediaReference.Kind, attributes: [String])] = [
        "audio": (.audioShortcode, ["src", "mp3", "m4a", "ogg", "wav", "flac"]),
        "video": (.videoShortcode, ["src", "mp4", "m4v", "webm", "ogv", "flv", "poster"]),
    ]

    /// `[audio]` and `[video]` files, `[gallery]` and `[playlist]` attachment ids (`ids`, or `include` as older
    /// galleries wrote it).
    mutating func collectShortcodes(_ content: String) {
        guard content.containsByte(UInt8(ascii: "[")) else { return }
        let names: Set<String> = ["audio", "video", "gallery", "playlist"]
        for case .shortcode(let shortcode) in Shortcode.split(content, isKnown: { names.contains($0) }) {
            if let (kind, attributes) = Self.shortcodeFileAttributes[shortcode.name] {
                let values = attributes.compactMap { shortcode.attributes[$0] }
                for value in values { add(url: ContentLinks.ampersandsDecoded(value), kind) }
                // Without a file WordPress plays the post's first attached one.
                if values.allSatisfy({ $0 == shortcode.attributes["poster"] }) { showsOwnAttachments = true }
                continue
            }
            let kind: MediaReference.Kind = shortcode.name == "gallery" ? .galleryShortcode : .playlistShortcode
            if let ids = shortcode.attributes["ids"] ?? shortcode.attributes["include"] {
                add(idList: ids, kind)
            } else if shortcode.attributes["id"] == nil {
                // Without ids WordPress shows the post's own attachments; `id=` would name another post's.
                showsOwnAttachments = true
            }
        }
    }
}
