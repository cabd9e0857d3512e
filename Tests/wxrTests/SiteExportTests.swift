import Foundation
import Testing
import Yams

/// End to end: `wxr convert --to markdown` on small exports written here, checked file by file.
@Suite struct SiteExportTests {
    // MARK: Links

    @Test func linksToTheOldSiteGoToTheirNewPaths() throws {
        let site = try ExportedSite(SiteFixture.standard)
        let markdown = try site.text("content/posts/links-post/index.md")
        // A later post (forward reference), over http, https, www and from the root.
        #expect(markdown.contains("[over-http](/posts/later-post/)"), "\(markdown)")
        #expect(markdown.contains("[over-www](/posts/later-post/)"))
        #expect(markdown.contains("[from-root](/posts/later-post/)"))
        #expect(markdown.contains("[by-id](/posts/later-post/)"))
        #expect(markdown.contains("[earlier-page](/about/)"))
        #expect(markdown.contains("[with-fragment](/about/#team)"))
        #expect(markdown.contains("[category-archive](/categories/news/)"))
        #expect(markdown.contains("](/wp-content/uploads/2022/03/photo.jpg)"))
        #expect(!markdown.contains("https://example.org/wp-content/"))
        // What matches no item kept stays as written; another site is not touched.
        #expect(markdown.contains("[to-trash](https://example.org/2022/01/01/trashed-post/)"))
        #expect(markdown.contains("[to-nowhere](https://example.org/no/such/path/)"))
        #expect(markdown.contains("[other-host](https://other.example.com/2023/01/02/later-post/)"))

        // What matches nothing in the export is the validation's finding; what the site leaves out, its own.
        let unresolved = site.findings(code: "link.unresolved")
        #expect(unresolved.map { $0["message"] as? String } == [
            "1 link to the old site matches nothing in the export: https://example.org/no/such/path/",
        ])
        #expect(unresolved.first?["post_id"] as? Int == 20)
        #expect(unresolved.first?["action"] as? String == "left pointing at the old site")
        let unpublished = site.findings(code: "site.link-to-unpublished")
        #expect(unpublished.map { $0["message"] as? String } == [
            "1 link to the old site points to an item the new site does not publish (a draft, trashed or "
                + "password-protected item): https://example.org/2022/01/01/trashed-post/",
        ])
        #expect(unpublished.first?["post_id"] as? Int == 20)
        #expect(unpublished.first?["action"] as? String == "left pointing at the old site")
    }

    // MARK: Drafts, status and types

    @Test func draftsAreMarkedAndTrashAndInternalsNeverWritten() throws {
        let site = try ExportedSite(SiteFixture.standard)
        for name in ["draft-one", "pending-one", "private-one", "future-one"] {
            let front = try site.frontMatter("content/posts/\(name)/index.md")
            #expect(front["draft"] as? Bool == true, "\(name): \(front)")
        }
        #expect(try site.frontMatter("content/posts/later-post/index.md")["draft"] == nil)
        let written = site.files.filter { $0.hasPrefix("content/") }.sorted()
        #expect(written == SiteFixture.standardContentFiles, "\(written)")
        // Never a page, whatever the flavor: reusable blocks are inlined where they are used.
        for marker in ["internal-", "trashed-post", "auto-draft-one", "protected-one", "revision", "reusable"] {
            #expect(!site.files.contains { $0.contains(marker) }, "\(marker) written: \(site.files)")
        }
        let markdown = try site.text("content/posts/links-post/index.md")
        #expect(markdown.contains("REUSABLE-BLOCK-TEXT"), "\(markdown)")
        #expect(!markdown.contains("wp:block"))

        let protected = site.findings(code: "site.protected-left-out")
        #expect(protected.count == 1)
        #expect(protected.first?["severity"] as? String == "warning")
        #expect(protected.first?["post_id"] as? Int == 37)
        // The library's summary names no flag; the CLI says which one writes what was left out.
        #expect(site.result.stderr.contains("1 password-protected (kept private)"), "\(site.result.stderr)")
        #expect(site.result.stderr.contains("wxr: --include-protected writes the 1 password-protected post left out"),
                "\(site.result.stderr)")
    }

    @Test func draftsOmittedAndProtectedIncludedOnRequest() throws {
        let omitted = try ExportedSite(SiteFixture.standard, "--drafts", "omit")
        let posts = Set(omitted.files.filter { $0.hasPrefix("content/posts/") }.compactMap { $0.split(separator: "/").dropFirst(2).first.map(String.init) })
        #expect(posts == ["links-post", "later-post"], "\(posts)")

        let included = try ExportedSite(SiteFixture.standard, "--include-protected")
        let front = try included.frontMatter("content/posts/protected-one/index.md")
        #expect(front["title"] as? String == "Protected one")
        #expect(try included.text("content/posts/protected-one/index.md").contains("PROTECTED-TEXT"))
        #expect(included.findings(code: "site.protected-left-out").isEmpty)
    }

    /// The block and the attachment come after the post that uses them: the post waits for them.
    @Test func reusableBlockAndFeaturedImageDefinedLater() throws {
        let site = try ExportedSite(SiteFixture.standard, "--jobs", "1")
        let markdown = try site.text("content/posts/links-post/index.md")
        #expect(markdown.contains("REUSABLE-BLOCK-TEXT"))
        #expect(try site.frontMatter("content/posts/links-post/index.md")["featured_image"] as? String
            == "/wp-content/uploads/2022/03/photo.jpg")
    }

    /// Posts converted as they are read, and again at the end when their links point forward: the same bytes
    /// on one thread as on several.
    @Test func sameBytesWhateverTheJobs() throws {
        let one = try ExportedSite(SiteFixture.standard, "--jobs", "1")
        let four = try ExportedSite(SiteFixture.standard, "--jobs", "4")
        let (a, b) = (try Tree(one.folder), try Tree(four.folder))
        #expect(a == b, "\(a.difference(from: b))")
        #expect(a.files.count > 20)
    }

    // MARK: File names

    @Test func fileNamesStayInsideTheFolder() throws {
        let site = try ExportedSite(SiteFixture.hostileNames)
        let posts = Set(site.files.filter { $0.hasPrefix("content/posts/") && $0.hasSuffix("/index.md") }
            .map { $0.split(separator: "/")[2] }.map(String.init))
        #expect(posts == ["etc-passwd", "abs-path", "con-", "a-b", "київ", "ac-dc-live", "same", "same-2"], "\(posts)")
        // The first of two same slugs keeps the name, the second is numbered: in file order.
        #expect(try site.frontMatter("content/posts/same/index.md")["wp_id"] as? Int == 107)
        #expect(try site.frontMatter("content/posts/same-2/index.md")["wp_id"] as? Int == 108)
        let collisions = site.findings(code: "site.name-collision")
        #expect(collisions.count == 1)
        #expect((collisions.first?["message"] as? String)?.contains("same-2") == true)

        // Nothing beside the folder but its report and the input, nothing outside through a link.
        let beside = try FileManager.default.contentsOfDirectory(atPath: site.parent.path).sorted()
        #expect(beside == ["export.xml", "site", "site.report.json"], "\(beside)")
        let root = site.folder.resolvingSymlinksInPath().path + "/"
        for file in site.files {
            let resolved = site.folder.appendingPathComponent(file).resolvingSymlinksInPath().path
            #expect(resolved.hasPrefix(root), "\(file) resolves to \(resolved)")
            #expect(!file.split(separator: "/").contains { $0 == ".." || $0 == "." || $0.isEmpty }, "\(file)")
            #expect(!file.contains("\u{0}"))
        }
        #expect(!FileManager.default.fileExists(atPath: site.parent.appendingPathComponent("etc").path))
        #expect(!FileManager.default.fileExists(atPath: "/abs/path"))

        // The same export gives the same names again.
        let again = try ExportedSite(SiteFixture.hostileNames)
        #expect(try again.frontMatter("content/posts/same-2/index.md")["wp_id"] as? Int == 108)
    }

    // MARK: Comments

    @Test func approvedCommentsThreadedWithoutPrivateData() throws {
        let site = try ExportedSite(SiteFixture.standard)
        let thread = try site.yaml("content/posts/links-post/comments.yaml") as? [[String: Any]] ?? []
        #expect(thread.compactMap { $0["id"] as? Int } == [1, 6], "\(thread)")
        let first = try #require(thread.first)
        #expect(first["author"] as? String == "Олена")
        let replies = first["replies"] as? [[String: Any]] ?? []
        #expect(replies.compactMap { $0["id"] as? Int } == [2])
        #expect(thread.last?["type"] as? String == "pingback")
        for file in site.files {
            let text = try site.text(file)
            for held in ["SPAM-TEXT", "PENDING-TEXT", "TRASH-TEXT"] { #expect(!text.contains(held), "\(held) in \(file)") }
            #expect(!text.contains("commenter@example.net"), "\(file)")
            #expect(!text.contains("203.0.113.77"), "\(file)")
        }
        #expect(try site.frontMatter("content/posts/links-post/index.md")["comments"] == nil)

        let privateData = try ExportedSite(SiteFixture.standard, "--include-private-data")
        let withPrivate = try privateData.yaml("content/posts/links-post/comments.yaml") as? [[String: Any]] ?? []
        #expect(withPrivate.first?["author_email"] as? String == "commenter@example.net")
        #expect(withPrivate.first?["author_ip"] as? String == "203.0.113.77")
    }

    @Test func commentsInFrontMatterOrNone() throws {
        let inFront = try ExportedSite(SiteFixture.standard, "--comments", "front-matter")
        #expect(!inFront.files.contains { $0.hasPrefix("content/") && $0.contains("comments") }, "\(inFront.files)")
        let comments = try inFront.frontMatter("content/posts/links-post/index.md")["comments"] as? [[String: Any]] ?? []
        #expect(comments.compactMap { $0["id"] as? Int } == [1, 6])
        #expect((comments.first?["replies"] as? [[String: Any]])?.first?["id"] as? Int == 2)

        let none = try ExportedSite(SiteFixture.standard, "--comments", "none")
        #expect(!none.files.contains { $0.hasPrefix("content/") && $0.contains("comments") }, "\(none.files)")
        #expect(try none.frontMatter("content/posts/links-post/index.md")["comments"] == nil)
        #expect(try !none.text("content/posts/links-post/index.md").contains("FIRST-COMMENT"))
    }

    // MARK: Front matter

    @Test func frontMatterRoundTrips() throws {
        let site = try ExportedSite(SiteFixture.standard)
        let path = "content/posts/links-post/index.md"
        let front = try site.frontMatter(path)
        #expect(front["title"] as? String == SiteFixture.trickyTitle)
        let raw = try site.text(path)
        #expect(raw.contains("date: 2022-03-05T10:30:00+02:00"), "\(raw)")
        #expect((front["date"] as? Date)?.timeIntervalSince1970 == 1_646_469_000)
        #expect(raw.contains("київ"))
        #expect(!raw.lowercased().contains("\\u"), "escaped: \(raw)")
        #expect(front["description"] as? String == "The SEO description")
        #expect(front["categories"] as? [String] == ["news"])
        #expect(front["tags"] as? [String] == ["travel"])
        #expect((front["aliases"] as? [String])?.contains("/2022/03/05/links-post/") == true, "\(front)")

        let meta = front["meta"] as? [String: Any] ?? [:]
        #expect(Set(meta.keys) == ["mood", "colors", "settings"], "\(meta)")
        #expect(meta["mood"] as? String == "happy")
        #expect(meta["colors"] as? [String] == ["red", "blue"])
        #expect((meta["settings"] as? [String: Any])?["size"] as? Int == 3)

        let all = try ExportedSite(SiteFixture.standard, "--meta", "all").frontMatter(path)["meta"] as? [String: Any] ?? [:]
        #expect(all["_edit_lock"] as? String == "1646469000:1")
        #expect(all["_yoast_wpseo_metadesc"] != nil)
        #expect(all["mood"] as? String == "happy")

        let none = try ExportedSite(SiteFixture.standard, "--meta", "none").frontMatter(path)
        #expect(none["meta"] == nil)
        #expect(none["description"] as? String == "The SEO description")
    }

    /// Titles YAML would read as something else, or that need quoting, come back as the same text.
    @Test func trickyTitlesRoundTrip() throws {
        let titles = [
            "yes", "No", "null", "~", "123", "1.5", "0x1F", "2022-01-01", ".inf", "+1", "<<", "=", "- dash", "[bracket]",
            "{brace}", "@at", "`tick`", "*star", "!bang", "|pipe", ">fold", "%percent", "'single'", "\"double\"", "#hash",
            "key: value", "colon at end:", "tab\there", "Ünïcödé", "ключ: значення", "🎸 live", "a \\ backslash",
            "!!str tagged", "? question", ",comma", "&amp; co",
        ]
        let items = titles.enumerated().map { SiteFixture.Item(id: 200 + $0.offset, slug: "t\($0.offset)", title: $0.element) }
        let site = try ExportedSite(SiteFixture.document(items))
        for (offset, title) in titles.enumerated() {
            let expected = title == "&amp; co" ? "& co" : title
            let front = try site.frontMatter("content/posts/t\(offset)/index.md")
            #expect(front["title"] as? String == expected, "\(title) came back as \(String(describing: front["title"]))")
        }
    }

    @Test func serializedMetaDecoded() throws {
        let item = SiteFixture.Item(id: 300, slug: "meta", title: "Meta", meta: [
            ("nested", #"a:2:{s:1:"a";a:1:{i:0;s:1:"x";}s:1:"b";b:1;}"#),
            ("multibyte", #"s:8:"київ";"#),
            ("broken", #"a:2:{i:0;s:3:"red";"#),
            ("sparse", #"a:2:{i:0;s:1:"x";i:5;s:1:"y";}"#),
            ("repeated", "one"), ("repeated", "two"),
        ])
        let site = try ExportedSite(SiteFixture.document([item]))
        let meta = try site.frontMatter("content/posts/meta/index.md")["meta"] as? [String: Any] ?? [:]
        let nested = meta["nested"] as? [String: Any]
        #expect(nested?["a"] as? [String] == ["x"], "\(meta)")
        #expect(nested?["b"] as? Bool == true)
        #expect(meta["multibyte"] as? String == "київ")
        #expect(meta["broken"] as? String == #"a:2:{i:0;s:3:"red";"#)
        let sparse = meta["sparse"] as? [AnyHashable: Any]
        #expect(sparse?["0"] as? String == "x" || sparse?[0] as? String == "x", "\(meta)")
        #expect(meta["repeated"] as? [String] == ["one", "two"])
    }

    @Test(arguments: [
        ("2022-03-05 10:30:00", "2022-03-05 15:30:00", "2022-03-05T10:30:00-05:00"),
        ("2022-03-05 10:30:00", "2022-03-05 05:00:00", "2022-03-05T10:30:00+05:30"),
        ("2022-03-05 10:30:00", "2022-03-05 10:30:00", "2022-03-05T10:30:00Z"),
        ("2022-03-05 10:30:00", "0000-00-00 00:00:00", "2022-03-05T10:30:00"),
        ("2022-01-01 01:00:00", "2021-12-31 23:00:00", "2022-01-01T01:00:00+02:00"),
    ])
    func datesCarryTheirOffset(local: String, utc: String, expected: String) throws {
        let item = SiteFixture.Item(id: 400, slug: "dated", title: "Dated", date: local, dateGMT: utc)
        let site = try ExportedSite(SiteFixture.document([item]))
        let raw = try site.text("content/posts/dated/index.md")
        #expect(raw.contains("\ndate: \(expected)\n"), "\(raw)")
        #expect(try site.frontMatter("content/posts/dated/index.md")["date"] is Date)
    }

    /// Percent-encoded slugs name folders in their own script, and links to them, encoded or not, find them.
    @Test func nonASCIISlugsAndTheirLinks() throws {
        let encoded = "%d0%ba%d0%b8%d1%97%d0%b2"
        let items = [
            SiteFixture.Item(id: 500, slug: "links", title: "Links", link: "https://example.org/2022/03/05/links/", content: """
                <a href="https://example.org/2022/03/05/\(encoded)/">encoded</a> \
                <a href="https://example.org/2022/03/05/київ/">decoded</a> \
                <a href="HTTPS://EXAMPLE.ORG/2022/03/05/%D0%BA%D0%B8%D1%97%D0%B2">upper-no-slash</a> \
                <a href="https://example.org/category/\(encoded)/">term</a> \
                <a href="https://example.org/?page_id=502">page-by-id</a> \
                <a href="https://example.org/?cat=7">cat-by-id</a>
                """),
            SiteFixture.Item(id: 501, slug: encoded, title: "Київ", link: "https://example.org/2022/03/05/\(encoded)/",
                             terms: [("category", encoded, "Київ")]),
            SiteFixture.Item(id: 502, type: "page", slug: "contact", title: "Contact", link: "https://example.org/contact/"),
        ]
        let xml = SiteFixture.document(items).replacingOccurrences(of: "<wp:tag>", with: """
            <wp:category><wp:term_id>7</wp:term_id><wp:category_nicename>\(encoded)</wp:category_nicename>\
            <wp:category_parent></wp:category_parent><wp:cat_name>Київ</wp:cat_name></wp:category>
            <wp:tag>
            """)
        let site = try ExportedSite(xml)
        #expect(site.files.contains("content/posts/київ/index.md"), "\(site.files)")
        #expect(site.files.contains("content/categories/київ/_index.md"), "\(site.files)")
        #expect(try site.frontMatter("content/posts/київ/index.md")["categories"] as? [String] == ["київ"])
        let markdown = try site.text("content/posts/links/index.md")
        for text in ["encoded", "decoded", "upper-no-slash"] {
            #expect(markdown.contains("[\(text)](/posts/київ/)") || markdown.contains("[\(text)](/posts/\(encoded)/)")
                || markdown.contains("[\(text)](/posts/%D0%BA%D0%B8%D1%97%D0%B2/)"), "\(text): \(markdown)")
        }
        #expect(markdown.contains("[term](/categories/київ/)") || markdown.contains("[term](/categories/%D0%BA%D0%B8%D1%97%D0%B2/)"), "\(markdown)")
        #expect(markdown.contains("[page-by-id](/contact/)"), "\(markdown)")
        for code in ["link.unresolved", "site.link-to-unpublished"] {
            #expect(site.findings(code: code).isEmpty, "\(site.findings(code: code))")
        }
        let aliases = try site.frontMatter("content/posts/київ/index.md")["aliases"] as? [String]
        #expect(aliases == ["/2022/03/05/київ/"])
    }

    /// The redirect map sends `/?cat=ID` to the term's page; a link to it goes there too.
    @Test func categoryLinkByID() throws {
        let item = SiteFixture.Item(id: 550, slug: "by-id", title: "By id",
                                    content: #"<a href="https://example.org/?cat=5">cat-by-id</a>"#, terms: [("category", "news", "News")])
        let site = try ExportedSite(SiteFixture.document([item]))
        let redirects = try site.text("wxr/redirects.csv")
        #expect(redirects.contains("/?cat=5,/categories/news/"), "\(redirects)")
        let markdown = try site.text("content/posts/by-id/index.md")
        #expect(markdown.contains("[cat-by-id](/categories/news/)"), "\(markdown)")
    }

    @Test func commentLinksRewrittenAndRepliesToHiddenCommentsKept() throws {
        let items = [
            SiteFixture.Item(id: 600, slug: "talk", title: "Talk", link: "https://example.org/2022/03/05/talk/", comments: [
                SiteFixture.Comment(id: 1, author: "A", content: #"See <a href="https://example.org/2022/03/06/other/">this</a>."#,
                                    date: "2022-03-06 10:00:00"),
                SiteFixture.Comment(id: 2, author: "Spam", content: "SPAM-TEXT", date: "2022-03-06 10:05:00", approved: "spam"),
                SiteFixture.Comment(id: 3, author: "B", content: "A reply to spam.", date: "2022-03-06 10:10:00", parent: 2),
            ]),
            SiteFixture.Item(id: 601, slug: "other", title: "Other", link: "https://example.org/2022/03/06/other/"),
        ]
        let site = try ExportedSite(SiteFixture.document(items))
        let thread = try site.yaml("content/posts/talk/comments.yaml") as? [[String: Any]] ?? []
        #expect(thread.compactMap { $0["id"] as? Int } == [1, 3], "\(thread)")
        #expect((thread.first?["content"] as? String)?.contains("[this](/posts/other/)") == true, "\(thread)")
    }

    /// A top-level page may not take a section's or wxr's own folder.
    @Test func pagesNamedLikeSectionsAreRenamed() throws {
        let items = ["posts", "wxr", "static", "layouts"].enumerated().map {
            SiteFixture.Item(id: 700 + $0.offset, type: "page", slug: $0.element, title: $0.element.capitalized,
                             link: "https://example.org/\($0.element)/")
        } + [SiteFixture.Item(id: 710, slug: "a-post", title: "A post")]
        let site = try ExportedSite(SiteFixture.document(items))
        for name in ["posts", "wxr", "static", "layouts"] {
            #expect(site.files.contains("content/\(name)-2/index.md"), "\(name): \(site.files)")
        }
        #expect(!site.files.contains("content/posts/index.md") && !site.files.contains("content/posts/_index.md"))
        #expect(site.findings(code: "site.name-collision").count == 4)
        // Hugo lists the posts at /posts/: the page's old URL is reported rather than fought over.
        #expect(try site.frontMatter("content/posts-2/index.md")["aliases"] == nil)
        #expect(site.findings(code: "site.redirect-shadowed").compactMap { $0["post_id"] as? Int } == [700])
        #expect(try site.frontMatter("content/wxr-2/index.md")["aliases"] as? [String] == ["/wxr/"])
    }

    /// Hugo 0.111 takes a top-level folder whose name starts with a taxonomy's for that taxonomy ("missing
    /// taxonomy" when it holds an `_index.md`): a page named like one is renamed, and not to `categories-2`.
    @Test(arguments: ["categories", "tags"])
    func pagesNamedLikeTaxonomiesAreRenamedAway(name: String) throws {
        let items = [
            SiteFixture.Item(id: 720, type: "page", slug: name, title: name.capitalized, link: "https://example.org/\(name)/"),
            SiteFixture.Item(id: 721, type: "page", slug: "child", title: "Child", link: "https://example.org/\(name)/child/", parent: 720),
            SiteFixture.Item(id: 722, slug: "a-post", title: "A post", terms: [("category", "news", "News"), ("post_tag", "travel", "Travel")]),
        ]
        let site = try ExportedSite(SiteFixture.document(items))
        let page = try #require(site.files.first { $0.hasPrefix("content/") && $0.hasSuffix("/_index.md") && $0.split(separator: "/").count == 3
            && !$0.hasPrefix("content/categories/") && !$0.hasPrefix("content/tags/") }, "\(site.files)")
        #expect(try site.frontMatter(page)["wp_id"] as? Int == 720)
        let folder = page.split(separator: "/")[1]
        #expect(!folder.hasPrefix("categories") && !folder.hasPrefix("tags"), "the page went to \(page)")
    }

    /// Hugo leaves out everything below a draft section: a private page with published pages below it is
    /// kept out by build options instead, so that its children are still built.
    @Test func draftParentDoesNotHideItsPublishedChildren() throws {
        let items = [
            SiteFixture.Item(id: 730, type: "page", status: "private", slug: "hidden", title: "Hidden"),
            SiteFixture.Item(id: 731, type: "page", slug: "shown", title: "Shown", link: "https://example.org/hidden/shown/", parent: 730),
            SiteFixture.Item(id: 732, type: "page", status: "draft", slug: "alone", title: "Alone"),
            SiteFixture.Item(id: 733, type: "page", status: "draft", slug: "under", title: "Under", parent: 732),
        ]
        let site = try ExportedSite(SiteFixture.document(items))
        let hidden = try site.frontMatter("content/hidden/_index.md")
        #expect(hidden["draft"] == nil && hidden["wp_status"] as? String == "private", "\(hidden)")
        let build = hidden["_build"] as? [String: Any]
        #expect(build?["render"] as? String == "never" && build?["list"] as? String == "never", "\(hidden)")
        #expect(try site.frontMatter("content/hidden/shown/index.md")["draft"] == nil)
        // Drafts below drafts stay drafts.
        #expect(try site.frontMatter("content/alone/_index.md")["draft"] as? Bool == true)
        #expect(try site.frontMatter("content/alone/under/index.md")["draft"] as? Bool == true)
    }

    /// Old links as WordPress made them: a slug that looks like an archive, a permalink of numbers, a doubled
    /// slash; a term declared with a raw slug and used with WordPress's; a post at a Hugo list's path.
    @Test func oldLinksThatLookOdd() throws {
        var items = [
            SiteFixture.Item(id: 740, slug: "search", title: "Search", link: "https://example.org/search/"),
            SiteFixture.Item(id: 741, slug: "178", title: "Numbers", link: "https://example.org/2009/08/29/178/",
                             content: #"<a href="https://example.org/search/">find</a>"#),
            SiteFixture.Item(id: 742, type: "page", slug: "greek", title: "Greek", link: "https://example.org/greek/"),
            SiteFixture.Item(id: 743, type: "page", slug: "%ce%b5%cf%80%ce%af", title: "Level", link: "https://example.org//greek/%ce%b5%cf%80%ce%af/", parent: 742),
            SiteFixture.Item(id: 744, slug: "with-tags", title: "With tags", link: "https://example.org/tags/",
                             terms: [("category", "company-news", "Company News")]),
        ]
        items.append(SiteFixture.Item(id: 745, slug: "more-news", title: "More news", terms: [("category", "Company News", "Company News")]))
        let site = try ExportedSite(SiteFixture.document(items))
        let redirects = try site.text("wxr/redirects.csv")
        #expect(redirects.contains("\n/search/,/posts/search/\n"), "\(redirects)")
        #expect(redirects.contains("\n/2009/08/29/178/,/posts/178/\n"), "\(redirects)")
        #expect(!redirects.contains("//greek") && !redirects.contains("/greek/επί/,"), "\(redirects)")
        #expect(try site.text("content/posts/178/index.md").contains("[find](/posts/search/)"))
        #expect(try site.frontMatter("content/greek/επί/index.md")["aliases"] == nil)
        // Hugo lists the tags at /tags/: the old URL is reported, neither redirected nor an alias.
        #expect(!redirects.contains("\n/tags/,"), "\(redirects)")
        #expect(try site.frontMatter("content/posts/with-tags/index.md")["aliases"] == nil)
        #expect(site.findings(code: "site.redirect-shadowed").compactMap { $0["post_id"] as? Int } == [744])
        // One term, one page, whichever way its slug was written.
        #expect(site.files.filter { $0.hasPrefix("content/categories/company-news") }.count == 1, "\(site.files)")
        #expect(try site.frontMatter("content/posts/more-news/index.md")["categories"] as? [String] == ["company-news"])
    }

    @Test func featuredImageMissingIsReported() throws {
        let item = SiteFixture.Item(id: 800, slug: "lonely", title: "Lonely", meta: [("_thumbnail_id", "999")])
        let site = try ExportedSite(SiteFixture.document([item]))
        #expect(try site.frontMatter("content/posts/lonely/index.md")["featured_image"] == nil)
        let findings = site.findings(code: "site.reference-missing")
        #expect(findings.map { $0["message"] as? String } == ["the post shows attachment 999, which the export does not have"])
    }

    /// The site's own notes, in plain words: "2 links ... point", every URL listed, what was done.
    @Test func linksToUnpublishedItemsAndMissingMediaAreCountedInPlainWords() throws {
        let items = [
            SiteFixture.Item(id: 810, slug: "linker", title: "Linker", content: """
                <a href="https://example.org/2022/01/01/a-draft/">a</a> <a href="https://example.org/?p=812">b</a> \
                <a href="https://example.org/2022/01/01/a-draft/#again">c</a> [gallery ids="901,902"]
                """, meta: [("_thumbnail_id", "901")]),
            SiteFixture.Item(id: 811, status: "draft", slug: "a-draft", title: "A draft", link: "https://example.org/2022/01/01/a-draft/"),
            SiteFixture.Item(id: 812, status: "trash", slug: "binned", title: "Binned"),
        ]
        let site = try ExportedSite(SiteFixture.document(items))
        #expect(site.findings(code: "site.link-to-unpublished").map { $0["message"] as? String } == [
            "2 links to the old site point to items the new site does not publish (drafts, trashed or password-protected "
                + "items): https://example.org/2022/01/01/a-draft/, https://example.org/?p=812",
        ])
        #expect(site.findings(code: "site.reference-missing").map { $0["message"] as? String } == [
            "the post shows attachments 901, 902, which the export does not have",
        ])
        #expect(site.findings(code: "link.unresolved").isEmpty, "the items are in the export")
    }

    /// The output named through a symbolic link: the link stays, the folder it points to is the output.
    @Test func outputThroughASymbolicLink() throws {
        let parent = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        let input = parent.appendingPathComponent("export.xml")
        try Data(SiteFixture.standard.utf8).write(to: input)
        let real = parent.appendingPathComponent("real")
        let link = parent.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
        for run in 1...2 {
            let result = try CLITests.wxr("convert", input.path, "--to", "markdown", "--output", link.path, "-q")
            #expect(result.status == 0, "run \(run): \(result.stderr)")
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == real.path)
            #expect(FileManager.default.fileExists(atPath: real.appendingPathComponent("content/posts/links-post/index.md").path))
        }
    }

    @Test func hugoLayout() throws {
        let site = try ExportedSite(SiteFixture.standard)
        for file in ["content/about/_index.md", "content/about/team/index.md", "content/categories/news/_index.md",
                     "content/tags/travel/_index.md", "static/_redirects", "wxr/redirects.csv", "wxr/media.csv",
                     "hugo.toml", ".wxr-manifest.json"] {
            #expect(site.files.contains(file), "\(file) missing: \(site.files)")
        }
        #expect(site.files.contains { $0.hasPrefix("layouts/") })
        #expect(try site.frontMatter("content/categories/news/_index.md")["title"] as? String == "News")
        #expect(try site.text("wxr/media.csv").contains("40,https://example.org/wp-content/uploads/2022/03/photo.jpg,/wp-content/uploads/2022/03/photo.jpg"))
        let redirects = try site.text("static/_redirects").split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(redirects.contains("/2022/03/05/links-post/ /posts/links-post/ 301!"), "\(redirects)")
        #expect(redirects.contains("/category/news/ /categories/news/ 301!"), "\(redirects)")
        #expect(try site.text("wxr/redirects.csv").contains("/posts/later-post/"))
    }

    // MARK: Other flavors

    @Test(arguments: ["eleventy", "astro", "plain"])
    func flavorLayouts(flavor: String) throws {
        let site = try ExportedSite(SiteFixture.standard, "--flavor", flavor)
        let (post, page, child, comments) = switch flavor {
        case "plain": ("post/links-post.md", "page/about.md", "page/about/team.md", "post/links-post.comments.yaml")
        default: ("src/content/posts/links-post.md", "src/content/pages/about.md", "src/content/pages/about/team.md",
                  "src/content/posts/links-post.comments.yaml")
        }
        for file in [post, page, child, comments] { #expect(site.files.contains(file), "\(file) missing: \(site.files)") }
        #expect(!site.files.contains { $0.hasPrefix("content/") || $0 == "hugo.toml" })
        let front = try site.frontMatter(post)
        #expect(front["title"] as? String == SiteFixture.trickyTitle)
        #expect(try site.frontMatter(page)["title"] as? String == "About")
        #expect(try site.frontMatter(child)["title"] as? String == "Team")
        #expect((try site.yaml(comments) as? [Any])?.count == 2)
        #expect(try site.frontMatter("\(post.dropLast(13))draft-one.md")["draft"] as? Bool == true)
        if flavor == "eleventy" {
            #expect(front["permalink"] as? String == "/posts/links-post/")
            #expect(try site.frontMatter(page)["permalink"] as? String == "/about/")
        } else {
            #expect(front["permalink"] == nil)
        }
        // Links go where this flavor puts the items.
        #expect(try site.text(post).contains("[over-http](/posts/later-post/)"))
    }

    // MARK: Re-runs

    @Test func rerunsChangeOnlyWhatChanged() throws {
        let site = try ExportedSite(SiteFixture.standard)
        let before = try site.snapshot()
        let second = try site.convertAgain()
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.changes?.added == 0 && second.changes?.updated == 0 && second.changes?.removed == 0, "\(second.stderr)")
        #expect(second.changes?.unchanged == before.count - 1, "\(second.stderr)")
        let after = try site.snapshot()
        for (file, stamp) in before where file != ".wxr-manifest.json" {
            #expect(after[file] == stamp, "\(file) was rewritten")
        }

        // The user's files and folders, and the user's edit to a generated file, are kept.
        let fileManager = FileManager.default
        try Data("mine\n".utf8).write(to: site.folder.appendingPathComponent("content/posts/mine.md"))
        try fileManager.createDirectory(at: site.folder.appendingPathComponent("notes/drafts"), withIntermediateDirectories: true)
        try Data("notes\n".utf8).write(to: site.folder.appendingPathComponent("notes/drafts/todo.txt"))
        let edited = site.folder.appendingPathComponent("content/posts/later-post/index.md")
        let editedText = try String(contentsOf: edited, encoding: .utf8) + "\nMy own postscript.\n"
        try Data(editedText.utf8).write(to: edited)

        let third = try site.convertAgain()
        #expect(third.status == 0, "\(third.stderr)")
        #expect(third.stderr.contains("1 file you edited kept"), "\(third.stderr)")
        #expect(third.changes?.added == 0 && third.changes?.updated == 0 && third.changes?.removed == 0, "\(third.stderr)")
        #expect(try site.text("content/posts/mine.md") == "mine\n")
        #expect(try site.text("notes/drafts/todo.txt") == "notes\n")
        #expect(try site.text("content/posts/later-post/index.md") == editedText)

        // One post's text edited in the export: that file alone is updated.
        try site.rewriteExport(SiteFixture.standard.replacingOccurrences(of: "Some later text.", with: "Some revised text."))
        let fourth = try site.convertAgain()
        #expect(fourth.changes?.updated == 1 && fourth.changes?.added == 0 && fourth.changes?.removed == 0, "\(fourth.stderr)")
        #expect(try site.text("content/posts/draft-one/index.md").contains("Some revised text."))

        // One post gone from the export: its files go; the user's stay.
        try site.rewriteExport(SiteFixture.standard(without: 34))
        let fifth = try site.convertAgain()
        #expect(fifth.status == 0, "\(fifth.stderr)")
        // Its page and its comments; the draft edited above goes back to its first text.
        #expect(fifth.changes?.removed == 2 && fifth.changes?.updated == 1 && fifth.changes?.added == 0, "\(fifth.stderr)")
        #expect(!site.files.contains { $0.hasPrefix("content/posts/private-one/") })
        #expect(try site.text("content/posts/mine.md") == "mine\n")
        #expect(try site.text("notes/drafts/todo.txt") == "notes\n")
        #expect(try site.text("content/posts/later-post/index.md") == editedText)
    }

    /// Drafts left out on a later run go, except the one the user edited; another flavor replaces the layout.
    @Test func rerunWithOtherOptions() throws {
        let site = try ExportedSite(SiteFixture.standard)
        let edited = site.folder.appendingPathComponent("content/posts/pending-one/index.md")
        let editedText = try String(contentsOf: edited, encoding: .utf8) + "\nEdited.\n"
        try Data(editedText.utf8).write(to: edited)

        let omitting = try run(CLITests.binary, ["convert", site.input.path, "--to", "markdown", "--output", site.folder.path, "--drafts", "omit"])
        let changes = ExportedSite.Changes(parsing: omitting.stderr)
        #expect(omitting.status == 0, "\(omitting.stderr)")
        #expect(changes?.removed == 4 && changes?.added == 0 && changes?.updated == 0, "\(omitting.stderr)")
        #expect(omitting.stderr.contains("1 file you edited kept"), "\(omitting.stderr)")
        #expect(try site.text("content/posts/pending-one/index.md") == editedText)
        for name in ["draft-one", "future-one", "private-one"] {
            #expect(!site.files.contains { $0.hasPrefix("content/posts/\(name)/") }, "\(name): \(site.files)")
        }

        let plain = try run(CLITests.binary, ["convert", site.input.path, "--to", "markdown", "--output", site.folder.path, "--flavor", "plain"])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(site.files.contains("post/links-post.md"))
        #expect(!site.files.contains("content/posts/links-post/index.md") && !site.files.contains("hugo.toml"), "\(site.files)")
        #expect(try site.text("content/posts/pending-one/index.md") == editedText)
    }

    @Test func foreignFolderRefusedUnlessForced() throws {
        let parent = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        let input = parent.appendingPathComponent("export.xml")
        try Data(SiteFixture.standard.utf8).write(to: input)
        let folder = parent.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("keep me\n".utf8).write(to: folder.appendingPathComponent("README.txt"))

        let refused = try CLITests.wxr("convert", input.path, "--to", "markdown", "--output", folder.path)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("--force"), "\(refused.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["README.txt"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path).sorted() == ["export.xml", "site"])

        let forced = try CLITests.wxr("convert", input.path, "--to", "markdown", "--output", folder.path, "--force")
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try String(contentsOf: folder.appendingPathComponent("README.txt"), encoding: .utf8) == "keep me\n")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("content/posts/links-post/index.md").path))
    }

    // MARK: Interruption

    @Test(.enabled(if: Externals.wxrgen != nil, "skipped: needs python3 and ../shared/tools/wxrgen.py"),
          arguments: [SIGINT, SIGKILL])
    func interruptedRunLeavesThePreviousOutput(signal: Int32) throws {
        let big = try LargeExport.path()
        let parent = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        let small = parent.appendingPathComponent("small.xml")
        try Data(SiteFixture.standard.utf8).write(to: small)
        let folder = parent.appendingPathComponent("site")
        let first = try CLITests.wxr("convert", small.path, "--to", "markdown", "--output", folder.path, "-q")
        #expect(first.status == 0, "\(first.stderr)")
        let before = try Tree(folder)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLITests.binary)
        process.arguments = ["convert", big, "--to", "markdown", "--output", folder.path, "-q"]
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Once the staging folder exists the run is under way; then give it time to write.
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, try stagingFolders(in: parent).isEmpty, process.isRunning { usleep(10_000) }
        usleep(500_000)
        #expect(process.isRunning, "the conversion ended before it could be interrupted")
        kill(process.processIdentifier, signal)
        process.waitUntilExit()

        #expect(process.terminationStatus != 0 || process.terminationReason == .uncaughtSignal)
        if signal == SIGINT {
            #expect(process.terminationReason == .exit && process.terminationStatus == 130,
                    "\(process.terminationReason) \(process.terminationStatus)")
            let leftovers = try stagingFolders(in: parent)
            #expect(leftovers.isEmpty, "staging folders left: \(leftovers)")
        }
        let after = try Tree(folder)
        #expect(after == before, "the output changed: \(after.difference(from: before))")
    }

    private func stagingFolders(in parent: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: parent.path).filter { $0.hasPrefix(".site.wxr-") }
    }
}

// MARK: - Running an export

/// One run of `wxr convert --to markdown` into a fresh temporary folder, with what it wrote.
struct ExportedSite {
    let parent: URL
    let folder: URL
    let input: URL
    let arguments: [String]
    let result: (status: Int32, stdout: String, stderr: String)

    init(_ xml: String, _ arguments: String...) throws {
        parent = try CLITests.temporaryDirectory()
        folder = parent.appendingPathComponent("site")
        input = parent.appendingPathComponent("export.xml")
        self.arguments = arguments
        Cleanup.shared.add(parent)
        try Data(xml.utf8).write(to: input)
        result = try run(CLITests.binary, ["convert", input.path, "--to", "markdown", "--output", folder.path] + arguments)
        try #require(result.status == 0, "wxr failed: \(result.stderr)")
    }

    /// Every file under the folder, relative, hidden ones included.
    var files: [String] { (try? Tree.files(under: folder)) ?? [] }

    func text(_ file: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
    }

    func yaml(_ file: String) throws -> Any? {
        try Yams.load(yaml: text(file))
    }

    /// The YAML between the first two `---` lines.
    func frontMatter(_ file: String) throws -> [String: Any] {
        let text = try text(file)
        try #require(text.hasPrefix("---\n"), "\(file) has no front matter")
        let rest = text.dropFirst(4)
        let end = try #require(rest.range(of: "\n---\n") ?? (rest.hasPrefix("---\n") ? rest.startIndex..<rest.index(rest.startIndex, offsetBy: 4) : nil))
        let yaml = String(rest[..<end.lowerBound])
        return try Yams.load(yaml: yaml) as? [String: Any] ?? [:]
    }

    /// The report's findings of one code.
    func findings(code: String) -> [[String: Any]] {
        let url = parent.appendingPathComponent("site.report.json")
        guard let data = try? Data(contentsOf: url),
              let report = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [] }
        return (report["findings"] as? [[String: Any]] ?? []).filter { $0["code"] as? String == code }
    }

    func rewriteExport(_ xml: String) throws {
        try Data(xml.utf8).write(to: input)
    }

    /// Runs the same conversion into the same folder.
    func convertAgain() throws -> (status: Int32, stderr: String, changes: Changes?) {
        let again = try run(CLITests.binary, ["convert", input.path, "--to", "markdown", "--output", folder.path] + arguments)
        return (again.status, again.stderr, Changes(parsing: again.stderr))
    }

    /// Inode and modification time of every file.
    func snapshot() throws -> [String: [Int]] {
        var stamps: [String: [Int]] = [:]
        for file in files {
            var status = stat()
            guard lstat(folder.appendingPathComponent(file).path, &status) == 0 else { continue }
            stamps[file] = [Int(status.st_ino), Int(status.st_mtim.tv_sec), Int(status.st_mtim.tv_nsec)]
        }
        return stamps
    }

    /// "wxr: 0 added, 0 updated, 43 unchanged, 0 removed; ...", as numbers.
    struct Changes {
        var added: Int, updated: Int, unchanged: Int, removed: Int

        init?(parsing stderr: String) {
            guard let line = stderr.split(separator: "\n").first(where: { $0.contains(" added, ") && $0.contains(" unchanged") })
            else { return nil }
            func count(_ word: String) -> Int? {
                guard let range = line.range(of: " \(word)") else { return nil }
                let digits = line[..<range.lowerBound].reversed().prefix { $0.isNumber || $0 == "," }
                return Int(String(digits.reversed()).replacingOccurrences(of: ",", with: ""))
            }
            guard let added = count("added"), let updated = count("updated"), let unchanged = count("unchanged"),
                  let removed = count("removed") else { return nil }
            (self.added, self.updated, self.unchanged, self.removed) = (added, updated, unchanged, removed)
        }
    }
}

/// Temporary folders of the suite, removed when the process ends.
final class Cleanup: @unchecked Sendable {
    static let shared = Cleanup()
    private let lock = NSLock()
    private var folders: [URL] = []

    func add(_ folder: URL) {
        lock.lock()
        defer { lock.unlock() }
        if folders.isEmpty { atexit { Cleanup.shared.removeAll() } }
        folders.append(folder)
    }

    func removeAll() {
        lock.lock()
        defer { lock.unlock() }
        for folder in folders { try? FileManager.default.removeItem(at: folder) }
        folders.removeAll()
    }
}

/// A folder's files with their bytes, and its folders, for comparing before and after.
struct Tree: Equatable {
    var files: [String: Data] = [:]
    var folders: Set<String> = []

    init(_ root: URL) throws {
        for path in try Self.files(under: root, folders: &folders) {
            files[path] = try Data(contentsOf: root.appendingPathComponent(path))
        }
    }

    func difference(from other: Tree) -> String {
        let changed = Set(files.keys).union(other.files.keys).filter { files[$0] != other.files[$0] }.sorted()
        return "files \(changed.prefix(10)), folders \(folders.symmetricDifference(other.folders).sorted().prefix(10))"
    }

    static func files(under root: URL) throws -> [String] {
        var folders: Set<String> = []
        return try files(under: root, folders: &folders)
    }

    /// Walks without following symbolic links; a link counts as a file.
    static func files(under root: URL, folders: inout Set<String>) throws -> [String] {
        var found: [String] = []
        var queue = [""]
        while let relative = queue.popLast() {
            let url = relative.isEmpty ? root : root.appendingPathComponent(relative)
            for name in try FileManager.default.contentsOfDirectory(atPath: url.path) {
                let path = relative.isEmpty ? name : relative + "/" + name
                var status = stat()
                guard lstat(root.appendingPathComponent(path).path, &status) == 0 else { continue }
                if status.st_mode & S_IFMT == S_IFDIR {
                    folders.insert(path)
                    queue.append(path)
                } else {
                    found.append(path)
                }
            }
        }
        return found.sorted()
    }
}

/// A 20,000-item export from wxrgen, made once per run: big enough that converting it takes seconds.
enum LargeExport {
    private static let made: Result<String, any Error> = Result {
        let folder = try CLITests.temporaryDirectory()
        Cleanup.shared.add(folder)
        let path = folder.appendingPathComponent("large.xml").path
        try Externals.generate(["--posts", "20000"], to: path)
        return path
    }

    static func path() throws -> String { try made.get() }
}

// MARK: - Fixtures

/// Small WXR 1.2 exports, written out item by item.
enum SiteFixture {
    static let trickyTitle = #"He said "hi": #1 — київ's 'best' café"#

    /// The site `example.org`: a post linking every way to the rest, drafts, trash, WordPress's internals.
    static var standard: String { standard(without: nil) }

    /// The content files `standard` gives with Hugo.
    static let standardContentFiles = [
        "content/about/_index.md", "content/about/comments.yaml", "content/about/team/index.md",
        "content/categories/news/_index.md",
        "content/posts/draft-one/index.md", "content/posts/future-one/index.md", "content/posts/later-post/index.md",
        "content/posts/links-post/comments.yaml", "content/posts/links-post/index.md",
        "content/posts/pending-one/index.md", "content/posts/private-one/comments.yaml",
        "content/posts/private-one/index.md", "content/tags/travel/_index.md",
    ]

    static func standard(without removedID: Int?) -> String {
        let linksContent = """
            <p>Links: <a href="http://example.org/2023/01/02/later-post/">over-http</a>, \
            <a href="https://www.example.org/2023/01/02/later-post/">over-www</a>, \
            <a href="/2023/01/02/later-post/">from-root</a>, \
            <a href="https://example.org/?p=30">by-id</a>, \
            <a href="https://example.org/about/">earlier-page</a>, \
            <a href="https://example.org/about/#team">with-fragment</a>, \
            <a href="https://example.org/category/news/">category-archive</a>, \
            <a href="https://example.org/2022/01/01/trashed-post/">to-trash</a>, \
            <a href="https://example.org/no/such/path/">to-nowhere</a>, \
            <a href="https://other.example.com/2023/01/02/later-post/">other-host</a>.</p>
            <p><img src="https://example.org/wp-content/uploads/2022/03/photo.jpg" alt="photo" /></p>
            <!-- wp:block {"ref":50} /-->
            """
        let comments = [
            Comment(id: 1, author: "Олена", content: "FIRST-COMMENT", date: "2022-03-06 10:00:00"),
            Comment(id: 2, author: "Reply", content: "A reply.", date: "2022-03-06 11:00:00", parent: 1),
            Comment(id: 3, author: "Spammer", content: "SPAM-TEXT", date: "2022-03-06 12:00:00", approved: "spam"),
            Comment(id: 4, author: "Held", content: "PENDING-TEXT", date: "2022-03-06 12:10:00", approved: "0"),
            Comment(id: 5, author: "Binned", content: "TRASH-TEXT", date: "2022-03-06 12:20:00", approved: "trash"),
            Comment(id: 6, author: "Other blog", content: "A pingback.", date: "2022-03-07 09:00:00", type: "pingback"),
        ]
        let items: [Item] = [
            Item(id: 10, type: "page", slug: "about", title: "About", link: "https://example.org/about/",
                 content: "<p>About us.</p>", comments: [Comment(id: 9, author: "Page reader", content: "Nice page.", date: "2022-01-02 10:00:00")]),
            Item(id: 11, type: "page", slug: "team", title: "Team", link: "https://example.org/about/team/",
                 content: "<p>The team.</p>", parent: 10),
            Item(id: 20, slug: "links-post", title: trickyTitle, link: "https://example.org/2022/03/05/links-post/",
                 content: linksContent,
                 terms: [("category", "news", "News"), ("post_tag", "travel", "Travel")],
                 meta: [("mood", "happy"), ("_edit_lock", "1646469000:1"),
                        ("colors", #"a:2:{i:0;s:3:"red";i:1;s:4:"blue";}"#), ("settings", #"a:1:{s:4:"size";i:3;}"#),
                        ("_yoast_wpseo_metadesc", "The SEO description"), ("_thumbnail_id", "40")],
                 comments: comments),
            Item(id: 40, type: "attachment", status: "inherit", slug: "photo", title: "photo",
                 link: "https://example.org/2022/03/05/links-post/photo/",
                 attachmentURL: "https://example.org/wp-content/uploads/2022/03/photo.jpg", parent: 20),
            Item(id: 30, slug: "later-post", title: "Later post", link: "https://example.org/2023/01/02/later-post/",
                 date: "2023-01-02 09:00:00", dateGMT: "2023-01-02 09:00:00", content: "<p>Later.</p>"),
            Item(id: 31, status: "trash", slug: "trashed-post", title: "Trashed", link: "https://example.org/2022/01/01/trashed-post/"),
            Item(id: 32, status: "draft", slug: "draft-one", title: "Draft one", content: "<p>Some later text.</p>"),
            Item(id: 33, status: "pending", slug: "pending-one", title: "Pending one"),
            Item(id: 34, status: "private", slug: "private-one", title: "Private one",
                 comments: [Comment(id: 7, author: "Reader", content: "Private note.", date: "2022-03-08 09:00:00")]),
            Item(id: 35, status: "future", slug: "future-one", title: "Future one", date: "2030-01-01 09:00:00", dateGMT: "2030-01-01 07:00:00"),
            Item(id: 36, status: "auto-draft", slug: "auto-draft-one", title: "Auto draft"),
            Item(id: 37, slug: "protected-one", title: "Protected one", content: "<p>PROTECTED-TEXT</p>", password: "secret"),
            Item(id: 41, type: "nav_menu_item", slug: "internal-menu-item", title: "internal-menu-item",
                 terms: [("nav_menu", "main", "Main")],
                 meta: [("_menu_item_type", "custom"), ("_menu_item_url", "https://example.org/about/")]),
            Item(id: 42, type: "revision", status: "inherit", slug: "20-revision-v1", title: "internal-revision", parent: 20),
            Item(id: 43, type: "wp_global_styles", slug: "internal-global-styles", title: "internal-global-styles"),
            Item(id: 44, type: "wp_template", slug: "internal-template", title: "internal-template"),
            Item(id: 45, type: "wp_navigation", slug: "internal-navigation", title: "internal-navigation"),
            Item(id: 46, type: "custom_css", slug: "internal-css", title: "internal-css"),
            Item(id: 47, type: "oembed_cache", slug: "internal-oembed", title: "internal-oembed"),
            Item(id: 50, type: "wp_block", slug: "reusable", title: "reusable",
                 content: "<!-- wp:paragraph -->\n<p>REUSABLE-BLOCK-TEXT</p>\n<!-- /wp:paragraph -->"),
        ]
        return document(items.filter { $0.id != removedID })
    }

    /// Slugs that try to leave the folder or break file systems, and two posts with one slug.
    static var hostileNames: String {
        document([
            Item(id: 101, slug: "../../etc/passwd", title: "Dots"),
            Item(id: 102, slug: "/abs/path", title: "Absolute"),
            Item(id: 103, slug: "con", title: "Device"),
            Item(id: 104, slug: "a%00b", title: "NUL"),
            Item(id: 105, slug: "%d0%ba%d0%b8%d1%97%d0%b2", title: "Київ"),
            Item(id: 106, slug: "", title: "AC/DC 🎸 live"),
            Item(id: 107, slug: "same", title: "Same one"),
            Item(id: 108, slug: "same", title: "Same two"),
        ])
    }

    struct Comment {
        var id: Int
        var author: String
        var content: String
        var date: String
        var parent = 0
        var approved = "1"
        var type = "comment"
    }

    struct Item {
        var id: Int
        var type = "post"
        var status = "publish"
        var slug: String
        var title: String
        var link: String?
        var date = "2022-03-05 10:30:00"
        var dateGMT = "2022-03-05 08:30:00"
        var content = ""
        var password = ""
        var attachmentURL: String?
        var parent = 0
        var meta: [(String, String)] = []
        var terms: [(String, String, String)] = []
        var comments: [Comment] = []

        init(id: Int, type: String = "post", status: String = "publish", slug: String, title: String, link: String? = nil,
             date: String = "2022-03-05 10:30:00", dateGMT: String = "2022-03-05 08:30:00", content: String = "",
             password: String = "", attachmentURL: String? = nil, parent: Int = 0, terms: [(String, String, String)] = [],
             meta: [(String, String)] = [], comments: [Comment] = []) {
            (self.id, self.type, self.status, self.slug, self.title, self.link) = (id, type, status, slug, title, link)
            (self.date, self.dateGMT, self.content, self.password) = (date, dateGMT, content, password)
            (self.attachmentURL, self.parent, self.meta, self.terms, self.comments) = (attachmentURL, parent, meta, terms, comments)
        }
    }

    static func cdata(_ text: String) -> String {
        "<![CDATA[" + text.replacingOccurrences(of: "]]>", with: "]]]]><![CDATA[>") + "]]>"
    }

    /// An export of `items` from the site at `siteURL` (no trailing slash), with the terms `news` and `travel`.
    static func document(_ items: [Item], siteURL: String = "https://example.org") -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8" ?>
            <rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" \
            xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" \
            xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
            <channel>
            <title>Example</title>
            <link>\(siteURL)</link>
            <description>An example site</description>
            <language>en-US</language>
            <wp:wxr_version>1.2</wp:wxr_version>
            <wp:base_site_url>\(siteURL)</wp:base_site_url>
            <wp:base_blog_url>\(siteURL)</wp:base_blog_url>
            <wp:author><wp:author_id>1</wp:author_id><wp:author_login>\(cdata("alice"))</wp:author_login>\
            <wp:author_email>\(cdata("alice@example.org"))</wp:author_email>\
            <wp:author_display_name>\(cdata("Alice"))</wp:author_display_name></wp:author>
            <wp:category><wp:term_id>5</wp:term_id><wp:category_nicename>\(cdata("news"))</wp:category_nicename>\
            <wp:category_parent>\(cdata(""))</wp:category_parent><wp:cat_name>\(cdata("News"))</wp:cat_name></wp:category>
            <wp:tag><wp:term_id>6</wp:term_id><wp:tag_slug>\(cdata("travel"))</wp:tag_slug><wp:tag_name>\(cdata("Travel"))</wp:tag_name></wp:tag>

            """
        for item in items { xml += itemXML(item) }
        xml += "</channel>\n</rss>\n"
        return xml
    }

    private static func itemXML(_ item: Item) -> String {
        var xml = "<item>\n<title>\(cdata(item.title))</title>\n"
        if let link = item.link { xml += "<link>\(link)</link>\n" }
        xml += """
            <dc:creator>\(cdata("alice"))</dc:creator>
            <guid isPermaLink="false">https://example.org/?p=\(item.id)</guid>
            <description></description>
            <content:encoded>\(cdata(item.content))</content:encoded>
            <excerpt:encoded>\(cdata(""))</excerpt:encoded>
            <wp:post_id>\(item.id)</wp:post_id>
            <wp:post_date>\(cdata(item.date))</wp:post_date>
            <wp:post_date_gmt>\(cdata(item.dateGMT))</wp:post_date_gmt>
            <wp:post_modified>\(cdata(item.date))</wp:post_modified>
            <wp:post_modified_gmt>\(cdata(item.dateGMT))</wp:post_modified_gmt>
            <wp:comment_status>\(cdata("open"))</wp:comment_status>
            <wp:ping_status>\(cdata("open"))</wp:ping_status>
            <wp:post_name>\(cdata(item.slug))</wp:post_name>
            <wp:status>\(cdata(item.status))</wp:status>
            <wp:post_parent>\(item.parent)</wp:post_parent>
            <wp:menu_order>0</wp:menu_order>
            <wp:post_type>\(cdata(item.type))</wp:post_type>
            <wp:post_password>\(cdata(item.password))</wp:post_password>
            <wp:is_sticky>0</wp:is_sticky>

            """
        if let url = item.attachmentURL { xml += "<wp:attachment_url>\(cdata(url))</wp:attachment_url>\n" }
        for (domain, slug, name) in item.terms {
            xml += "<category domain=\"\(domain)\" nicename=\"\(slug)\">\(cdata(name))</category>\n"
        }
        for (key, value) in item.meta {
            xml += "<wp:postmeta><wp:meta_key>\(cdata(key))</wp:meta_key><wp:meta_value>\(cdata(value))</wp:meta_value></wp:postmeta>\n"
        }
        for comment in item.comments {
            xml += """
                <wp:comment>
                <wp:comment_id>\(comment.id)</wp:comment_id>
                <wp:comment_author>\(cdata(comment.author))</wp:comment_author>
                <wp:comment_author_email>\(cdata("commenter@example.net"))</wp:comment_author_email>
                <wp:comment_author_url>\(cdata("https://commenter.example.net/"))</wp:comment_author_url>
                <wp:comment_author_IP>\(cdata("203.0.113.77"))</wp:comment_author_IP>
                <wp:comment_date>\(cdata(comment.date))</wp:comment_date>
                <wp:comment_date_gmt>\(cdata(comment.date))</wp:comment_date_gmt>
                <wp:comment_content>\(cdata(comment.content))</wp:comment_content>
                <wp:comment_approved>\(cdata(comment.approved))</wp:comment_approved>
                <wp:comment_type>\(cdata(comment.type))</wp:comment_type>
                <wp:comment_parent>\(comment.parent)</wp:comment_parent>
                <wp:comment_user_id>0</wp:comment_user_id>
                </wp:comment>

                """
        }
        return xml + "</item>\n"
    }
}
