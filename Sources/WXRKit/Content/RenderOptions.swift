/// How the content engine writes what Markdown has no syntax for.
public struct RenderOptions: Sendable, Hashable {
    /// How an embed (a YouTube URL on its own line, `[embed]`, a `core/embed` block, `[video]`) is written.
    public enum EmbedStyle: String, Sendable, Hashable, CaseIterable {
        /// A link to the URL: works everywhere, needs nothing.
        case link
        /// The player as raw HTML (an `<iframe>` for known providers, `<video>`/`<audio>` for media files).
        case html
        /// Hugo's built-in shortcodes for YouTube and Vimeo (`{{< youtube ID >}}`); a link otherwise (Hugo's
        /// `tweet` and `instagram` shortcodes need the network, or a token, to build).
        case hugo
    }

    /// What happens to HTML that Markdown cannot express (iframes, forms, complex tables, styled spans).
    public enum UnsupportedHTML: String, Sendable, Hashable, CaseIterable {
        /// Passed through as raw HTML, balanced and without blank lines.
        case raw
        /// Reduced to its text and links.
        case text
    }

    public var embeds: EmbedStyle
    public var unsupportedHTML: UnsupportedHTML
    /// Whether presentational wrappers (`<span style>`, `<font color>`) stay as raw HTML around their content.
    ///
    /// Off by default: they carry no content, and a heading or paragraph inside one comes out as Markdown only
    /// once the wrapper is gone. A wrapper's `id` survives either way, as an empty anchor (`<a id="…"></a>`).
    public var keepStyles: Bool

    public init(embeds: EmbedStyle = .link, unsupportedHTML: UnsupportedHTML = .raw, keepStyles: Bool = false) {
        self.embeds = embeds
        self.unsupportedHTML = unsupportedHTML
        self.keepStyles = keepStyles
    }
}
