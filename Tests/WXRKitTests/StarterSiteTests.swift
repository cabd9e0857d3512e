import Foundation
import Testing
import Yams
@testable import WXRKit

/// The starter configuration and layouts: values escaped, names checked, and a small site of every kind of
/// content built by the real `hugo` and `jekyll` with no warning.
struct StarterSiteTests {
    static let awkwardTitle = #"Café "Kyiv" \ back\slash — Žluťoučký kůň: yes"#

    static let site = StarterSite(
        title: awkwardTitle, baseURL: "https://example.org/", languageCode: "uk", description: "Notes: \"quoted\"",
        taxonomies: [.category, .postTag,
                     StarterTaxonomy(wordpressName: "product_cat", key: "product_cat", label: "Product categories")],
        sections: ["product"])

    @Test(arguments: [
        ("plain", #""plain""#),
        (#"say "hi" \ bye"#, #""say \"hi\" \\ bye""#),
        ("tab\tline\nreturn\r\u{08}\u{0C}", #""tab\tline\nreturn\r\b\f""#),
        ("bell\u{07}del\u{7F}", #""bell\u0007del\u007F""#),
        ("Київ — 東京 🎉", #""Київ — 東京 🎉""#),
    ])
    func tomlBasicStrings(text: String, expected: String) {
        #expect(HugoStarter.tomlString(text) == expected)
    }

    @Test func hugoConfiguration() throws {
        let configuration = HugoStarter.configuration(for: Self.site)
        #expect(configuration.contains(#"title = "Café \"Kyiv\" \\ back\\slash — Žluťoučký kůň: yes""#))
        #expect(configuration.contains("[taxonomies]\n\"category\" = \"categories\"\n\"tag\" = \"tags\"\n\"product_cat\" = \"product_cat\"\n"))
        #expect(!configuration.contains("[permalinks]"), "a post's URL is its folder's name")
        #expect(configuration.contains("\nposts_per_page = 20\n"), "20 a page unless told otherwise")
        let bare = StarterSite(title: "", baseURL: "", languageCode: "", description: "", taxonomies: [], sections: [])
        #expect(HugoStarter.configuration(for: bare).contains("baseURL = \"/\"\ntitle = \"\"\nlanguageCode = \"en\"\n"))
    }

    /// Catches a page size outside `[params]` (TOML puts a key after `[[params.taxonomies]]` in the last
    /// taxonomy), and Hugo's `paginate`, which Hugo 0.128 deprecated and later releases refuse.
    @Test(arguments: [(20, 20), (3, 3), (0, 1), (-5, 1)])
    func hugoPageSizeIsAParameter(postsPerPage: Int, written: Int) {
        var site = Self.site
        site.postsPerPage = postsPerPage
        let configuration = HugoStarter.configuration(for: site)
        let params = configuration.components(separatedBy: "[params]\n").last?.components(separatedBy: "[[").first ?? ""
        #expect(params.contains("\nposts_per_page = \(written)\n"), "\(configuration)")
        #expect(!configuration.contains("paginate"))
    }

    /// Catches a list that forgets to page (or pages with Hugo's default size), and a page-1-only navigation.
    @Test func hugoListsOfPostsArePaged() throws {
        let layouts = Dictionary(uniqueKeysWithValues: HugoStarter.layouts.map { ($0.path, $0.contents) })
        for path in ["layouts/index.html", "layouts/_default/list.html", "layouts/_default/taxonomy.html"] {
            let layout = try #require(layouts[path])
            #expect(layout.contains("$paginator := .Paginate ") && layout.contains(" site.Params.posts_per_page }}"), "\(path)")
            #expect(layout.contains(#"partial "entries.html" $paginator.Pages"#) || layout.contains("with $paginator.Pages"), "\(path)")
            #expect(layout.contains(#"partial "pagination.html" $paginator"#), "\(path)")
        }
        let pagination = try #require(layouts["layouts/partials/pagination.html"])
        #expect(pagination.contains(#"{{- with .Prev }}"#) && pagination.contains(#"<a href="{{ .URL }}" rel="prev">"#))
        #expect(pagination.contains(#"{{- with .Next }}"#) && pagination.contains(#"<a href="{{ .URL }}" rel="next">"#))
        #expect(pagination.contains("{{- if gt .TotalPages 1 }}"), "no navigation for a list that fits on one page")
    }

    /// Catches a header that shows the first menu by slug (`footer`) rather than the primary one, and menu links
    /// that ignore the base URL's path.
    @Test func menusPreferThePrimaryOneAndStayUnderTheBaseURL() throws {
        let hugo = Dictionary(uniqueKeysWithValues: HugoStarter.layouts.map { ($0.path, $0.contents) })
        let menu = try #require(hugo["layouts/partials/menu.html"])
        #expect(menu.contains(#"range slice "primary" "main" "header" "top""#) && menu.contains(#"(in (split $key "-") $word)"#))
        #expect(try #require(hugo["layouts/partials/menu-items.html"]).contains(#"partial "relative-url.html" .url"#))
        #expect(try #require(hugo["layouts/_default/baseof.html"]).contains(#"{{- partial "menu.html" . }}"#))
        let jekyll = Dictionary(uniqueKeysWithValues: JekyllStarter.layouts.map { ($0.path, $0.contents) })
        let include = try #require(jekyll["_includes/menu.html"])
        #expect(include.contains(#""primary main header top" | split: " ""#) && include.contains("slug_words contains word"))
        #expect(include.contains(#"<a href="{{ item.url | relative_url }}""#))
        #expect(try #require(jekyll["_layouts/default.html"]).contains("{%- include menu.html %}"))
    }

    /// Catches a home page that lists `site.posts` whole, and a pagination path that a WordPress page could
    /// take (`/page2/`: the exporter keeps only `page` free at the root).
    @Test func jekyllHomePageIsPaged() throws {
        var site = Self.site
        site.postsPerPage = 7
        let configuration = try #require(try Yams.load(yaml: JekyllStarter.configuration(for: site)) as? [String: Any])
        #expect(configuration["paginate"] as? Int == 7)
        #expect(configuration["paginate_path"] as? String == "/page/:num/")
        #expect((configuration["plugins"] as? [String])?.contains("jekyll-paginate") == true)
        let layouts = Dictionary(uniqueKeysWithValues: JekyllStarter.layouts.map { ($0.path, $0.contents) })
        let home = try #require(layouts["index.html"])
        #expect(home.contains("{%- include entries.html entries=paginator.posts %}") && home.contains("{%- include pagination.html %}"))
        #expect(!home.contains("site.posts"))
        let pagination = try #require(layouts["_includes/pagination.html"])
        #expect(pagination.contains(#"<a href="{{ paginator.previous_page_path | relative_url }}" rel="prev">"#))
        #expect(pagination.contains(#"<a href="{{ paginator.next_page_path | relative_url }}" rel="next">"#))
    }

    @Test func hugoTagKeepsItsWordPressNameWhenTagIsTaken() {
        let custom = StarterTaxonomy(wordpressName: "tag", key: "tag", label: "Tag")
        #expect(HugoStarter.singularNames(of: [.category, .postTag, custom]) == ["category", "post_tag", "tag"])
    }

    @Test func jekyllConfigurationReadsBack() throws {
        let yaml = try JekyllStarter.configuration(for: Self.site)
        let configuration = try #require(try Yams.load(yaml: yaml) as? [String: Any])
        #expect(configuration["title"] as? String == Self.awkwardTitle)
        #expect(configuration["description"] as? String == "Notes: \"quoted\"")
        #expect(configuration["url"] as? String == "https://example.org")
        #expect(configuration["baseurl"] as? String == "")
        #expect(configuration["lang"] as? String == "uk")
        #expect(configuration["plugins"] as? [String] == ["jekyll-redirect-from", "jekyll-paginate"])
        #expect(configuration["paginate"] as? Int == 20)
        #expect(configuration["include"] as? [String] == ["_redirects"])
        #expect((configuration["exclude"] as? [String])?.contains("wxr") == true)
        let collections = try #require(configuration["collections"] as? [String: [String: Any]])
        #expect(collections["product"]?["output"] as? Bool == true)
        #expect(collections["product"]?["permalink"] as? String == "/product/:path/")
        #expect(yaml.contains("Žluťoučký"), "non-ASCII is written as it is")

        let numeric = StarterSite(title: "2024", baseURL: "", languageCode: "", description: "no", taxonomies: [], sections: [])
        let read = try #require(try Yams.load(yaml: JekyllStarter.configuration(for: numeric)) as? [String: Any])
        #expect(read["title"] as? String == "2024")
        #expect(read["description"] as? String == "no")
        #expect(read["collections"] == nil)
    }

    @Test(arguments: [
        ("https://example.org/", "https://example.org", ""),
        ("https://example.org", "https://example.org", ""),
        ("http://example.org:8080/blog/", "http://example.org:8080", "/blog"),
        ("/blog/", "", "/blog"),
        ("", "", ""),
    ])
    func jekyllURLs(baseURL: String, url: String, baseurl: String) {
        let split = JekyllStarter.urlAndBaseURL(of: baseURL)
        #expect(split.url == url)
        #expect(split.baseurl == baseurl)
    }

    @Test(arguments: ["", "a/b", "_hidden", ".dot", "..", "posts", "categories", "with:colon"])
    func unusableSectionsAreRefused(section: String) {
        var site = Self.site
        site.sections = [section]
        #expect(throws: StarterSite.InvalidName.self) { try HugoStarter.files(for: site) }
        #expect(throws: StarterSite.InvalidName.self) { try JekyllStarter.files(for: site) }
    }

    @Test(arguments: ["продукт", "data", "my product"])
    func sectionsJekyllCannotCollectAreRefused(section: String) {
        var site = Self.site
        site.sections = [section]
        #expect(throws: StarterSite.InvalidName.self) { try JekyllStarter.files(for: site) }
    }

    @Test func filesAreListedOnceInAFixedOrder() throws {
        let hugo = try HugoStarter.files(for: Self.site).map(\.path)
        #expect(hugo.first == "hugo.toml")
        #expect(Set(hugo).count == hugo.count)
        let jekyll = try JekyllStarter.files(for: Self.site).map(\.path)
        #expect(jekyll.first == "_config.yml")
        #expect(Set(jekyll).count == jekyll.count)
        #expect(try HugoStarter.files(for: Self.site).map(\.contents) == HugoStarter.files(for: Self.site).map(\.contents))
    }

    // MARK: Built by the real tools

    /// Two posts a page: the fixture's three published posts take two pages.
    static var pagedSite: StarterSite {
        var site = Self.site
        site.postsPerPage = 2
        return site
    }

    @Test(.enabled(if: StarterTools.hugo != nil || StarterTools.isCI, "skipped: hugo is not installed"))
    func hugoBuildsEveryKindOfContent() throws {
        let hugo = try #require(StarterTools.hugo, "hugo is not installed")
        let folder = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write(StarterFixture.hugoContent, to: folder)
        try write(HugoStarter.files(for: Self.pagedSite), to: folder)

        let build = try run(hugo, ["--source", folder.path, "--printPathWarnings", "--panicOnWarning", "--quiet"])
        #expect(build.status == 0, "\(build.stderr)")
        for noise in ["WARN", "ERROR", "found no layout"] {
            #expect(!build.stdout.contains(noise) && !build.stderr.contains(noise), "\(build.stdout)\(build.stderr)")
        }
        let public_ = folder.appendingPathComponent("public")
        func page(_ path: String) throws -> String {
            try String(contentsOf: public_.appendingPathComponent(path).appendingPathComponent("index.html"), encoding: .utf8)
        }
        for path in ["posts/hello-world", "posts/київ", "posts/quotes", "about", "about/team",
                     "about/history", "about/history/early", "contact", "product/blue-mug", "categories",
                     "categories/news", "categories/cafe-culture", "tags/swift", "product_cat/mugs", "posts", ""] {
            #expect(FileManager.default.fileExists(atPath: public_.appendingPathComponent(path).appendingPathComponent("index.html").path),
                    "no page at /\(path)")
        }
        #expect(!FileManager.default.fileExists(atPath: public_.appendingPathComponent("posts/draft-one").path), "drafts stay out")
        #expect(FileManager.default.fileExists(atPath: public_.appendingPathComponent("404.html").path))

        let hello = try page("posts/hello-world")
        #expect(hello.contains(#"<title>Hello “World” — Žluťoučký kůň · Café &#34;Kyiv&#34; \ back\slash — Žluťoučký kůň: yes</title>"#))
        #expect(hello.contains(#"Categories: <a href="/categories/news/">News &amp; Views</a>, <a href="/categories/cafe-culture/">Café culture</a>"#))
        #expect(hello.contains(#"<iframe src="https://example.com/embed"></iframe>"#), "raw HTML passes")
        #expect(hello.contains(#"<img src="/wp-content/uploads/2020/01/a.jpg" alt="">"#))
        try expectThreadedComments(in: hello)
        let kyiv = try page("posts/київ")
        #expect(kyiv.contains("Front Matter Commenter") && kyiv.contains("Trackback from <strong>Replier</strong>"))
        let about = try page("about")
        #expect(about.contains("<h1>About us</h1>") && about.contains("About page content.")
                && about.contains(#"<a href="/about/team/">The team</a>"#), "a page with children renders as a page")
        #expect(about.contains(#"<li class="comment comment-comment" id="comment-90">"#) && about.contains("Page Visitor"))
        let team = try #require(about.range(of: "/about/team/\">")), history = try #require(about.range(of: "/about/history/\">"))
        #expect(team.lowerBound < history.lowerBound, "children by weight (menu order) first")
        let news = try page("categories/news")
        #expect(news.contains("<h1>News &amp; Views</h1>") && news.contains("All the news"))
        #expect(news.contains("/posts/hello-world/") && news.contains("/posts/%D0%BA%D0%B8%D1%97%D0%B2/")
                && !news.contains("/posts/quotes/"))
        #expect(try page("product_cat/mugs").contains(#"<a href="/product/blue-mug/">Blue mug</a>"#))
        #expect(try page("categories").contains(#"<a href="/categories/news/">News &amp; Views</a> (2)"#))
        #expect(try page("").contains(#"<nav aria-label="Main">"#) && page("").contains(#"<a href="/about/team/">Team</a>"#))
        #expect(!(try page("").contains("Footer")), "the main menu, though footer sorts first")
        for list in ["", "posts/"] {
            let first = try page(list), second = try page(list + "page/2")
            #expect(first.contains("/posts/hello-world/") && !first.contains("/posts/quotes/"), "/\(list): the newest two")
            #expect(second.contains("/posts/quotes/") && !second.contains("/posts/hello-world/"), "/\(list)page/2/: the oldest")
            #expect(first.contains(#"<a href="/\#(list)page/2/" rel="next">"#) && second.contains(#"<a href="/\#(list)" rel="prev">"#))
            #expect(second.contains("Page 2 of 2") && second.contains(#"<nav aria-label="Main">"#))
        }
        #expect(!(try page("categories/news").contains(#"class="pagination""#)), "no navigation for a list that fits")
    }

    @Test(.enabled(if: StarterTools.jekyll != nil || StarterTools.isCI, "skipped: jekyll is not installed"))
    func jekyllBuildsEveryKindOfContent() throws {
        let jekyll = try #require(StarterTools.jekyll, "jekyll is not installed")
        let folder = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write(StarterFixture.jekyllContent, to: folder)
        try write(JekyllStarter.files(for: Self.pagedSite), to: folder)

        let site = folder.appendingPathComponent("_site")
        let build = try run(jekyll, ["build", "--trace", "--disable-disk-cache", "--source", folder.path, "--destination", site.path])
        #expect(build.status == 0, "\(build.stderr)")
        for noise in ["Warning", "Error", "Conflict", "Deprecation"] {
            #expect(!build.stdout.contains(noise) && !build.stderr.contains(noise), "\(build.stdout)\(build.stderr)")
        }
        func page(_ path: String) throws -> String {
            try String(contentsOf: site.appendingPathComponent(path).appendingPathComponent("index.html"), encoding: .utf8)
        }
        for path in ["2020/01/02/hello-world", "2021/03/04/київ", "2019/05/01/quotes", "about", "about/team", "contact",
                     "product/blue-mug", "category/news", "category/cafe-culture", "tag/swift", "product_cat/mugs",
                     "old/hello", ""] {
            #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent(path).appendingPathComponent("index.html").path),
                    "no page at /\(path)")
        }
        for hidden in ["draft-one", "about/history", "wxr"] {
            #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent(hidden).path), "\(hidden) is not published")
        }
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("_redirects").path))
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("404.html").path))

        let hello = try page("2020/01/02/hello-world")
        #expect(hello.contains(#"<title>Hello “World” — Žluťoučký kůň · Café &quot;Kyiv&quot; \ back\slash — Žluťoučký kůň: yes</title>"#))
        #expect(hello.contains(#"Categories: <a href="/category/news/">News &amp; Views</a>, <a href="/category/cafe-culture/">Café culture</a>"#))
        #expect(hello.contains(#"Tags: <a href="/tag/swift/">Swift (language)</a>, <a href="/tag/cafe-culture/">Café culture</a>"#))
        let cafeTag = try page("tag/cafe-culture")
        #expect(cafeTag.contains("/2020/01/02/hello-world/") && !cafeTag.contains("/2019/05/01/quotes/"))
        #expect(hello.contains("<td>2</td>") && hello.contains(#"<span class="s">"hi"</span>"#), "GFM tables and fences")
        try expectThreadedComments(in: hello)
        let kyiv = try page("2021/03/04/київ")
        #expect(kyiv.contains("Front Matter Commenter") && kyiv.contains("Trackback from <strong>Replier</strong>"))
        let news = try page("category/news")
        #expect(news.contains("<h1>News &amp; Views</h1>") && news.contains("All the news"))
        #expect(news.contains("/2020/01/02/hello-world/") && news.contains("/2021/03/04/%D0%BA%D0%B8%D1%97%D0%B2/")
                && !news.contains("/2019/05/01/quotes/"))
        #expect(try page("product_cat/mugs").contains(#"<a href="/product/blue-mug/">Blue mug</a>"#))
        #expect(try page("product/blue-mug").contains(#"Product categories: <a href="/product_cat/mugs/">Mugs &amp; Cups</a>"#))
        let home = try page("")
        #expect(home.contains(#"<nav aria-label="Main">"#) && home.contains(#"<a href="/about/team/">Team</a>"#) && !home.contains("Footer"))
        #expect(home.contains("/2021/03/04/%D0%BA%D0%B8%D1%97%D0%B2/") && !home.contains("A draft"))
        let second = try page("page/2")
        #expect(home.contains("/2020/01/02/hello-world/") && !home.contains("/2019/05/01/quotes/"), "the newest two")
        #expect(second.contains("/2019/05/01/quotes/") && !second.contains("/2020/01/02/hello-world/"), "the oldest on page 2")
        #expect(home.contains(#"<a href="/page/2/" rel="next">"#) && second.contains(#"<a href="/" rel="prev">"#))
        #expect(second.contains("Page 2 of 2") && second.contains(#"<nav aria-label="Main">"#))
    }

    /// Comment 12 holds reply 13, which holds 15; pingback 14 follows 12 at the top level.
    private func expectThreadedComments(in html: String) throws {
        let order = ["comment-12", "Second <em>paragraph</em>", "comment-13", "comment-15", "</ol>", "</ol>", "comment-14",
                     "Pingback from <a href=\"https://blog.example.net/post\" rel=\"nofollow ugc\">Some Blog</a>"]
        var rest = try #require(html.range(of: #"<section class="comments""#)).upperBound
        for piece in order {
            let found = try #require(html.range(of: piece, range: rest..<html.endIndex), "\(piece) out of order")
            rest = found.upperBound
        }
        #expect(html.contains("January 2, 2020"))
        #expect(!html.contains("javascript:") && !html.contains("ZgotmplZ"), "a commenter's link only when it is http(s)")
        #expect(html.contains("<strong>Bob</strong>"))
    }

    private func write(_ files: [(path: String, contents: String)], to folder: URL) throws {
        for file in files {
            let url = folder.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.contents.utf8).write(to: url)
        }
    }
}

enum StarterTools {
    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] != nil }
    static var hugo: String? { find("hugo") }
    static var jekyll: String? { find("jekyll") }

    private static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

/// A small site as the Markdown site exporter writes it, in each flavor.
enum StarterFixture {
    static let comments = """
        - id: 12
          author: "Ana Žáková"
          author_url: https://example.com
          date: 2020-01-02T10:30:00+01:00
          type: comment
          content: "First comment paragraph.\\n\\nSecond *paragraph*."
          replies:
            - id: 13
              author: Bob
              author_url: "javascript:alert(1)"
              date: 2020-01-03T11:00:00+01:00
              type: comment
              content: "A reply"
              replies:
                - id: 15
                  author: Cy
                  date: 2020-01-04T11:00:00+01:00
                  type: comment
                  content: "Deep reply"
        - id: 14
          author: Some Blog
          author_url: https://blog.example.net/post
          date: 2020-01-05T12:00:00+00:00
          type: pingback
          content: "[…] linked here […]"

        """

    static let frontMatterComments = """
        comments:
          - id: 30
            author: Front Matter Commenter
            date: 2021-03-05T08:00:00+02:00
            type: comment
            content: "Comment from front matter"
            replies:
              - id: 31
                author: Replier
                date: 2021-03-06T08:00:00+02:00
                type: trackback
                content: "Tracked"
        """

    static let helloBody = """
        First paragraph.

        <iframe src="https://example.com/embed"></iframe>

        | a | b |
        |---|---|
        | 1 | 2 |

        ```swift
        print("hi")
        ```

        """

    static let menus = """
        main:
          name: Main
          items:
            - title: Home
              url: /
            - title: About
              url: /about/
              children:
                - title: Team
                  url: /about/team/
            - title: Elsewhere
              url: https://example.com/
        footer:
          name: Footer
          items:
            - title: Footer link
              url: /contact/

        """

    static func page(_ frontMatter: String, _ body: String = "Body.\n") -> String { "---\n\(frontMatter)\n---\n\(body)" }

    static let hugoContent: [(path: String, contents: String)] = [
        ("content/posts/hello-world/index.md", page("""
            title: "Hello “World” — Žluťoučký kůň"
            date: 2020-01-02T10:30:00+01:00
            lastmod: 2020-01-05T09:00:00+01:00
            slug: hello-world
            author: Ana Žáková
            categories: [news, cafe-culture]
            tags: [swift]
            summary: A summary.
            featured_image: /wp-content/uploads/2020/01/a.jpg
            wp_id: 12
            wp_type: post
            aliases: [/2020/01/02/hello-world/]
            meta: {views: 3}
            """, helloBody)),
        ("content/posts/hello-world/comments.yaml", comments),
        ("content/posts/київ/index.md", page("""
            title: Київ
            date: 2021-03-04T08:00:00+02:00
            categories: [news]
            tags: []
            wp_id: 20
            wp_type: post
            format: aside
            \(frontMatterComments)
            """, "Привіт.\n")),
        ("content/posts/quotes/index.md", page(#"title: 'Quotes "and" \backslashes\'"# + "\ndate: 2019-05-01T00:00:00Z\ncategories: [cafe-culture]\nwp_type: post")),
        ("content/posts/draft-one/index.md", page("title: A draft\ndate: 2021-05-01T00:00:00Z\ndraft: true\nwp_type: post")),
        ("content/about/_index.md", page("title: About us\nwp_id: 2\nwp_type: page", "About page content.\n")),
        ("content/about/comments.yaml", "- id: 90\n  author: Page Visitor\n  date: 2019-02-01T00:00:00Z\n  content: On a page\n"),
        ("content/about/team/index.md", page("title: The team\nwp_id: 3\nwp_type: page\nweight: 1")),
        ("content/about/history/_index.md", page("title: History\nwp_id: 4\nwp_type: page\nweight: 5")),
        ("content/about/history/early/index.md", page("title: Early days\nwp_id: 5\nwp_type: page")),
        ("content/contact/index.md", page("title: Contact\nwp_id: 6\nwp_type: page")),
        ("content/product/blue-mug/index.md", page("title: Blue mug\ndate: 2022-01-01T00:00:00Z\nwp_type: product\nproduct_cat: [mugs]")),
        ("content/categories/news/_index.md", page("title: News & Views\ndescription: All the news\naliases: [/category/news/]", "")),
        ("content/categories/cafe-culture/_index.md", page("title: Café culture", "")),
        ("content/tags/swift/_index.md", page("title: Swift (language)", "")),
        ("content/product_cat/mugs/_index.md", page("title: Mugs & Cups", "")),
        ("data/menus.yaml", menus),
        ("static/_redirects", "/?p=12  /posts/hello-world/  301!\n"),
    ]

    static func term(_ name: String, taxonomy: String, key: String, extra: String = "") -> String {
        page("layout: term\ntitle: \(name)\ntaxonomy: \(taxonomy)\ntaxonomy_key: \(key)\nterm: \(name)\(extra)", "")
    }

    static let jekyllContent: [(path: String, contents: String)] = [
        ("_posts/2020-01-02-hello-world.md", page("""
            title: "Hello “World” — Žluťoučký kůň"
            date: 2020-01-02T10:30:00+01:00
            last_modified_at: 2020-01-05T09:00:00+01:00
            slug: hello-world
            author: Ana Žáková
            categories: [News & Views, Café culture]
            tags: [Swift (language), Café culture]
            excerpt: A summary.
            image: /wp-content/uploads/2020/01/a.jpg
            wp_id: 12
            wp_type: post
            permalink: /2020/01/02/hello-world/
            redirect_from: [/old/hello/]
            meta: {views: 3}
            """, helloBody)),
        ("_data/comments/12.yml", comments),
        ("_posts/2021-03-04-київ.md", page("""
            title: Київ
            date: 2021-03-04T08:00:00+02:00
            categories: [News & Views]
            tags: []
            wp_id: 20
            wp_type: post
            permalink: /2021/03/04/київ/
            \(frontMatterComments)
            """, "Привіт.\n")),
        ("_posts/2019-05-01-quotes.md", page(#"title: 'Quotes "and" \backslashes\'"# + "\ndate: 2019-05-01T00:00:00Z\ncategories: [Café culture]\nwp_id: 41\npermalink: /2019/05/01/quotes/")),
        ("_drafts/draft-one.md", page("title: A draft\ndate: 2021-05-01T00:00:00Z\nwp_id: 40\npermalink: /draft-one/")),
        ("about/index.md", page("title: About us\nwp_id: 2\nwp_type: page", "About page content.\n")),
        ("about/team/index.md", page("title: The team\nwp_id: 3\nwp_type: page")),
        ("about/history/index.md", page("title: History\nwp_id: 4\nwp_type: page\npublished: false")),
        ("contact/index.md", page("title: Contact\nwp_id: 6\nwp_type: page")),
        ("_product/blue-mug.md", page("title: Blue mug\ndate: 2022-01-01T00:00:00Z\nwp_id: 50\nwp_type: product\nproduct_cat: [Mugs & Cups]")),
        ("category/news/index.md", term("News & Views", taxonomy: "category", key: "categories", extra: "\ndescription: All the news")),
        ("category/cafe-culture/index.md", term("Café culture", taxonomy: "category", key: "categories")),
        ("tag/swift/index.md", term("Swift (language)", taxonomy: "post_tag", key: "tags")),
        // The same name as a category: each links to its own taxonomy's page.
        ("tag/cafe-culture/index.md", term("Café culture", taxonomy: "post_tag", key: "tags")),
        ("product_cat/mugs/index.md", term("Mugs & Cups", taxonomy: "product_cat", key: "product_cat")),
        ("_data/menus.yml", menus),
        ("_redirects", "/?p=12  /2020/01/02/hello-world/  301!\n"),
        ("wxr/redirects.csv", "from,to\n"),
    ]
}
