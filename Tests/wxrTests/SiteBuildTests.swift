import Foundation
import Testing
import WXRKit
import Yams

/// The Markdown site export built by the real generators, end to end: `hugo` and `jekyll build` succeed on a
/// 2,000-post export, on the sample and on every export of the corpus wxr reads; every published post and
/// page has its page at its new URL and drafts have none; every front matter block and data file reads back
/// as YAML; the redirect map covers every old URL and leads to pages that exist; and the folder is the same
/// bytes whatever the number of threads.
struct SiteBuildTests {
    // MARK: 2,000 posts from wxrgen

    @Test(.enabled(if: Tools.canGenerate, "skipped: needs python3 and ../shared/tools/wxrgen.py"),
          .enabled(if: Tools.hugo != nil || Tools.isCI, "skipped: hugo is not installed"))
    func generatedExportBuildsWithHugo() throws {
        try checkGeneratedExport(.hugo, seed: 5)
    }

    @Test(.enabled(if: Tools.canGenerate, "skipped: needs python3 and ../shared/tools/wxrgen.py"),
          .enabled(if: Tools.jekyll != nil || Tools.isCI, "skipped: jekyll is not installed"))
    func generatedExportBuildsWithJekyll() throws {
        try checkGeneratedExport(.jekyll, seed: 6)
    }

    /// Converts a fresh 2,000-post export with one thread and with four, compares the folders byte for byte,
    /// then builds one and checks it.
    private func checkGeneratedExport(_ generator: Generator, seed: Int) throws {
        let tool = try #require(generator.tool, "\(generator.rawValue) is not installed")
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let export = directory.appendingPathComponent("site.xml").path
        let manifestPath = directory.appendingPathComponent("site.json").path
        let generated = try run("/usr/bin/env", ["python3", Tools.wxrgen.path, "--posts", "2000", "--seed", "\(seed)",
                                                 "--output", export, "--manifest", manifestPath])
        try #require(generated.status == 0, "wxrgen: \(generated.stderr)")

        let contents = try ExportContents(reading: export)
        // The test's own reading of the export agrees with what the generator says it wrote.
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: manifestPath))) as? [String: Any])
        let counts = try #require(manifest["counts"] as? [String: Int])
        for type in ["post", "page", "portfolio", "attachment"] {
            #expect(contents.items.filter { $0.type == type }.count == counts["type:\(type)"], "items of type \(type)")
        }
        #expect(contents.items.filter { $0.status == "publish" }.count == counts["status:publish"])
        #expect(contents.published.count > 1_000 && contents.published.contains { $0.type == "page" })

        let single = directory.appendingPathComponent("single")
        let parallel = directory.appendingPathComponent("parallel")
        for (folder, jobs) in [(single, "1"), (parallel, "4")] {
            let converted = try convert(export, to: folder, generator, extra: ["--jobs", jobs])
            try #require(converted.status == 0, "wxr --jobs \(jobs): \(converted.stderr)")
        }
        expectNone(try Self.differences(between: single, and: parallel), "--jobs 1 and --jobs 4 differ")

        let site = try SiteFolder(reading: parallel, generator: generator)
        checkFolder(site, contents: contents)
        try build(parallel, with: generator, tool: tool)
        try checkBuilt(site, contents: contents)
    }

    // MARK: The sample

    @Test(.enabled(if: Tools.hugo != nil || Tools.isCI, "skipped: hugo is not installed"))
    func sampleBuildsWithHugo() throws {
        try checkExport(CLITests.sample, generator: .hugo, published: 6, then: expectNoMenu)
    }

    @Test(.enabled(if: Tools.jekyll != nil || Tools.isCI, "skipped: jekyll is not installed"))
    func sampleBuildsWithJekyll() throws {
        try checkExport(CLITests.sample, generator: .jekyll, published: 6, then: expectNoMenu)
    }

    /// The sample has no menu: the header keeps the site's title, linked to the home page, and no empty nav.
    private func expectNoMenu(in built: URL) throws {
        let header = try Self.header(of: String(contentsOf: built.appendingPathComponent("index.html"), encoding: .utf8))
        #expect(header.contains(#"<p class="site-title"><a href="/">"#) && !header.contains("<nav"), "\(header)")
    }

    // MARK: Pagination and the header's menu

    @Test(.enabled(if: Tools.hugo != nil || Tools.isCI, "skipped: hugo is not installed"))
    func longListsArePagedAndTheHeaderHasTheMenuWithHugo() throws {
        try checkPaginatedExport(.hugo)
    }

    @Test(.enabled(if: Tools.jekyll != nil || Tools.isCI, "skipped: jekyll is not installed"))
    func longListsArePagedAndTheHeaderHasTheMenuWithJekyll() throws {
        try checkPaginatedExport(.jekyll)
    }

    /// 25 posts under the base path `/blog/`: catches lists that show every post on one page, pages that skip
    /// or repeat a post, page links that leave the base path, and a header without the export's primary menu
    /// (or with the footer menu, which sorts first).
    private func checkPaginatedExport(_ generator: Generator) throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let export = directory.appendingPathComponent("paged.xml")
        try Data(PaginatedSiteFixture.export.utf8).write(to: export)
        // The new site lives under /blog/, as the old one did: its address says so.
        try checkExport(export.path, generator: generator, published: PaginatedSiteFixture.published,
                        extra: ["--site-url", "https://example.org" + PaginatedSiteFixture.basePath]) { built in
            func page(_ path: String) throws -> String {
                try String(contentsOf: built.appendingPathComponent(path).appendingPathComponent("index.html"), encoding: .utf8)
            }
            let posts = PaginatedSiteFixture.postLinks(generator), perPage = PaginatedSiteFixture.postsPerPage
            let base = PaginatedSiteFixture.basePath
            // Hugo pages sections and terms too; jekyll-paginate the home page alone.
            for list in generator == .hugo ? ["", "posts/", "categories/news/"] : [""] {
                let first = try page(list), second = try page(list + "page/2/")
                #expect(posts.filter { first.contains("href=\"\($0)\"") } == Array(posts.prefix(perPage)), "/\(list): the newest first")
                #expect(posts.filter { second.contains("href=\"\($0)\"") } == Array(posts.dropFirst(perPage)),
                        "/\(list)page/2/: the rest, and only them")
                #expect(first.contains(#"<a href="\#(base)\#(list)page/2/" rel="next">"#), "/\(list) links to its page 2")
                #expect(second.contains(#"<a href="\#(base)\#(list)" rel="prev">"#) && !second.contains(#"rel="next""#),
                        "/\(list)page/2/ links back to page 1 and no further")
                #expect(!FileManager.default.fileExists(atPath: built.appendingPathComponent(list + "page/3").path))
            }
            let menu = PaginatedSiteFixture.menuLinks(generator).flatMap { [#"<a href="\#($0.url)""#, ">\($0.title)</a>"] }
            for path in ["", "page/2/", "about/", "contact/"] {
                let header = try Self.header(of: page(path))
                var rest = header.startIndex
                for piece in [#"<nav aria-label="Primary Menu">"#] + menu {
                    guard let found = header.range(of: piece, range: rest..<header.endIndex) else {
                        Issue.record("/\(path): \(piece) missing or out of order in \(header)")
                        break
                    }
                    rest = found.upperBound
                }
                #expect(header.components(separatedBy: "<ul>").count == 3, "/\(path): Team in a list of its own, below About")
                #expect(!header.contains("Footer"), "/\(path): the primary menu, not the footer menu, though footer sorts first")
            }
            #expect(try page("about/").contains(#"<a href="\#(base)about/" aria-current="page">About</a>"#))
        }
    }

    // MARK: The corpus

    @Test(.enabled(if: !Tools.corpusFiles.isEmpty, "skipped: ../shared/corpus is not here"),
          .enabled(if: Tools.hugo != nil || Tools.isCI, "skipped: hugo is not installed"),
          arguments: Tools.corpusFiles)
    func corpusExportBuildsWithHugo(file: String) throws {
        try checkExport(Tools.corpus.appendingPathComponent(file).path, generator: .hugo)
    }

    @Test(.enabled(if: !Tools.corpusFiles.isEmpty, "skipped: ../shared/corpus is not here"),
          .enabled(if: Tools.jekyll != nil || Tools.isCI, "skipped: jekyll is not installed"),
          arguments: Tools.corpusFiles)
    func corpusExportBuildsWithJekyll(file: String) throws {
        try checkExport(Tools.corpus.appendingPathComponent(file).path, generator: .jekyll)
    }

    /// Converts, builds and checks one export, then hands the built folder to `inspect`; an export wxr refuses
    /// as unreadable (exit 2) is skipped.
    private func checkExport(_ export: String, generator: Generator, published: Int? = nil, extra: [String] = [],
                             then inspect: ((URL) throws -> Void)? = nil) throws {
        let tool = try #require(generator.tool, "\(generator.rawValue) is not installed")
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let folder = directory.appendingPathComponent("site")
        let converted = try convert(export, to: folder, generator, extra: extra)
        if converted.status == 2 {
            print("note: \(URL(fileURLWithPath: export).lastPathComponent) skipped: wxr refuses it as unreadable")
            return
        }
        // 1: findings with errors, the site written with every intact item.
        try #require(converted.status == 0 || converted.status == 1, "wxr exited \(converted.status): \(converted.stderr)")
        let contents = try ExportContents(reading: export)
        if let published { #expect(contents.published.count == published, "the test's reading of the export") }
        let site = try SiteFolder(reading: folder, generator: generator)
        checkFolder(site, contents: contents)
        try build(folder, with: generator, tool: tool)
        try checkBuilt(site, contents: contents, siteURL: extra.firstIndex(of: "--site-url").map { extra[$0 + 1] })
        try inspect?(folder.appendingPathComponent(generator.buildFolder))
    }

    // MARK: Running wxr and the generators

    private func convert(_ export: String, to folder: URL, _ generator: Generator, extra: [String] = []) throws
        -> (status: Int32, stdout: String, stderr: String) {
        try run(CLITests.binary, ["convert", export, "--to", "markdown", "--flavor", generator.rawValue,
                                  "--output", folder.path, "-q"] + extra)
    }

    /// Builds the folder in place (`public/` or `_site/`); the build must end well and say nothing alarming.
    private func build(_ folder: URL, with generator: Generator, tool: String) throws {
        let result: (status: Int32, stdout: String, stderr: String)
        let alarms: [String]
        switch generator {
        case .hugo:
            result = try run(tool, ["--source", folder.path, "--quiet", "--printPathWarnings"])
            alarms = ["ERROR", "WARN", "Error:"]
        case .jekyll:
            result = try run(tool, ["build", "--source", folder.path, "--destination", folder.appendingPathComponent("_site").path,
                                    "--disable-disk-cache"])
            alarms = ["Error", "Warning", "Conflict"]
        }
        let output = String(decoding: (result.stdout + result.stderr).utf8.prefix(3_000), as: UTF8.self)
        let isBuilt = result.status == 0
        try #require(isBuilt, "\(generator.rawValue) failed (exit \(result.status)): \(output)")
        let said = alarms.filter { (result.stdout + result.stderr).contains($0) }
        #expect(said.isEmpty, "\(generator.rawValue) warned: \(output)")
    }

    // MARK: The checks

    /// What the folder must satisfy before it is built: YAML that reads back, and a file for every item kept.
    private func checkFolder(_ site: SiteFolder, contents: ExportContents) {
        expectNone(site.yamlProblems, "YAML that does not read back")
        expectNone(frontMatterProblems(site, contents: contents), "front matter")
        expectNone(itemFileProblems(site, contents: contents), "item files")
    }

    /// What the built site must satisfy: a page for every published item and none for drafts, redirects that
    /// cover every old URL and lead somewhere.
    private func checkBuilt(_ site: SiteFolder, contents: ExportContents, siteURL: String? = nil) throws {
        let built = try BuiltSite(reading: site.root.appendingPathComponent(site.generator.buildFolder))
        expectNone(pageProblems(site, built: built, contents: contents), "built pages")
        expectNone(extraPages(site, built: built), "pages for no published item or term (drafts?)")
        expectNone(try redirectProblems(site, built: built, contents: contents, siteURL: siteURL), "redirect map")
        expectNone(aliasProblems(site, built: built), "redirect pages")
    }

    /// One expectation for a list of problems, which it shows (the first 25) rather than the expression.
    private func expectNone(_ problems: [String], _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let isClean = problems.isEmpty
        #expect(isClean, "\(what): \(Self.listed(problems))", sourceLocation: sourceLocation)
    }

    /// Every front matter block is a mapping with a title; items have a date and the wp_id of an export item,
    /// term pages the wp_term_id of an export term when they have one. (An item with no title, or no date, in
    /// the export may go without.)
    private func frontMatterProblems(_ site: SiteFolder, contents: ExportContents) -> [String] {
        var problems: [String] = []
        for file in site.files {
            guard let front = file.frontMatter else { continue }
            let items = file.wpID.flatMap { contents.itemsByID[$0] } ?? []
            let mayGoUntitled = !file.isTermPage && (file.wpID == nil || items.contains { !$0.hasTitle })
            if !(front["title"] is String) && !(front["title"] == nil && mayGoUntitled) {
                problems.append("\(file.path): title is \(front["title"].map { "\(type(of: $0))" } ?? "missing"), not a string")
            }
            if file.isTermPage {
                if let id = front["wp_term_id"], !((id as? Int).map(contents.termIDs.contains) ?? false) {
                    problems.append("\(file.path): wp_term_id \(id) is no term of the export")
                }
                continue
            }
            let mayGoUndated = file.wpID == nil || items.contains { !$0.hasDate }
            if !(front["date"] is Date) && !(front["date"] == nil && mayGoUndated) {
                problems.append("\(file.path): date is \(front["date"].map { "\($0)" } ?? "missing"), not a date")
            }
            if let id = front["wp_id"] {
                if !((id as? Int).map { contents.contentIDs.contains($0) } ?? false) {
                    problems.append("\(file.path): wp_id \(id) is no post, page or custom item of the export")
                }
            } else if !contents.items.contains(where: { $0.id == nil && $0.isWritten }) {
                problems.append("\(file.path): no wp_id")
            }
        }
        return problems
    }

    /// Published items have one published file each; drafts, draft files; protected and trashed items none.
    private func itemFileProblems(_ site: SiteFolder, contents: ExportContents) -> [String] {
        var problems: [String] = []
        var published: [Int?: Int] = [:], drafts: [Int?: Int] = [:]
        for item in contents.items where item.isContent {
            if item.isPublished { published[item.id, default: 0] += 1 } else if item.isWritten { drafts[item.id, default: 0] += 1 }
        }
        var publishedFiles: [Int?: Int] = [:], draftFiles: [Int?: Int] = [:]
        for file in site.files where !file.isTermPage && file.frontMatter != nil {
            if file.isDraft { draftFiles[file.wpID, default: 0] += 1 } else { publishedFiles[file.wpID, default: 0] += 1 }
        }
        for id in Set(published.keys).union(publishedFiles.keys).sorted(by: Self.byID) where published[id] != publishedFiles[id] {
            problems.append("wp_id \(Self.name(id)): \(published[id] ?? 0) published in the export, \(publishedFiles[id] ?? 0) published files")
        }
        for id in Set(drafts.keys).union(draftFiles.keys).sorted(by: Self.byID) where drafts[id] != draftFiles[id] {
            problems.append("wp_id \(Self.name(id)): \(drafts[id] ?? 0) drafts in the export, \(draftFiles[id] ?? 0) draft files")
        }
        return problems
    }

    /// Every published item's page is built at its new URL, and is a page, not a redirect.
    private func pageProblems(_ site: SiteFolder, built: BuiltSite, contents: ExportContents) -> [String] {
        var problems: [String] = []
        for file in site.files where !file.isDraft && file.frontMatter != nil {
            guard let url = file.url else {
                problems.append("\(file.path): no URL")
                continue
            }
            switch built.page(at: url) {
            case .page: break
            case .redirect: problems.append("\(url) (\(file.path)) is a redirect, not the page")
            case nil: problems.append("\(url) (\(file.path)) was not built")
            }
        }
        return problems
    }

    /// Pages the generator built that are no published item, term, section list, home or 404 page, nor a
    /// later page of a paginated list: a draft that leaked, or a term page made twice under another name.
    private func extraPages(_ site: SiteFolder, built: BuiltSite) -> [String] {
        var expected: Set<String> = ["/", "/404.html"]
        for file in site.files where !file.isDraft { if let url = file.url { expected.insert(url) } }
        // Hugo lists each section and taxonomy (content's top-level folders) on a page of its own.
        if site.generator == .hugo { for section in site.hugoSections { expected.insert("/\(section)/") } }
        // Hugo pages the home page, sections and terms; jekyll-paginate the home page alone.
        let paginated: Set<String> = site.generator == .hugo ? expected.filter { $0.hasSuffix("/") } : ["/"]
        return built.pages.filter { !$0.value && !expected.contains($0.key) && !Self.isLaterPage($0.key, of: paginated) }
            .map(\.key).sorted()
    }

    /// Whether `url` is `<list>page/<n>/` with n from 2, `<list>` one of `lists`: where both starters put the
    /// pages after the first.
    static func isLaterPage(_ url: String, of lists: Set<String>) -> Bool {
        guard url.hasSuffix("/"), let marker = url.range(of: "page/", options: .backwards) else { return false }
        let number = String(url[marker.upperBound...].dropLast())
        return lists.contains(String(url[..<marker.lowerBound])) && Int(number).map { $0 >= 2 && String($0) == number } == true
    }

    /// wxr/redirects.csv covers every published item's old link and `/?p=ID`, and leads to built pages.
    /// With a `siteURL`, the maps' targets are URLs under it; they are compared as paths of the built site.
    private func redirectProblems(_ site: SiteFolder, built: BuiltSite, contents: ExportContents, siteURL: String?) throws -> [String] {
        var problems: [String] = []
        let rows = try Self.csvRows(site.root.appendingPathComponent("wxr/redirects.csv"))
        guard rows.first == ["from", "to"] else { return ["wxr/redirects.csv: the header is \(rows.first ?? []), not from,to"] }
        var map: [String: String] = [:]
        for row in rows.dropFirst() {
            guard row.count == 2 else {
                problems.append("a row of \(row.count) fields: \(row)")
                continue
            }
            if map[row[0]] != nil { problems.append("\(row[0]) is redirected twice") }
            var target = row[1]
            if let siteURL {
                guard target.hasPrefix(siteURL) else {
                    problems.append("\(row[0]) goes to \(target), outside the new site \(siteURL)")
                    continue
                }
                target = "/" + target.dropFirst(siteURL.count)
            }
            map[row[0]] = map[row[0]] ?? target
        }
        let media = try Set(Self.csvRows(site.root.appendingPathComponent("wxr/media.csv")).dropFirst().compactMap { $0.count == 3 ? $0[2] : nil })

        // Each old URL goes where the first published item that had it went. Items are told apart by wp_id: when
        // the export repeats an id, any of its items' URLs will do.
        var urlsByID: [Int: Set<String>] = [:]
        for file in site.files where !file.isDraft && !file.isTermPage {
            if let id = file.wpID, let url = file.url { urlsByID[id, default: []].insert(url) }
        }
        var expected: [(from: String, to: Set<String>)] = []
        var claimed: Set<String> = []
        for item in contents.published {
            guard let id = item.id, let urls = urlsByID[id] else { continue }
            var froms = ["/?p=\(id)"]
            if let link = item.link, let old = Self.decodedPathAndQuery(of: link), !urls.contains(old) {
                // Left out only where Hugo lists a section or taxonomy at that path.
                let list = old.split(separator: "/").count == 1 ? String(old.split(separator: "/")[0]) : nil
                let isShadowed = site.shadowedIDs.contains(id) && list.map(site.hugoSections.contains) == true
                if !isShadowed { froms.append(old) }
            }
            for from in froms where claimed.insert(from).inserted { expected.append((from, urls)) }
        }
        // Under a base path (`/blog`), an old URL that is already the new one needs no redirect: it would loop.
        let basePath = siteURL.flatMap { URLComponents(string: $0)?.path }.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 } ?? ""
        for (from, urls) in expected where !urls.contains(where: { basePath + $0 == from }) {
            guard let found = map[from] else {
                problems.append("no redirect from \(from) (to \(urls.sorted().joined(separator: " or ")))")
                continue
            }
            if !urls.contains(found) { problems.append("\(from) goes to \(found), not \(urls.sorted().joined(separator: " or "))") }
        }
        for (from, to) in map.sorted(by: { $0.key < $1.key }) where !media.contains(to) && !to.contains("/wp-content/uploads/") {
            switch built.page(at: to) {
            case .page: break
            case .redirect: problems.append("\(from) goes to \(to), itself a redirect")
            case nil: problems.append("\(from) goes to \(to), which was not built")
            }
        }
        return problems
    }

    /// Hugo's `aliases` and Jekyll's `redirect_from` each give a redirect page at the old path.
    private func aliasProblems(_ site: SiteFolder, built: BuiltSite) -> [String] {
        var problems: [String] = []
        let key = site.generator == .hugo ? "aliases" : "redirect_from"
        for file in site.files where !file.isDraft {
            guard let aliases = file.frontMatter?[key] else { continue }
            guard let paths = aliases as? [String] else {
                problems.append("\(file.path): \(key) is not a list of strings")
                continue
            }
            // `/about` for the page at `/about/`: the server's own redirect, whatever the generator makes of it.
            for path in paths where path + "/" != file.url && built.page(at: path) != .redirect {
                problems.append("\(file.path): no redirect page at \(path)")
            }
        }
        return problems
    }

    // MARK: Helpers

    /// A built page's site header, `<header class="site">` to its end; empty when there is none.
    static func header(of html: String) -> String {
        guard let start = html.range(of: #"<header class="site">"#),
              let end = html.range(of: "</header>", range: start.upperBound..<html.endIndex) else { return "" }
        return String(html[start.lowerBound..<end.upperBound])
    }

    /// A problem list for a message: the first 25, and how many more.
    static func listed(_ problems: [String]) -> String {
        let shown = problems.prefix(25).map { "\n  " + $0 }.joined()
        return "\(problems.count)\(shown)" + (problems.count > 25 ? "\n  … and \(problems.count - 25) more" : "")
    }

    private static func name(_ id: Int?) -> String { id.map(String.init) ?? "(none)" }
    private static func byID(_ a: Int?, _ b: Int?) -> Bool { (a ?? -1) < (b ?? -1) }

    /// `https://host//caf%C3%A9/?p=1#x` as `/café/?p=1`: the path percent-decoded and its slashes single, as
    /// servers match it.
    static func decodedPathAndQuery(of link: String) -> String? {
        var rest = Substring(link.trimmingCharacters(in: .whitespacesAndNewlines))
        if let scheme = rest.range(of: "://") {
            rest = rest[scheme.upperBound...]
            rest = rest.firstIndex(where: { $0 == "/" || $0 == "?" }).map { rest[$0...] } ?? "/"
        }
        if let fragment = rest.firstIndex(of: "#") { rest = rest[..<fragment] }
        guard rest.hasPrefix("/") || rest.hasPrefix("?") else { return nil }
        if rest.hasPrefix("?") { rest = "/" + rest }
        let mark = rest.firstIndex(of: "?") ?? rest.endIndex
        var path = String(rest[..<mark])
        while path.contains("//") { path = path.replacingOccurrences(of: "//", with: "/") }
        return (path.removingPercentEncoding ?? path) + rest[mark...]
    }

    /// Every regular file under two folders, compared by relative path and bytes.
    static func differences(between first: URL, and second: URL) throws -> [String] {
        let a = try files(under: first), b = try files(under: second)
        var differences = Set(a.keys).symmetricDifference(b.keys).map { "only in one: \($0)" }
        for (path, url) in a.sorted(by: { $0.key < $1.key }) {
            guard let other = b[path] else { continue }
            if try Data(contentsOf: url) != Data(contentsOf: other) { differences.append("differs: \(path)") }
        }
        if !a.keys.contains(".wxr-manifest.json") { differences.append("no .wxr-manifest.json") }
        return differences.sorted()
    }

    /// Relative path to URL of every regular file under `root`, hidden ones included.
    static func files(under root: URL) throws -> [String: URL] {
        var found: [String: URL] = [:]
        let base = root.standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [:] }
        for case let url as URL in enumerator {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            let path = url.standardizedFileURL.path
            found[String(path.dropFirst(base.count + 1))] = url
        }
        return found
    }

    /// RFC 4180 CSV: quoted fields may hold commas, quotes (doubled) and line breaks.
    static func csvRows(_ url: URL) throws -> [[String]] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var characters = text.makeIterator()
        var pending: Character? = nil
        while let character = pending ?? characters.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    let next = characters.next()
                    if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                } else {
                    field.append(character)
                }
            } else if character == "\"" && field.isEmpty {
                quoted = true
            } else if character == "," {
                row.append(field)
                field = ""
            } else if character == "\n" || character == "\r\n" {
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                field.append(character)
            }
        }
        if !field.isEmpty || !row.isEmpty { rows.append(row + [field]) }
        return rows
    }
}

// MARK: - What the tests read

extension SiteBuildTests {
    /// The site generators and the flavors laid out for them.
    enum Generator: String, Sendable {
        case hugo, jekyll

        var tool: String? { self == .hugo ? Tools.hugo : Tools.jekyll }
        var buildFolder: String { self == .hugo ? "public" : "_site" }
    }

    /// The tools and inputs the tests need besides the binary.
    enum Tools {
        static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] != nil }
        static let hugo = find("hugo")
        static let jekyll = find("jekyll")
        static let shared = CLITests.root.deletingLastPathComponent().appendingPathComponent("shared")
        static let wxrgen = shared.appendingPathComponent("tools/wxrgen.py")
        static let corpus = shared.appendingPathComponent("corpus")
        static var canGenerate: Bool { find("python3") != nil && FileManager.default.fileExists(atPath: wxrgen.path) }

        /// The corpus's exports, by path under `corpus/`.
        static let corpusFiles: [String] = (FileManager.default.enumerator(atPath: corpus.path)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".xml") }.sorted()

        private static func find(_ name: String) -> String? {
            let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
            return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        }
    }

    /// One `<item>` of the export, as far as the site is concerned.
    struct ExportedItem {
        var id: Int?
        var type: String
        var status: String
        var hasPassword: Bool
        var link: String?
        var hasTitle: Bool
        var hasDate: Bool

        /// WordPress's own machinery, media and menus: never a page of their own.
        static let internalTypes: Set<String> = [
            "attachment", "nav_menu_item", "revision", "wp_block", "custom_css", "customize_changeset", "oembed_cache",
            "wp_global_styles", "wp_template", "wp_template_part", "wp_navigation", "wp_font_family", "wp_font_face",
            "user_request",
        ]

        var isContent: Bool { !Self.internalTypes.contains(type) }
        var isPublished: Bool { isContent && status == "publish" && !hasPassword }
        /// Published, or a draft the site keeps as one (`--drafts include`, the default).
        var isWritten: Bool { isContent && !hasPassword && !["trash", "auto-draft", "inherit"].contains(status) }
    }

    /// The export as the test reads it with WXRReader, independently of the exporter.
    struct ExportContents {
        var items: [ExportedItem] = []
        var termIDs: Set<Int> = []

        var itemsByID: [Int: [ExportedItem]] = [:]
        var contentIDs: Set<Int> = []

        var published: [ExportedItem] { items.filter(\.isPublished) }

        init(reading path: String) throws {
            let reader = try WXRReader(path: path)
            while let entity = try reader.next() {
                switch entity {
                case .term(let term): if let id = term.id { termIDs.insert(id) }
                case .post(let post):
                    items.append(ExportedItem(
                        id: post.id, type: post.type ?? "post", status: post.status ?? "publish",
                        hasPassword: !(post.password ?? "").isEmpty, link: post.link,
                        hasTitle: !(post.title ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
                        hasDate: post.date != nil || post.dateGMT != nil))
                case .site, .author: break
                }
            }
            itemsByID = Dictionary(grouping: items.filter { $0.id != nil }, by: { $0.id! })
            contentIDs = Set(items.filter(\.isContent).compactMap(\.id))
        }
    }

    /// One Markdown file of the site: its front matter and the URL the generator gives it.
    struct ContentFile {
        var path: String
        var frontMatter: [String: Any]?
        var url: String?
        var isDraft: Bool
        var isTermPage: Bool

        var wpID: Int? { frontMatter?["wp_id"] as? Int }
    }

    /// An exported folder, read back: its Markdown files and whatever YAML did not parse.
    struct SiteFolder {
        var root: URL
        var generator: Generator
        var files: [ContentFile] = []
        var yamlProblems: [String] = []
        /// Hugo: content's top-level folders and the taxonomies, each listed on a page by Hugo.
        var hugoSections: Set<String> = []
        /// Items whose old link the report says is one of those lists, so not redirected.
        var shadowedIDs: Set<Int> = []

        init(reading root: URL, generator: Generator) throws {
            self.root = root
            self.generator = generator
            let all = try SiteBuildTests.files(under: root)
            let built = generator.buildFolder + "/"
            let taxonomies = generator == .hugo ? try Self.hugoTaxonomyKeys(root.appendingPathComponent("hugo.toml")) : []
            for (path, url) in all.sorted(by: { $0.key < $1.key }) where !path.hasPrefix(built) && !path.hasPrefix("resources/") {
                if path.hasSuffix(".yaml") || path.hasSuffix(".yml") {
                    checkDataFile(path, url: url)
                } else if path.hasSuffix(".md") {
                    if let file = try readContentFile(path, url: url, taxonomies: taxonomies) { files.append(file) }
                }
            }
            if generator == .hugo {
                let content = root.appendingPathComponent("content")
                let folders = (try? FileManager.default.contentsOfDirectory(atPath: content.path)) ?? []
                hugoSections = taxonomies.union(folders.filter {
                    !FileManager.default.fileExists(atPath: content.appendingPathComponent("\($0)/_index.md").path)
                        && !FileManager.default.fileExists(atPath: content.appendingPathComponent("\($0)/index.md").path)
                })
            }
            let report = root.deletingLastPathComponent().appendingPathComponent(root.lastPathComponent + ".report.json")
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any]
            for finding in json?["findings"] as? [[String: Any]] ?? [] where finding["code"] as? String == "site.redirect-shadowed" {
                if let id = finding["post_id"] as? Int { shadowedIDs.insert(id) }
            }
        }

        /// Comments are a list, menus and configuration a mapping; all of it YAML.
        private mutating func checkDataFile(_ path: String, url: URL) {
            do {
                let value = try Yams.load(yaml: String(contentsOf: url, encoding: .utf8))
                let isComments = path.hasSuffix("comments.yaml") || path.hasPrefix("_data/comments/")
                if isComments ? !(value is [Any]) : !(value is [String: Any]) {
                    yamlProblems.append("\(path): a \(isComments ? "list" : "mapping") expected")
                }
            } catch {
                yamlProblems.append("\(path): \(SiteBuildTests.describe(error))")
            }
        }

        private mutating func readContentFile(_ path: String, url: URL, taxonomies: Set<String>) throws -> ContentFile? {
            let text = try String(contentsOf: url, encoding: .utf8)
            let segments = path.split(separator: "/").map(String.init)
            var file = ContentFile(path: path, frontMatter: nil, url: nil, isDraft: false, isTermPage: false)
            guard text.hasPrefix("---\n"), let end = text.range(of: "\n---\n", range: text.index(text.startIndex, offsetBy: 3)..<text.endIndex)
                    ?? (text.hasPrefix("---\n---\n") ? text.range(of: "---\n---\n") : nil) else {
                yamlProblems.append("\(path): no front matter")
                return nil
            }
            let yaml = String(text[text.index(text.startIndex, offsetBy: 4)..<end.lowerBound])
            do {
                guard let front = try Yams.load(yaml: yaml) as? [String: Any] else {
                    yamlProblems.append("\(path): front matter is not a mapping")
                    return nil
                }
                file.frontMatter = front
            } catch {
                yamlProblems.append("\(path): \(SiteBuildTests.describe(error))")
                return nil
            }
            let front = file.frontMatter!
            let folder = segments.dropLast().joined(separator: "/")
            switch generator {
            case .hugo:
                guard segments.first == "content", segments.count >= 3 else { return nil }
                file.url = "/" + segments.dropFirst().dropLast().joined(separator: "/") + "/"
                // A draft section with published pages below it is kept out by build options rather than `draft`.
                let isHidden = (front["_build"] as? [String: Any])?["render"] as? String == "never"
                file.isDraft = front["draft"] as? Bool == true || isHidden
                file.isTermPage = segments.count == 4 && segments.last == "_index.md" && taxonomies.contains(segments[1])
            case .jekyll:
                let name = String(segments.last!.dropLast(3))
                if segments.first == "_drafts" {
                    file.isDraft = true
                } else if segments.first == "_posts" {
                    file.url = front["permalink"] as? String
                } else if let first = segments.first, first.hasPrefix("_"), segments.count == 2 {
                    file.url = front["permalink"] as? String ?? "/\(first.dropFirst())/\(name)/"
                } else if segments.last == "index.md" {
                    file.url = folder.isEmpty ? "/" : "/\(folder)/"
                } else {
                    return nil
                }
                file.isDraft = file.isDraft || front["published"] as? Bool == false
                file.isTermPage = front["layout"] as? String == "term"
            }
            return file
        }

        /// The plural names under `[taxonomies]` in hugo.toml: `"tag" = "tags"`.
        private static func hugoTaxonomyKeys(_ url: URL) throws -> Set<String> {
            var keys: Set<String> = []
            var inTaxonomies = false
            for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
                if line.hasPrefix("[") { inTaxonomies = line == "[taxonomies]"; continue }
                guard inTaxonomies, let equals = line.firstIndex(of: "=") else { continue }
                keys.insert(line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
            }
            return keys
        }
    }

    /// Where a Yams error is, without the text around it (which may be a commenter's).
    static func describe(_ error: any Error) -> String {
        guard let yaml = error as? YamlError else { return "\(type(of: error))" }
        switch yaml {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
            return "\(problem) at line \(mark.line), column \(mark.column)"
        default:
            return "a YAML error"
        }
    }

    /// The HTML files of a built site by URL, and whether each is a redirect page.
    struct BuiltSite {
        enum Page { case page, redirect }

        /// `/posts/name/` for `posts/name/index.html`, `/404.html` for `404.html`; true for a redirect.
        var pages: [String: Bool] = [:]

        init(reading root: URL) throws {
            for (path, url) in try SiteBuildTests.files(under: root) where path.hasSuffix(".html") {
                let key = path == "index.html" ? "/" : path.hasSuffix("/index.html") ? "/" + path.dropLast("index.html".count) : "/" + path
                // A redirect page is short; a page may quote one.
                let bytes = try Data(contentsOf: url)
                pages[key] = bytes.count < 4_096 && String(decoding: bytes, as: UTF8.self).contains("http-equiv=\"refresh\"")
            }
        }

        /// What is at `url`: `/a/` is `a/index.html`; `/a` is that or `a.html` (Jekyll's redirect pages).
        func page(at url: String) -> Page? {
            var path = url.removingPercentEncoding ?? url
            if let mark = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = String(path[..<mark]) }
            let candidates = path.hasSuffix("/") || path.hasSuffix(".html") ? [path] : [path + "/", path + ".html"]
            return candidates.lazy.compactMap { pages[$0] }.first.map { $0 ? .redirect : .page }
        }
    }
}
