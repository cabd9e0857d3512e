import Foundation
import Testing
import Yams
@testable import WXRKit

/// The site export driven through the library (no binary): each flavor's layout decides where a post, a page,
/// a custom item, its comments, the menus and the redirects go, and what the front matter calls things.
@Suite struct SiteLayoutTests {
    static let site = Site(title: "Café", link: "https://old.example.org", language: "en-IE", wxrVersion: "1.2",
                           baseSiteURL: "https://old.example.org", baseBlogURL: "https://old.example.org")

    static let posts: [Post] = [
        Post(id: 1, type: "post", status: "publish", title: "Kerch bridge", slug: "kerch-bridge",
             link: "https://old.example.org/2022/10/08/kerch-bridge/", date: "2022-10-08 09:30:00",
             dateGMT: "2022-10-08 08:30:00", modified: "2022-10-09 10:00:00", modifiedGMT: "2022-10-09 09:00:00",
             content: "See <a href=\"https://old.example.org/about/\">us</a>.", excerpt: "Short.",
             terms: [PostTerm(taxonomy: "category", slug: "ukraine", name: "Ukraine")],
             comments: [WXRKit.Comment(id: 7, author: "Aoife", date: "2022-10-08 12:00:00", dateGMT: "2022-10-08 11:00:00",
                                content: "Well said.", approved: "1")]),
        Post(id: 2, type: "page", status: "publish", title: "About", slug: "about",
             link: "https://old.example.org/about/", date: "2022-01-01 00:00:00", content: "Who we are."),
        Post(id: 3, type: "post", status: "draft", title: "Unfinished", slug: "unfinished", date: "2022-11-01 00:00:00",
             content: "Later."),
        Post(id: 4, type: "portfolio", status: "publish", title: "Poster", slug: "poster",
             link: "https://old.example.org/portfolio/poster/", date: "2022-02-02 00:00:00", content: "Art."),
    ]

    /// Writes the export with the library alone and returns the folder's files.
    static func export(_ flavor: SiteFlavor) throws -> (folder: URL, outcome: ExportOutcome) {
        let directory = try Paths.temporaryDirectory()
        let folder = directory.appendingPathComponent("site")
        let exporter = try MarkdownSiteExporter(path: folder.path, options: MarkdownSiteOptions(flavor: flavor, jobs: 2))
        try exporter.begin(site: site)
        try exporter.write(author: Author(login: "niamh"))
        try exporter.write(term: Term(id: 3, taxonomy: "category", slug: "ukraine", name: "Ukraine"))
        for post in posts { try exporter.write(post: post) }
        return (folder, try exporter.finish(findings: []))
    }

    static func frontMatter(_ file: URL) throws -> [String: Any] {
        let text = try String(contentsOf: file, encoding: .utf8)
        let parts = text.components(separatedBy: "---\n")
        return try #require(try Yams.load(yaml: parts[1]) as? [String: Any])
    }

    @Test(arguments: [
        (SiteFlavor.hugo, "content/posts/kerch-bridge/index.md", "content/about/index.md", "content/portfolio/poster/index.md",
         "content/posts/kerch-bridge/comments.yaml", "data/menus.yaml", "static/_redirects"),
        (.jekyll, "_posts/2022-10-08-kerch-bridge.md", "about/index.md", "_portfolio/poster.md",
         "_data/comments/1.yml", "_data/menus.yml", "_redirects"),
        (.eleventy, "src/content/posts/kerch-bridge.md", "src/content/pages/about.md", "src/content/portfolio/poster.md",
         "src/content/posts/kerch-bridge.comments.yaml", "src/_data/menus.yaml", "public/_redirects"),
        (.astro, "src/content/posts/kerch-bridge.md", "src/content/pages/about.md", "src/content/portfolio/poster.md",
         "src/content/posts/kerch-bridge.comments.yaml", "src/data/menus.yaml", "public/_redirects"),
        (.plain, "post/kerch-bridge.md", "page/about.md", "portfolio/poster.md",
         "post/kerch-bridge.comments.yaml", "menus.yaml", "wxr/_redirects"),
    ])
    func eachFlavorPutsThingsWhereItsGeneratorLooks(
        flavor: SiteFlavor, post: String, page: String, custom: String, comments: String, menus: String, redirects: String
    ) throws {
        let (folder, outcome) = try Self.export(flavor)
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        for path in [post, page, custom, comments, redirects] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path), "\(flavor): \(path)")
        }
        #expect(flavor.layout.menusFile == menus)
        #expect(outcome.summary?.hasPrefix("\(flavor.rawValue) site, 4 pages (3 published, 1 draft)") == true, "\(outcome.summary ?? "")")
        #expect(outcome.notes.contains { $0.hasPrefix("files: ") })

        let front = try Self.frontMatter(folder.appendingPathComponent(post))
        #expect(front["title"] as? String == "Kerch bridge")
        #expect(front[flavor.layout.modifiedKey] != nil)
        #expect(front[flavor.layout.excerptKey] as? String == "Short.")
        #expect((front["categories"] as? [String]) == ["ukraine"] || (front["categories"] as? [String]) == ["Ukraine"])
        let body = try String(contentsOf: folder.appendingPathComponent(post), encoding: .utf8)
        #expect(body.contains("[us](/about/)"), "a link to the old site's page goes to the new one")
        switch flavor {
        case .jekyll:
            #expect(front["permalink"] as? String == "/2022/10/08/kerch-bridge/")
            #expect(front["redirect_from"] == nil, "the old permalink is the new one")
        case .eleventy:
            #expect(front["permalink"] as? String == "/posts/kerch-bridge/")
        case .hugo, .plain:
            #expect(front["aliases"] as? [String] == ["/2022/10/08/kerch-bridge/"])
        case .astro:
            #expect(front["aliases"] == nil && front["permalink"] == nil)
        }
    }

    @Test func draftsAreKeptOutTheWayEachGeneratorUnderstands() throws {
        for flavor in SiteFlavor.allCases {
            let (folder, _) = try Self.export(flavor)
            defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
            let file = flavor.layout.postFile(name: "unfinished", day: "2022-11-01", isDraft: true)
            let front = try Self.frontMatter(folder.appendingPathComponent(file))
            if flavor == .jekyll {
                #expect(file == "_drafts/unfinished.md")
                #expect(front["draft"] == nil)
            } else {
                #expect(front["draft"] as? Bool == true, "\(flavor)")
            }
        }
    }

    @Test func onlyHugoAndJekyllGetTermPagesAndAStarterSite() throws {
        for flavor in SiteFlavor.allCases {
            let (folder, _) = try Self.export(flavor)
            defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
            let hasStarter = [.hugo, .jekyll].contains(flavor)
            let config = flavor == .hugo ? "hugo.toml" : "_config.yml"
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(config).path) == hasStarter, "\(flavor)")
            let termPage = flavor == .hugo ? "content/categories/ukraine/_index.md" : "category/ukraine/index.md"
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(termPage).path) == hasStarter, "\(flavor)")
        }
    }
}
