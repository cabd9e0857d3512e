import ArgumentParser
import WXRKit

/// The options of `wxr convert --to markdown`.
struct SiteArguments: ParsableArguments {
    @Option(help: "The site generator to lay the folder out for: hugo, jekyll, eleventy, astro or plain.")
    var flavor: SiteFlavor = .hugo

    @Option(help: "Drafts, pending, private and scheduled posts: include (as drafts) or omit.")
    var drafts: MarkdownSiteOptions.Drafts = .include

    @Flag(help: "Write password-protected posts too (their content becomes public); left out and reported otherwise.")
    var includeProtected = false

    @Option(help: "Where approved comments go: file (a data file beside the post), front-matter, or none.")
    var comments: MarkdownSiteOptions.Comments = .file

    @Option(help: "Post meta under meta: in the front matter: public (keys without a leading _), all, or none.")
    var meta: MarkdownSiteOptions.Meta = .public

    @Flag(help: "Keep commenters' emails and IP addresses (left out otherwise).")
    var includePrivateData = false

    @Option(help: "How embeds are written: link, html (the player), or hugo (Hugo's shortcodes; the default for hugo).")
    var embeds: RenderOptions.EmbedStyle?

    @Option(help: "HTML Markdown cannot express: raw (passed through) or text (reduced to its text and links).")
    var unsupportedHTML: RenderOptions.UnsupportedHTML = .raw

    @Option(help: "Threads converting posts (default: one per core). The output is the same whatever the number.")
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func options() throws -> MarkdownSiteOptions {
        let embeds = embeds ?? (flavor == .hugo ? .hugo : .link)
        return MarkdownSiteOptions(
            flavor: flavor, drafts: drafts, includeProtected: includeProtected, comments: comments, meta: meta,
            includePrivateData: includePrivateData, render: RenderOptions(embeds: embeds, unsupportedHTML: unsupportedHTML),
            jobs: jobs)
    }
}

extension SiteFlavor: ExpressibleByArgument {}
extension MarkdownSiteOptions.Drafts: ExpressibleByArgument {}
extension MarkdownSiteOptions.Comments: ExpressibleByArgument {}
extension MarkdownSiteOptions.Meta: ExpressibleByArgument {}
