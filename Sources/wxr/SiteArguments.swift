import ArgumentParser
import WXRKit

/// The options of `wxr convert --to markdown` and `wxr batch --to markdown`. The number of threads is the
/// command's own option: `wxr batch --jobs` counts sites.
struct SiteArguments: ParsableArguments {
    @Option(help: "The site generator to lay the folder out for.")
    var flavor: SiteFlavor = .hugo

    @Option(help: ArgumentHelp(
        "The new site's address, such as https://example.org/: the starter config's base URL, and where the "
            + "redirect maps send old URLs. Without it, links are relative to /.",
        valueName: "url"))
    var siteURL: String?

    @Option(help: "Drafts, pending, private and scheduled posts: included (as drafts) or omitted.")
    var drafts: MarkdownSiteOptions.Drafts = .include

    @Flag(help: "Write password-protected posts too (their content becomes public); left out and reported otherwise.")
    var includeProtected = false

    @Option(help: "Where approved comments go: a data file beside the post, the front matter, or nowhere.")
    var comments: MarkdownSiteOptions.Comments = .file

    @Option(help: "Which post meta goes under meta: in the front matter: public (keys without a leading _), all, or none.")
    var meta: MarkdownSiteOptions.Meta = .public

    @Flag(help: "Keep commenters' emails and IP addresses (left out otherwise).")
    var includePrivateData = false

    @Option(help: ArgumentHelp("How embeds are written: a link, the player's html, or Hugo's shortcodes (the default for hugo).",
                               valueName: "style"))
    var embeds: RenderOptions.EmbedStyle?

    @Option(help: ArgumentHelp("HTML Markdown cannot express: kept raw, or reduced to its text and links.", valueName: "how"))
    var unsupportedHTML: RenderOptions.UnsupportedHTML = .raw

    @Flag(help: "Keep presentational <span> and <font> wrappers (colours, fonts) as raw HTML; dropped otherwise, content kept.")
    var keepStyles = false

    func validate() throws {
        if let siteURL, let problem = MarkdownSiteOptions.problem(withSiteURL: siteURL) {
            throw ValidationError("--site-url: \(problem)")
        }
    }

    /// - Parameter jobs: Threads converting posts; nil: one per core.
    func options(jobs: Int?) throws -> MarkdownSiteOptions {
        let embeds = embeds ?? flavor.defaultEmbedStyle
        return MarkdownSiteOptions(
            flavor: flavor, siteURL: siteURL, drafts: drafts, includeProtected: includeProtected, comments: comments, meta: meta,
            includePrivateData: includePrivateData, render: RenderOptions(embeds: embeds, unsupportedHTML: unsupportedHTML, keepStyles: keepStyles),
            jobs: jobs)
    }

    /// The options as `wxr convert` takes them, for a conversion run as a child process; `jobs` is not one.
    var commandLine: [String] {
        var arguments = ["--flavor", flavor.rawValue]
        if let siteURL { arguments += ["--site-url", siteURL] }
        arguments += ["--drafts", drafts.rawValue, "--comments", comments.rawValue, "--meta", meta.rawValue]
        if includeProtected { arguments.append("--include-protected") }
        if includePrivateData { arguments.append("--include-private-data") }
        if let embeds { arguments += ["--embeds", embeds.rawValue] }
        arguments += ["--unsupported-html", unsupportedHTML.rawValue]
        if keepStyles { arguments.append("--keep-styles") }
        return arguments
    }
}

extension SiteFlavor: ExpressibleByArgument {}
extension MarkdownSiteOptions.Drafts: ExpressibleByArgument {}
extension MarkdownSiteOptions.Comments: ExpressibleByArgument {}
extension MarkdownSiteOptions.Meta: ExpressibleByArgument {}
