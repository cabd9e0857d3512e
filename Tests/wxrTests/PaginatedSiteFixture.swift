/// An export with more posts than a starter list page holds and two menus, from a site under `/blog/`: what the
/// starters' pagination and header menu are tested on. The expected URLs are written out here from the export,
/// not read from what wxr wrote.
enum PaginatedSiteFixture {
    /// The starters' page size, as the README gives it.
    static let postsPerPage = 20
    static let postCount = 25
    /// Where the built site's links start: the export's site path.
    static let basePath = "/blog/"

    /// Posts 1 to 25, one a day in January 2022, all in the category News; three pages, Team below About; the
    /// menu `footer` sorts before `primary-menu`, which the header must show all the same.
    static var export: String {
        var items = (1...postCount).map { day in
            SiteFixture.Item(id: 100 + day, slug: postSlug(day), title: "Post \(day)",
                             link: "https://example.org/blog/2022/01/\(twoDigits(day))/\(postSlug(day))/",
                             date: "2022-01-\(twoDigits(day)) 10:00:00", dateGMT: "2022-01-\(twoDigits(day)) 10:00:00",
                             content: "<p>Day \(day).</p>", terms: [("category", "news", "News")])
        }
        items += [
            SiteFixture.Item(id: 10, type: "page", slug: "about", title: "About", link: "https://example.org/blog/about/",
                             content: "<p>About us.</p>"),
            SiteFixture.Item(id: 11, type: "page", slug: "team", title: "Team", link: "https://example.org/blog/about/team/",
                             content: "<p>The team.</p>", parent: 10),
            SiteFixture.Item(id: 12, type: "page", slug: "contact", title: "Contact", link: "https://example.org/blog/contact/",
                             content: "<p>Write to us.</p>"),
            menuItem(201, menu: ("footer", "Footer"), title: "Footer contact", meta: linkTo("page", id: 12)),
            // Titles left empty, as WordPress leaves them: the item takes its target's.
            menuItem(301, meta: linkTo("page", id: 10)),
            menuItem(302, meta: linkTo("page", id: 11) + [("_menu_item_menu_item_parent", "301")]),
            menuItem(303, meta: [("_menu_item_type", "taxonomy"), ("_menu_item_object", "category"), ("_menu_item_object_id", "5")]),
            menuItem(304, title: "Elsewhere", meta: [("_menu_item_type", "custom"), ("_menu_item_url", "https://example.com/")]),
        ]
        return SiteFixture.document(items, siteURL: "https://example.org/blog")
    }

    /// Published items: posts and pages.
    static let published = postCount + 3

    /// Each post's link on the built site, newest first, as lists show them.
    static func postLinks(_ generator: SiteBuildTests.Generator) -> [String] {
        (1...postCount).reversed().map { day in
            switch generator {
            case .hugo: "/blog/posts/\(postSlug(day))/"
            case .jekyll: "/blog/2022/01/\(twoDigits(day))/\(postSlug(day))/"
            }
        }
    }

    /// The primary menu's links and titles in the header, in order; Team is nested below About.
    static func menuLinks(_ generator: SiteBuildTests.Generator) -> [(url: String, title: String)] {
        [("/blog/about/", "About"), ("/blog/about/team/", "Team"),
         (generator == .hugo ? "/blog/categories/news/" : "/blog/category/news/", "News"), ("https://example.com/", "Elsewhere")]
    }

    private static func postSlug(_ day: Int) -> String { "post-\(twoDigits(day))" }

    private static func twoDigits(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }

    /// A menu item's meta for a link to the post or page `id`.
    private static func linkTo(_ type: String, id: Int) -> [(String, String)] {
        [("_menu_item_type", "post_type"), ("_menu_item_object", type), ("_menu_item_object_id", "\(id)")]
    }

    private static func menuItem(_ id: Int, menu: (slug: String, name: String) = ("primary-menu", "Primary Menu"), title: String = "",
                                 meta: [(String, String)]) -> SiteFixture.Item {
        SiteFixture.Item(id: id, type: "nav_menu_item", slug: "\(id)", title: title, terms: [("nav_menu", menu.slug, menu.name)],
                         meta: meta)
    }
}
