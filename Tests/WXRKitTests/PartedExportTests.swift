import Foundation
import GRDB
import Testing
@testable import WXRKit

/// A site exported in parts, read as one export: header entities once and first, items in part order, repeated
/// items kept once and reported, parts of other sites refused, findings naming their part.
@Suite struct PartedExportTests {
    // MARK: Parts of our own

    static func part(site: String = "https://left.example.org", authors: [String] = ["niamh"],
                     terms: [String] = ["news"], items: String) -> [UInt8] {
        let channel = """
            <link>\(site)</link>
            <wp:wxr_version>1.2</wp:wxr_version>
            <wp:base_site_url>\(site)</wp:base_site_url>
            <wp:base_blog_url>\(site)</wp:base_blog_url>

            """
            + authors.map { "<wp:author><wp:author_login>\($0)</wp:author_login></wp:author>\n" }.joined()
            + terms.map { "<wp:category><wp:category_nicename>\($0)</wp:category_nicename><wp:cat_name>\($0)</wp:cat_name></wp:category>\n" }.joined()
        return RecoveryTests.export(items, channel: channel)
    }

    static func item(_ id: Int, title: String = "A title", type: String = "post", parent: Int = 0, extra: String = "") -> String {
        ValidationTests.item(id, type: type, title: title, parent: parent, extra: extra)
    }

    static func parted(_ parts: [(name: String, bytes: [UInt8])], allowsMixedSites: Bool = false) -> PartedExport {
        PartedExport(parts: parts.map { part in .init(name: part.name) { try WXRReader(bytes: part.bytes, name: part.name) } },
                     allowsMixedSites: allowsMixedSites)
    }

    /// Everything the export yields, in order, as `site`, `author:LOGIN`, `term:SLUG`, `post:ID:TITLE`.
    static func entities(of export: PartedExport) throws -> [String] {
        var names: [String] = []
        while let entity = try export.next() {
            switch entity {
            case .site: names.append("site")
            case .author(let author): names.append("author:\(author.login ?? "")")
            case .term(let term): names.append("term:\(term.slug ?? "")")
            case .post(let post): names.append("post:\(post.id ?? 0):\(post.title ?? "")")
            }
        }
        return names
    }

    // MARK: Authors, terms and items

    /// Would catch: authors or terms repeated once per part, or a later part's new author coming after the
    /// first part's terms (or after items, too late for a validator checking the authors of posts).
    @Test(arguments: [false, true])
    func headersComeFirstAndOnce(includeOnce: Bool) throws {
        let export = Self.parted([
            ("a.xml", Self.part(authors: ["niamh", "tomas"], terms: ["news", "sport"], items: Self.item(1) + Self.item(2))),
            ("b.xml", Self.part(authors: includeOnce ? [] : ["niamh", "tomas"], terms: includeOnce ? [] : ["news", "sport"],
                                items: Self.item(3))),
            ("c.xml", Self.part(authors: includeOnce ? [] : ["niamh", "aoife"], terms: includeOnce ? [] : ["sport", "arts"],
                                items: Self.item(4))),
        ])
        let expected = ["site", "author:niamh", "author:tomas"] + (includeOnce ? [] : ["author:aoife"])
            + ["term:news", "term:sport"] + (includeOnce ? [] : ["term:arts"])
            + ["post:1:A title", "post:2:A title", "post:3:A title", "post:4:A title"]
        #expect(try Self.entities(of: export) == expected)
        #expect(export.findings.isEmpty, "\(export.findings)")
        #expect(export.partName(ofItem: 3) == "b.xml")
    }

    /// Would catch: duplicates within one part's header dropped, which a whole export keeps (and the database
    /// reports), so that one part read as parts would differ from itself read alone.
    @Test func aPartsOwnDuplicateTermsAreKeptAsAWholeExportKeepsThem() throws {
        let export = Self.parted([("a.xml", Self.part(terms: ["news", "news"], items: Self.item(1))),
                                  ("b.xml", Self.part(terms: ["news"], items: Self.item(2)))])
        #expect(try Self.entities(of: export) == ["site", "author:niamh", "term:news", "term:news", "post:1:A title", "post:2:A title"])
    }

    /// Would catch: a part with nothing but its header (the end of an include_once split) read twice, or
    /// ending the stream.
    @Test func aPartWithoutItems() throws {
        let export = Self.parted([("a.xml", Self.part(items: Self.item(1))), ("b.xml", Self.part(authors: ["aoife"], items: "")),
                                  ("c.xml", Self.part(items: Self.item(2)))])
        #expect(try Self.entities(of: export) == ["site", "author:niamh", "author:aoife", "term:news", "post:1:A title", "post:2:A title"])
    }

    @Test(arguments: [true, false])
    func anItemInTwoPartsIsKeptOnceAndReported(identical: Bool) throws {
        let later = identical ? Self.item(2, title: "Two") : Self.item(2, title: "Two, edited")
        let export = Self.parted([("a.xml", Self.part(items: Self.item(1) + Self.item(2, title: "Two"))),
                                  ("b.xml", Self.part(items: Self.item(3) + later))])
        #expect(try Self.entities(of: export) == ["site", "author:niamh", "term:news", "post:1:A title", "post:2:Two", "post:3:A title"])
        let finding = try #require(export.findings.first { $0.code == .partDuplicateItem })
        #expect(finding.severity == (identical ? .info : .warning))
        #expect(finding.part == "b.xml")
        #expect(finding.entity == .post(id: 2))
        let firstLine = try #require(WXRReader(bytes: Self.part(items: Self.item(1) + Self.item(2, title: "Two")))
            .allPosts().first { $0.id == 2 }?.line)
        #expect(finding.message == "item 2 \(identical ? "is also at" : "differs from its copy at") line \(firstLine) of a.xml"
            + (identical ? ", identical" : ""))
        #expect(finding.action == "skipped: the first copy is kept")
        #expect(export.partName(ofItem: 2) == "a.xml")
    }

    /// Would catch: a whole export's two items with one id (which it keeps, and the validator reports) taken
    /// for a repeat across parts.
    @Test func twoItemsWithOneIDInOnePartAreBothKept() throws {
        let export = Self.parted([("a.xml", Self.part(items: Self.item(1) + Self.item(1, title: "Again"))),
                                  ("b.xml", Self.part(items: Self.item(2)))])
        #expect(try Self.entities(of: export).filter { $0.hasPrefix("post") } == ["post:1:A title", "post:1:Again", "post:2:A title"])
        #expect(export.findings.isEmpty)
    }

    // MARK: Sites

    @Test func partsOfAnotherSiteAreRefused() throws {
        let export = Self.parted([("a.xml", Self.part(items: Self.item(1))),
                                  ("b.xml", Self.part(site: "https://right.example.org/", items: Self.item(2)))])
        let error = #expect(throws: PartedExportError.self) { try export.next() }
        #expect(error == .mixedSites(part: "b.xml", element: "wp:base_site_url", value: "https://right.example.org/",
                                     firstPart: "a.xml", firstValue: "https://left.example.org"))
        #expect(error?.description == "b.xml is from another site than a.xml: its wp:base_site_url is "
            + "https://right.example.org/, not https://left.example.org")
    }

    @Test func partsOfAnotherSiteAreReadWhenAllowed() throws {
        let export = Self.parted([("a.xml", Self.part(items: Self.item(1))),
                                  ("b.xml", Self.part(site: "https://right.example.org/", items: Self.item(2)))],
                                 allowsMixedSites: true)
        #expect(try Self.entities(of: export).filter { $0.hasPrefix("post") } == ["post:1:A title", "post:2:A title"])
        let finding = try #require(export.findings.first)
        #expect(finding.code == .partOtherSite && finding.severity == .warning && finding.part == "b.xml")
    }

    @Test(arguments: [
        ("https://left.example.org", "http://www.left.example.org/", true),     // moved to https; www; slash
        ("https://LEFT.example.org/blog", "https://left.example.org/blog/", true),
        ("https://left.example.org", "https://right.example.org", false),
        ("https://left.example.org", "https://left.example.org/blog", false),  // two sites of one host
        ("https://left.example.org", "", true),                                 // an empty one says nothing
    ])
    func sitesCompareByTheirAddresses(first: String, second: String, isSame: Bool) {
        let site = Site(link: first, baseSiteURL: first), other = Site(link: second, baseSiteURL: second)
        #expect((site.addressDifference(from: other) == nil) == isSame)
    }

    // MARK: Errors and findings

    /// Would catch: the reader's error thrown without the part's name, which it does not give for damage.
    @Test func anUnreadablePartIsNamed() throws {
        let export = Self.parted([("a.xml", Self.part(items: Self.item(1))), ("b.xml", Array("<html><body>".utf8))])
        let error = #expect(throws: PartedExportError.self) { try export.next() }
        guard case .unreadablePart(let name, let readError)? = error, case .notWXR = readError else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(name == "b.xml")
        #expect(error?.description.hasPrefix("b.xml: not a WordPress export (line 1)") == true)
    }

    /// Would catch: a later part's findings reported on lines of the first, or the same header damage reported
    /// twice because the header is read twice.
    @Test func findingsNameTheirPartOnce() throws {
        let damaged = Self.part(items: Self.item(2, extra: "<wp:menu_order>x</wp:menu_order>"))
        let export = Self.parted([("a.xml", Self.part(items: Self.item(1))),
                                  ("b.xml", Array("\u{FEFF}".utf8) + damaged)])
        _ = try Self.entities(of: export)
        let alone = try WXRReader(bytes: Array("\u{FEFF}".utf8) + damaged, name: "b.xml")
        _ = try alone.allPosts()
        #expect(export.findings.map(\.code) == alone.findings.map(\.code))
        #expect(export.findings.map(\.line) == alone.findings.map(\.line))
        #expect(export.findings.allSatisfy { $0.part == "b.xml" })
    }

    /// Would catch: parents, attachments and featured images in another part reported missing, or the
    /// validator's own findings left without the part their line is in.
    @Test func referencesResolveAcrossPartsAndLaterFindingsAreLocated() throws {
        let thumbnail = "<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>3</wp:meta_value></wp:postmeta>"
        let export = Self.parted([
            ("a.xml", Self.part(items: Self.item(1, extra: thumbnail))),
            ("b.xml", Self.part(items: Self.item(3, type: "attachment", parent: 1) + Self.item(4, type: "page", parent: 1)
                + Self.item(5, title: ""))),
        ])
        let validating = ValidatingExporter(wrapping: ExporterRegistryTests.PostCounter(prefix: ""), inputName: "a.xml and 1 more part")
        try export.export(to: validating)
        var report = validating.report
        report.locateParts(in: export)
        let codes = Set(report.findings.findings.map(\.code))
        #expect(codes.isDisjoint(with: [.attachmentMissingParent, .postMissingParent, .postThumbnailMissing]), "\(codes)")
        let untitled = try #require(report.findings.findings.first { $0.code == .postEmptyTitle })
        #expect(untitled.part == "b.xml")
        #expect(report.items[5]?.part == "b.xml")
        #expect(report.text().contains("of b.xml, post 5: a published post without a title"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.json)) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings.first { $0["code"] as? String == "post.empty-title" }?["part"] as? String == "b.xml")
    }

    /// Would catch: a whole export's report gaining a `part` key.
    @Test func aWholeExportsReportHasNoPart() throws {
        let reader = try WXRReader(bytes: Self.part(items: Self.item(1, title: "")), name: "a.xml")
        let validating = ValidatingExporter(wrapping: ExporterRegistryTests.PostCounter(prefix: ""), inputName: "a.xml")
        try reader.export(to: validating)
        #expect(!validating.report.findings.findings.isEmpty)
        #expect(!String(decoding: validating.report.json, as: UTF8.self).contains("\"part\""))
    }

    @Test func itemHashesIgnoreWhereTheItemIs() {
        var ledger = ItemLedger()
        let post = Post(id: 7, title: "T", comments: [Comment(id: 1, content: "c", line: 12)], line: 10)
        var moved = post
        moved.line = 500
        moved.comments[0].line = 502
        var edited = moved
        edited.comments[0].content = "d"
        #expect(ledger.admit(post, part: 0) == .new)
        guard case .repeated(let first, let isIdentical) = ledger.admit(moved, part: 1) else {
            Issue.record("not a repeat")
            return
        }
        #expect(first.part == 0 && first.line == 10 && isIdentical)
        guard case .repeated(_, let isEditedIdentical) = ledger.admit(edited, part: 2) else {
            Issue.record("not a repeat")
            return
        }
        #expect(!isEditedIdentical)
        #expect(ledger.admit(post, part: 0) == .sameIDInPart)
    }

    // MARK: A generated export

    /// Would catch anything lost, doubled or reordered between the parts and the whole: every table of the
    /// database but `findings`, row by row, without the `line` columns (a part's lines are its own).
    @Test(.enabled(if: Externals.wxrgen != nil, "skipped: needs python3 and ../shared/tools/wxrgen.py"),
          arguments: [false, true])
    func generatedPartsMakeTheWholesDatabase(includeOnce: Bool) throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let whole = directory.appendingPathComponent("whole.xml").path
        try Externals.generate(["--posts", "300", "--seed", "16"], to: whole)
        let splitter = try ExportSplitter(text: String(contentsOfFile: whole, encoding: .utf8))
        let paths = try ExportSplitter.write(splitter.parts(4, includeOnce: includeOnce), named: "site", in: directory)
        let parted = PartedExport(parts: paths.map { path in .init(name: path) { try WXRReader(path: path) } })

        let wholeDatabase = directory.appendingPathComponent("whole.db").path
        let partsDatabase = directory.appendingPathComponent("parts.db").path
        let wholeSummary = try WXRReader(path: whole).export(to: SQLiteExporter(output: .file(path: wholeDatabase, replacing: false)))
        let partsSummary = try parted.export(to: SQLiteExporter(output: .file(path: partsDatabase, replacing: false)))
        #expect(partsSummary.posts == wholeSummary.posts && partsSummary.comments == wholeSummary.comments)
        #expect(partsSummary.authors == wholeSummary.authors && partsSummary.terms == wholeSummary.terms)
        let wholeTables = try Self.tables(of: wholeDatabase), partsTables = try Self.tables(of: partsDatabase)
        #expect(wholeTables.keys.sorted() == partsTables.keys.sorted())
        #expect(wholeTables["posts"]?.count == wholeSummary.posts)
        for (table, rows) in wholeTables {
            #expect(partsTables[table] == rows, "table \(table) differs")
        }
    }

    /// Every table's rows, in rowid order, without `line` columns; the findings and FTS shadow tables aside.
    static func tables(of path: String) throws -> [String: [[DatabaseValue]]] {
        try DatabaseQueue(path: path).read { db in
            var tables: [String: [[DatabaseValue]]] = [:]
            let names = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                AND name NOT LIKE 'posts_fts_%' AND name != 'findings'
                """)
            for name in names {
                let columns = try db.columns(in: name).map(\.name).filter { $0 != "line" }
                let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
                // `site` is WITHOUT ROWID: its key orders it.
                let order = name == "site" ? "key" : "rowid"
                tables[name] = try Row.fetchAll(db, sql: "SELECT \(list) FROM \"\(name)\" ORDER BY \(order)").map { Array($0.databaseValues) }
            }
            return tables
        }
    }
}

extension WXRReader {
    /// Every item, the rest skipped.
    func allPosts() throws -> [Post] {
        var posts: [Post] = []
        while let entity = try next() { if case .post(let post) = entity { posts.append(post) } }
        return posts
    }
}
