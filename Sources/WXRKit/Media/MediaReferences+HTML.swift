extension MediaReferences {
    /// The attributes that name media, by element; `srcset` and `style` are read wherever they are.
    private static let mediaAttributes: [String: [String: MediaReference.Kind]] = [
        "img": ["src": .imageSource, "data-src": .lazyImageSource, "data-lazy-src": .lazyImageSource],
        "embed": ["src": .embeddedObject],
        "object": ["data": .embeddedObject],
        "video": ["src": .videoSource, "poster": .videoPoster],
        "audio": ["src": .audioSource],
        "source": ["src": .mediaSource],
        "a": ["href": .fileLink],
    ]

    /// File extensions a link to a file has; a link to anything else is a page.
    static let fileExtensions: Set<String> = [
        "jpg", "jpeg", "jpe", "png", "gif", "webp", "avif", "bmp", "tif", "tiff", "svg", "ico", "heic", "heif",
        "mp3", "m4a", "ogg", "oga", "wav", "flac", "aac", "wma",
        "mp4", "m4v", "mov", "webm", "ogv", "avi", "wmv", "flv", "mkv", "3gp", "mpg", "mpeg",
        "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "pps", "ppsx", "odt", "ods", "odp", "rtf", "txt", "csv",
        "epub", "key", "numbers", "pages", "psd", "ai", "eps", "vtt", "srt",
        "zip", "gz", "tgz", "rar", "7z", "tar", "bz2",
    ]

    /// `<img src>` (and a lazy loader's `data-src`), `srcset`, `<a href>` to a file, `<video>`, `<audio>`,
    /// `<source>`, `<embed>`, `<object>`, and `url(…)` in `style`.
    mutating func collectHTML(_ content: String) {
        guard content.containsByte(UInt8(ascii: "<")) else { return }
        // Any element may carry a style; only read every tag's attributes when some style could hold a URL.
        let bytes = Array(content.utf8)
        let readsStyles = ContentRenderer.find(caseInsensitive: "url(", in: bytes, from: 0) != nil
        StartTagAttributes.forEach(
            in: bytes, readsElement: { readsStyles || Self.mediaAttributes[$0] != nil },
            wantsAttribute: { element, name in
                (name == "style" && readsStyles) || (name == "srcset" && (element == "img" || element == "source"))
                    || Self.mediaAttributes[element]?[name] != nil
            }
        ) { element, name, value, _ in
            switch name {
            case "style":
                for url in Self.styleURLs(in: value) { add(url: url, .inlineStyle) }
            case "srcset":
                for url in ContentLinks.sourceSetURLs(value) { add(url: url, .sourceSetCandidate) }
            default:
                guard let kind = Self.mediaAttributes[element]?[name] else { return }
                if kind == .fileLink, !Self.namesFile(value) { return }
                add(url: value, kind)
            }
        }
    }

    /// Whether `url`'s path ends in one of ``fileExtensions``, in any case.
    static func namesFile(_ url: String) -> Bool {
        let path = url.prefix { $0 != "?" && $0 != "#" }
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return false }
        return fileExtensions.contains(String(name[name.index(after: dot)...]).lowercasedFast)
    }

    private static let quoteEntities = [
        ("&quot;", "\""), ("&#034;", "\""), ("&#34;", "\""), ("&#039;", "'"), ("&#39;", "'"), ("&apos;", "'"),
    ]

    /// The URLs of `url(…)` in a style attribute's value, quoted or not.
    static func styleURLs(in style: String) -> [String] {
        var text = style
        // Quotes inside a double-quoted attribute come as entities.
        for (entity, quote) in quoteEntities where text.contains(entity) {
            text = text.replacingOccurrences(of: entity, with: quote)
        }
        let bytes = Array(text.utf8)
        var urls: [String] = []
        var index = 0
        while let open = ContentRenderer.find(caseInsensitive: "url(", in: bytes, from: index) {
            var start = open + 4
            while start < bytes.count, bytes[start].isHTMLSpace { start += 1 }
            let quote = start < bytes.count && (bytes[start] == UInt8(ascii: "\"") || bytes[start] == UInt8(ascii: "'")) ? bytes[start] : nil
            if quote != nil { start += 1 }
            var end = start
            while end < bytes.count, bytes[end] != (quote ?? UInt8(ascii: ")")) { end += 1 }
            urls.append(String(decoding: bytes[start..<end], as: UTF8.self))
            index = end
        }
        return urls
    }
}
