/// The content engine's say in validation: what in a post's content will not convert cleanly.
///
/// This is the hook between the validator and the content engine (`Sources/WXRKit/Content/`): give an
/// ``ExportValidator`` a check and it reports each unknown shortcode once per name, with how many posts use
/// it and the first of them (`content.unknown-shortcode`).
///
/// ```swift
/// struct Shortcodes: ContentConversionCheck {
///     func unknownShortcodes(in content: String) -> [String] { ... }
/// }
/// var validator = ExportValidator(contentCheck: Shortcodes())
/// ```
public protocol ContentConversionCheck: Sendable {
    /// The names of the shortcodes in `content` that the content engine cannot convert, each once.
    func unknownShortcodes(in content: String) -> [String]
}
