import Foundation
import Testing
import GRDB
@testable import WXRKit

/// A term a post uses but the channel does not declare: damage for a category or a tag, normal for a post
/// format, which WordPress's exporter never declares.
@Suite struct TermDeclarationTests {
    static let items = ValidationTests.item(1, extra: """
        <category domain="post_format" nicename="post-format-video"><![CDATA[Video]]></category>
        <category domain="category" nicename="missing"><![CDATA[Missing]]></category>
        """)

    @Test func onlyTheUndeclaredCategoryIsReported() throws {
        let findings = try ValidationTests.validate(Self.items).findings.findings.filter { $0.code == "term.undeclared" }
        #expect(findings.map(\.message) == [#"post uses category "missing", which the export does not declare"#])
    }

    @Test func theDatabaseKeepsBothAndReportsOnlyTheCategory() throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let db = directory.appendingPathComponent("site.db").path
        let channel = "<wp:wxr_version>1.2</wp:wxr_version>\n" + ValidationTests.author
        let reader = try WXRReader(bytes: RecoveryTests.export(Self.items, channel: channel), name: "fixture.xml")
        try reader.export(to: SQLiteExporter(output: .file(path: db, replacing: false)))
        let (undeclared, reported) = try DatabaseQueue(path: db).read { db in
            (try String.fetchAll(db, sql: "SELECT taxonomy FROM terms WHERE declared = 0 ORDER BY taxonomy"),
             try String.fetchAll(db, sql: "SELECT message FROM findings WHERE code = 'term.undeclared'"))
        }
        #expect(undeclared == ["category", "post_format"])
        #expect(reported == [#"post uses category "missing", which the export does not declare"#])
    }

    /// WordPress makes `Company News` and `company-news` one term; so do the report and the database.
    @Test func aSlugSpelledAnotherWayIsTheSameTerm() throws {
        let channel = "<wp:wxr_version>1.2</wp:wxr_version>\n" + ValidationTests.author + """
            <wp:category><wp:term_id>5</wp:term_id><wp:category_nicename>company-news</wp:category_nicename>\
            <wp:cat_name>Company News</wp:cat_name></wp:category>

            """
        let items = ValidationTests.item(1, extra: #"<category domain="category" nicename="Company News"><![CDATA[Company News]]></category>"#)
        let export = RecoveryTests.export(items, channel: channel)
        var validator = ExportValidator()
        let reader = try WXRReader(bytes: export, name: "fixture.xml")
        while let entity = try reader.next() { validator.inspect(entity) }
        #expect(!validator.makeReport(inputName: "fixture.xml").findings.findings.contains { $0.code == "term.undeclared" })

        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let db = directory.appendingPathComponent("site.db").path
        try WXRReader(bytes: export, name: "fixture.xml").export(to: SQLiteExporter(output: .file(path: db, replacing: false)))
        let terms = try DatabaseQueue(path: db).read { db in
            try Row.fetchAll(db, sql: "SELECT terms.id, terms.declared FROM post_terms JOIN terms ON terms.id = post_terms.term_id")
        }
        #expect(terms.map { $0["id"] as Int64 } == [5])
        #expect(terms.map { $0["declared"] as Int64 } == [1])
    }
}
