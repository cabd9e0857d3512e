import Foundation

/// What the starter files of a site export (Hugo's or Jekyll's configuration and minimal layouts) need to know
/// about the site: enough for `hugo` or `jekyll build` to render every post and page out of the box, until the
/// owner brings a theme of their own.
///
/// ```swift
/// let site = StarterSite(title: "Café “Kyiv”", baseURL: "https://example.org/", languageCode: "uk",
///                        description: "", taxonomies: [.category, .postTag], sections: ["product"])
/// for file in try HugoStarter.files(for: site) { print(file.path) }   // hugo.toml, layouts/_default/baseof.html...
/// ```
public struct StarterSite: Sendable {
    /// The site title, as WordPress has it: quotes, backslashes and any script are fine.
    public var title: String
    /// Where the site will live, `https://example.org/` or `https://example.org/blog/`; empty means `/`.
    public var baseURL: String
    /// `en-US`, `uk`...; empty means `en`.
    public var languageCode: String
    /// The site's tagline.
    public var description: String
    /// The taxonomies posts are filed under, in the order a post lists them (categories and tags first).
    public var taxonomies: [StarterTaxonomy]
    /// One folder name per custom post type that has posts: `product`, `portfolio`.
    public var sections: [String]
    /// How many posts a list shows before it goes on at `page/2/`: WordPress's own `posts_per_page`, whose
    /// value the export leaves out. Less than 1 means 1.
    public var postsPerPage: Int

    public init(title: String, baseURL: String, languageCode: String, description: String,
                taxonomies: [StarterTaxonomy], sections: [String], postsPerPage: Int = 20) {
        self.title = title
        self.baseURL = baseURL
        self.languageCode = languageCode
        self.description = description
        self.taxonomies = taxonomies
        self.sections = sections
        self.postsPerPage = postsPerPage
    }

    /// A name the starter files cannot use, and why.
    public struct InvalidName: Error, CustomStringConvertible {
        /// What the name names: `section` or `taxonomy key`.
        public var role: String
        public var name: String
        public var reason: String

        public var description: String {
            "\(role) \"\(name)\": \(reason); rename it (sections are folder names, taxonomy keys front matter keys)"
        }
    }

    /// `/` when no base URL was given.
    var effectiveBaseURL: String { baseURL.trimmingCharacters(in: .whitespaces).isEmpty ? "/" : baseURL }

    /// `en` when no language was given.
    var effectiveLanguageCode: String { languageCode.isEmpty ? "en" : languageCode }

    /// At least 1: Hugo and jekyll-paginate both stop on a page size of 0.
    var effectivePostsPerPage: Int { max(1, postsPerPage) }

    /// Checks that every section and taxonomy key can be a folder and a URL segment of its own, and that none
    /// takes the place of another: posts live in `posts`, terms in a folder named after their taxonomy key.
    func validateNames() throws(InvalidName) {
        var taken: Set<String> = ["posts"]
        for taxonomy in taxonomies {
            try Self.validate(taxonomy.key, role: "taxonomy key", against: &taken)
            guard !taxonomy.wordpressName.isEmpty else {
                throw InvalidName(role: "taxonomy key", name: taxonomy.key, reason: "its WordPress taxonomy name is empty")
            }
        }
        for section in sections { try Self.validate(section, role: "section", against: &taken) }
    }

    private static func validate(_ name: String, role: String, against taken: inout Set<String>) throws(InvalidName) {
        func invalid(_ reason: String) -> InvalidName { InvalidName(role: role, name: name, reason: reason) }
        guard !name.isEmpty else { throw invalid("it is empty") }
        guard name != ".", name != ".." else { throw invalid("it names a relative folder") }
        guard !name.hasPrefix("."), !name.hasPrefix("_") else {
            throw invalid("a leading dot or underscore hides the folder from Hugo and Jekyll")
        }
        // A colon would read as a Hugo permalink token; the rest cannot be one path segment.
        guard !name.unicodeScalars.contains(where: { "/\\:#?%".unicodeScalars.contains($0) || $0.properties.generalCategory == .control })
        else { throw invalid("it holds a character that cannot be in one URL segment (/ \\ : # ? % or a control)") }
        guard taken.insert(name).inserted else { throw invalid("the folder is already used by posts or another section or taxonomy") }
    }

    /// The HTML page every starter layout renders into, with the template language's own expressions put in:
    /// one page, so the Hugo and the Jekyll site look alike and change together.
    static func page(language: String, head: String, home: String, siteTitle: String, menu: String, main: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        \(head)
        <style>
        \(inlineStyle)
        </style>
        </head>
        <body>
        <header class="site">
        <p class="site-title"><a href="\(home)">\(siteTitle)</a></p>
        \(menu)
        </header>
        <main>
        \(main)
        </main>
        <footer class="site">
        <p>\(siteTitle)</p>
        </footer>
        </body>
        </html>

        """
    }

    /// The small style sheet every starter page carries inline: readable text, nothing fetched.
    static let inlineStyle = """
        body { font: 1.05rem/1.6 system-ui, sans-serif; max-width: 44rem; margin: 0 auto; padding: 0 1rem; color: #222; }
        a { color: #0645ad; }
        header.site { border-bottom: 1px solid #ddd; padding: 1rem 0; }
        footer.site { border-top: 1px solid #ddd; margin-top: 3rem; padding: 1rem 0; font-size: .9rem; color: #666; }
        .site-title { font-size: 1.3rem; font-weight: bold; margin: 0 0 .5rem; }
        .site-title a { color: inherit; text-decoration: none; }
        nav ul { list-style: none; margin: 0; padding: 0; }
        nav > ul > li { display: inline-block; margin-right: 1rem; vertical-align: top; }
        nav ul ul { font-size: .9rem; }
        img, video, iframe { max-width: 100%; }
        img, video { height: auto; }
        pre { overflow-x: auto; padding: .75rem; background: #f5f5f5; }
        table { border-collapse: collapse; }
        th, td { border: 1px solid #ccc; padding: .25rem .5rem; }
        blockquote { margin-left: 0; padding-left: 1rem; border-left: 3px solid #ddd; color: #555; }
        .meta, .terms { color: #666; font-size: .9rem; }
        .entries { list-style: none; padding: 0; }
        .entries time { display: inline-block; min-width: 6.5rem; color: #666; font-size: .9rem; }
        .comment-list { list-style: none; padding-left: 0; }
        .comment-list .comment-list { padding-left: 1.25rem; border-left: 2px solid #eee; }
        .comment { margin: 1rem 0; }
        .comment-pingback, .comment-trackback { font-size: .9rem; }
        .pagination { display: flex; gap: 1rem; justify-content: space-between; margin: 2rem 0; }
        """
}

/// A WordPress taxonomy as the exported front matter lists it.
public struct StarterTaxonomy: Sendable, Hashable {
    /// WordPress's name: `category`, `post_tag`, `product_cat`.
    public var wordpressName: String
    /// The front matter key posts list its terms under, and the folder of its term pages: `categories`, `tags`.
    public var key: String
    /// What a reader sees: `Categories`.
    public var label: String

    public init(wordpressName: String, key: String, label: String) {
        self.wordpressName = wordpressName
        self.key = key
        self.label = label
    }

    public static let category = StarterTaxonomy(wordpressName: "category", key: "categories", label: "Categories")
    public static let postTag = StarterTaxonomy(wordpressName: "post_tag", key: "tags", label: "Tags")
}
