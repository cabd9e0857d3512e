/// A URL a post shows or links to as media, and what kind of reference it is.
public struct MediaReference: Sendable, Hashable {
    /// Where in a post a media reference was found.
    public enum Kind: String, Sendable, CaseIterable {
        /// `<img src>`.
        case imageSource
        /// `<img data-src>` and the like: the real image of a lazy-loading plugin, whose `src` is a placeholder.
        case lazyImageSource
        /// `<embed src>`, `<object data>`: an old Flash player or a PDF shown in the page.
        case embeddedObject
        /// One candidate of a `srcset` (`<img>` or `<source>`).
        case sourceSetCandidate
        /// `<a href>` to a file: an image, audio, video, PDF, archive or office document, by its extension.
        case fileLink
        /// `<video src>`.
        case videoSource
        /// `<video poster>`.
        case videoPoster
        /// `<audio src>`.
        case audioSource
        /// `<source src>`, inside `<video>` or `<audio>`.
        case mediaSource
        /// `url(…)` in a `style` attribute.
        case inlineStyle
        /// `[audio src|mp3|m4a|ogg|wav|flac=…]`.
        case audioShortcode
        /// `[video src|mp4|m4v|webm|ogv|flv|poster=…]`.
        case videoShortcode
        /// `[gallery ids="1,2,3"]`: attachment ids.
        case galleryShortcode
        /// `[playlist ids="1,2"]`: attachment ids.
        case playlistShortcode
        /// A Gutenberg block's attribute: `wp:image` `url` and `id`, `wp:gallery` `ids`, `wp:file` `href`…
        case blockAttribute
        /// The featured image, post meta `_thumbnail_id`: an attachment id.
        case featuredImage
        /// A podcast episode's file, post meta `enclosure` (its first line).
        case enclosure
    }

    /// The URL as written, `&amp;` decoded; relative or another site's URLs included.
    public var url: String
    public var kind: Kind

    public init(url: String, kind: Kind) {
        self.url = url
        self.kind = kind
    }
}
