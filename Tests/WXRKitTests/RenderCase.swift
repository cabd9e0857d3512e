@testable import WXRKit
import Testing

/// One golden case of the content engine, shared by its suites: an input and the Markdown a person would write
/// for it, with the options it is rendered with and the compromises it must record.
struct RenderCase: CustomTestStringConvertible, Sendable {
    var name: String
    var input: String
    var expected: String
    var options = RenderOptions()
    /// The compromises the rendering must record, in order (for the suites that check them).
    var compromises: [ContentCompromise.Kind] = []

    var testDescription: String { options.embeds == .link ? name : "\(name) (\(options.embeds))" }
}

extension RenderCase {
    /// A case rendered with `embeds` and otherwise default options.
    init(name: String, input: String, expected: String, embeds: RenderOptions.EmbedStyle) {
        self.init(name: name, input: input, expected: expected, options: RenderOptions(embeds: embeds))
    }
}
