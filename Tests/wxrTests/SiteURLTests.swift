import Foundation
import Testing
import Yams

/// `--site-url`: the new site's address in the starter config and the redirect maps; without it, nothing points
/// at the old host, and Hugo's redirect pages lead to paths on whichever host serves them.
@Suite struct SiteURLTests {
    static let oldHost = "lookingleft.example.org"

    static func convert(flavor: String, siteURL: String?, in directory: URL) throws -> (site: URL, stderr: String) {
        let site = directory.appendingPathComponent("site-\(flavor)")
        var arguments = ["convert", CLITests.sample, "--to", "markdown", "--flavor", flavor, "--output", site.path]
        if let siteURL { arguments += ["--site-url", siteURL] }
        let result = try run(CLITests.binary, arguments)
        try #require(result.status == 0, "\(result.stderr)")
        return (site, result.stderr)
    }

    /// Hugo's alias pages under `public/`, read: each redirect page's text.
    static func hugoRedirectPages(in site: URL) throws -> [String] {
        guard let hugo = Externals.tool("hugo") else { return [] }
        let built = try run(hugo, ["--source", site.path, "--quiet"])
        try #require(built.status == 0, "hugo: \(built.stderr)")
        let files = FileManager.default.enumerator(atPath: site.appendingPathComponent("public").path)?
            .compactMap { $0 as? String }.filter { $0.hasSuffix(".html") } ?? []
        return try files.map { try String(contentsOf: site.appendingPathComponent("public/\($0)"), encoding: .utf8) }
            .filter { $0.contains("http-equiv=\"refresh\"") }
    }

    @Test func withoutASiteURLNothingPointsAtTheOldHost() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (site, stderr) = try Self.convert(flavor: "hugo", siteURL: nil, in: directory)
        #expect(stderr.contains("wxr: no site URL given: links and redirects are relative to /"))
        let config = try String(contentsOf: site.appendingPathComponent("hugo.toml"), encoding: .utf8)
        #expect(config.contains("baseURL = \"/\"\n"))
        let netlify = try String(contentsOf: site.appendingPathComponent("static/_redirects"), encoding: .utf8)
        #expect(!netlify.contains(Self.oldHost))
        let targets = netlify.split(separator: "\n").dropFirst().map { $0.split(separator: " ").dropLast().last! }
        #expect(!targets.isEmpty && targets.allSatisfy { $0.hasPrefix("/") }, "\(targets)")

        if Externals.tool("hugo") == nil { print("SiteURLTests: hugo is not on PATH; the built redirect pages are not checked") }
        let pages = try Self.hugoRedirectPages(in: site)
        #expect(Externals.tool("hugo") == nil || pages.count >= 5)
        for page in pages {
            #expect(!page.contains(Self.oldHost), "a redirect page leads to the old host: \(page.prefix(300))")
            #expect(page.contains("url=/"), "\(page.prefix(300))")
        }
    }

    @Test func theSiteURLIsInTheConfigTheMapsAndTheRedirectPages() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = "https://new.example/blog/"
        let (site, stderr) = try Self.convert(flavor: "hugo", siteURL: url, in: directory)
        #expect(stderr.contains("wxr: site URL https://new.example/blog/: the base URL of the site, where the redirect maps lead"))
        let config = try String(contentsOf: site.appendingPathComponent("hugo.toml"), encoding: .utf8)
        #expect(config.contains("baseURL = \"https://new.example/blog/\"\n"))
        for map in ["static/_redirects", "wxr/redirects.csv", "wxr/redirects.nginx.conf", "wxr/redirects.htaccess"] {
            let text = try String(contentsOf: site.appendingPathComponent(map), encoding: .utf8)
            #expect(text.contains("https://new.example/blog/posts/"), "\(map)")
            #expect(!text.contains("https://new.example/blog//"), "\(map)")
            #expect(!text.contains(Self.oldHost), "\(map)")
        }
        let csv = try String(contentsOf: site.appendingPathComponent("wxr/redirects.csv"), encoding: .utf8)
        let targets = csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",").last! }
        #expect(targets.allSatisfy { $0.hasPrefix("https://new.example/blog/") }, "\(targets.prefix(3))")
        for page in try Self.hugoRedirectPages(in: site) {
            #expect(page.contains("url=https://new.example/blog/"), "\(page.prefix(300))")
        }
    }

    @Test func jekyllTakesTheHostAndThePathApart() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (with, _) = try Self.convert(flavor: "jekyll", siteURL: "https://new.example/blog/", in: directory)
        let config = try #require(try Yams.load(yaml: String(contentsOf: with.appendingPathComponent("_config.yml"), encoding: .utf8))
            as? [String: Any])
        #expect(config["url"] as? String == "https://new.example")
        #expect(config["baseurl"] as? String == "/blog")

        let (without, _) = try Self.convert(flavor: "jekyll", siteURL: nil, in: directory)
        let bare = try #require(try Yams.load(yaml: String(contentsOf: without.appendingPathComponent("_config.yml"), encoding: .utf8))
            as? [String: Any])
        #expect(bare["url"] == nil)
        #expect(bare["baseurl"] as? String == "")
    }

    @Test(arguments: ["example.org", "ftp://example.org/", "https:///path", "https://example.org/?p=1"])
    func anAddressThatIsNotASiteIsAUsageError(url: String) throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLITests.wxr("convert", CLITests.sample, "--to", "markdown", "--output",
                                      directory.appendingPathComponent("site").path, "--site-url", url)
        #expect(result.status == 64)
        #expect(result.stderr.contains("--site-url: \"\(url)\""))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }
}
