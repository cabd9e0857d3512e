import Foundation
import GRDB
import Testing
@testable import WXRKit

/// The database against the JSON export of the same file: every row, every value.
@Suite struct SQLiteExporterTests {
    /// Converts `input` to both formats and checks every row of the database against the JSON document.
    ///
    /// SQLite's own JSON functions read the document, so the comparison is byte-exact on both sides.
    /// (Foundation's JSONSerialization on Linux drops a U+FEFF that follows a line break, which real posts hold.)
    static func compareWithJSON(_ input: String) throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let json = directory.appendingPathComponent("site.json"), db = directory.appendingPathComponent("site.db")
        _ = try exportJSON(input, to: json)
        try WXRReader(path: input).export(to: SQLiteExporter(output: .file(path: db.path, replacing: false)))
        let document = try String(contentsOf: json, encoding: .utf8)
        let queue = try DatabaseQueue(path: db.path)
        try queue.write { db in
            try db.execute(sql: "CREATE TEMP TABLE doc(json TEXT)")
            try db.execute(sql: "INSERT INTO doc VALUES (?)", arguments: [document])
            for (name, sql) in mismatchQueries {
                let mismatches = try Int.fetchOne(db, sql: sql) ?? -1
                #expect(mismatches == 0, "\(input): \(name): \(mismatches) mismatched rows")
            }
        }
    }

    /// The tables hold the model's fields under the names and in the order of its one list, ``ModelField``,
    /// which the JSON writer reads too (the load lists the columns itself, for speed).
    @Test func tablesHoldTheModelFieldsInOrder() throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let db = directory.appendingPathComponent("site.db")
        let wxr = #"<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>T</title><wp:wxr_version>1.2</wp:wxr_version></channel></rss>"#
        try WXRReader(bytes: Array(wxr.utf8))
            .export(to: SQLiteExporter(output: .file(path: db.path, replacing: false)))
        let queue = try DatabaseQueue(path: db.path)
        func columns(_ table: String) throws -> [String] {
            try queue.read { db in try db.columns(in: table).map(\.name) }
        }
        func names<Root>(_ fields: [ModelField<Root>]) -> [String] { fields.map { "\($0.name)" } }
        #expect(try columns("posts") == ["item"] + names(Post.fields) + ["line"])
        #expect(try columns("comments") == ["entry", "post_item", "post_id"] + names(Comment.fields) + ["line"])
        #expect(try columns("authors") == names(Author.fields))
        let siteKeys = try queue.read { db in try String.fetchAll(db, sql: "SELECT key FROM site") }
        #expect(Set(siteKeys) == Set(names(Site.fields)))
    }

    /// Each query counts rows that differ between the database and the document (or are missing from one).
    static let mismatchQueries: [(String, String)] = {
        func columns(_ names: [String], row: String, json: String) -> String {
            names.map { "\(row).\($0) IS NOT json_extract(\(json), '$.\($0)')" }.joined(separator: " OR ")
        }
        // JSON's `sticky` is a boolean, SQLite's an integer: compared apart from the rest.
        let postColumns = Post.fields.map { "\($0.name)" }.filter { $0 != "sticky" } + ["line"]
        let commentColumns = Comment.fields.map { "\($0.name)" }
        let authorColumns = Author.fields.map { "\($0.name)" }
        let doc = "(SELECT json FROM doc)"
        return [
            ("site", "SELECT count(*) FROM site WHERE value IS NOT json_extract(\(doc), '$.site.' || key)"),
            ("authors", """
                WITH j AS (SELECT key + 1 AS n, value FROM json_each(\(doc), '$.authors')),
                     a AS (SELECT row_number() OVER (ORDER BY rowid) AS n, * FROM authors)
                SELECT count(*) FROM j FULL JOIN a USING (n) WHERE j.n IS NULL OR a.n IS NULL
                    OR \(columns(authorColumns, row: "a", json: "j.value"))
                """),
            ("terms", """
                SELECT abs((SELECT count(*) FROM terms WHERE declared = 1) - json_array_length(\(doc), '$.terms'))
                     + (SELECT count(*) FROM json_each(\(doc), '$.terms') AS j WHERE NOT EXISTS (
                        SELECT 1 FROM terms AS t WHERE t.declared = 1
                          AND t.wp_term_id IS json_extract(j.value, '$.id') AND t.taxonomy IS json_extract(j.value, '$.taxonomy')
                          AND t.slug IS json_extract(j.value, '$.slug') AND t.name IS json_extract(j.value, '$.name')
                          AND t.parent_slug IS json_extract(j.value, '$.parent_slug')
                          AND t.description IS json_extract(j.value, '$.description')))
                """),
            ("posts", """
                WITH j AS (SELECT key + 1 AS item, value FROM json_each(\(doc), '$.posts'))
                SELECT count(*) FROM j FULL JOIN posts AS p USING (item) WHERE j.item IS NULL OR p.item IS NULL
                    OR \(columns(postColumns, row: "p", json: "j.value"))
                    OR p.sticky IS NOT json_extract(j.value, '$.sticky')
                """),
            ("postmeta", """
                WITH j AS (
                    SELECT row_number() OVER (ORDER BY p.key, m.key) AS n, p.key + 1 AS item, m.value
                    FROM json_each(\(doc), '$.posts') AS p, json_each(p.value, '$.meta') AS m),
                     d AS (SELECT row_number() OVER (ORDER BY rowid) AS n, * FROM postmeta)
                SELECT count(*) FROM j FULL JOIN d USING (n) WHERE j.n IS NULL OR d.n IS NULL OR d.post_item IS NOT j.item
                    OR d.key IS NOT json_extract(j.value, '$.key') OR d.value IS NOT json_extract(j.value, '$.value')
                """),
            ("comments", """
                WITH j AS (
                    SELECT row_number() OVER (ORDER BY p.key, c.key) AS entry, p.key + 1 AS item, c.value
                    FROM json_each(\(doc), '$.posts') AS p, json_each(p.value, '$.comments') AS c)
                SELECT count(*) FROM j FULL JOIN comments AS c USING (entry)
                WHERE j.entry IS NULL OR c.entry IS NULL OR c.post_item IS NOT j.item
                    OR \(columns(commentColumns, row: "c", json: "j.value"))
                """),
            ("commentmeta", """
                WITH j AS (
                    SELECT row_number() OVER (ORDER BY p.key, c.key, m.key) AS n, m.value
                    FROM json_each(\(doc), '$.posts') AS p, json_each(p.value, '$.comments') AS c,
                         json_each(c.value, '$.meta') AS m),
                     d AS (SELECT row_number() OVER (ORDER BY rowid) AS n, * FROM commentmeta)
                SELECT count(*) FROM j FULL JOIN d USING (n) WHERE j.n IS NULL OR d.n IS NULL
                    OR d.key IS NOT json_extract(j.value, '$.key') OR d.value IS NOT json_extract(j.value, '$.value')
                """),
            ("post_terms", """
                WITH j AS (
                    SELECT row_number() OVER (ORDER BY p.key, t.key) AS n, p.key + 1 AS item, t.value
                    FROM json_each(\(doc), '$.posts') AS p, json_each(p.value, '$.terms') AS t),
                     d AS (SELECT row_number() OVER (ORDER BY pt.rowid) AS n, pt.post_item, pt.name, terms.taxonomy, terms.slug
                           FROM post_terms AS pt JOIN terms ON terms.id = pt.term_id)
                SELECT count(*) FROM j FULL JOIN d USING (n) WHERE j.n IS NULL OR d.n IS NULL OR d.post_item IS NOT j.item
                    OR d.name IS NOT json_extract(j.value, '$.name') OR d.taxonomy IS NOT json_extract(j.value, '$.taxonomy')
                    -- One term however the posts spell its slug (`Category 1`, `category-1`), as WordPress has it.
                    OR (json_extract(j.value, '$.slug') IS NOT NULL
                        AND lower(replace(d.slug, ' ', '-')) IS NOT lower(replace(json_extract(j.value, '$.slug'), ' ', '-')))
                """),
        ]
    }()

    @Test func everyFieldFixtureMatchesJSON() throws {
        try Self.compareWithJSON(Paths.fixture("every-field-1.2.xml"))
        try Self.compareWithJSON(Paths.fixture("wxr-1.0.xml"))
    }

    @Test(.enabled(if: Externals.wxrgen != nil, "skipped: needs python3 and ../shared/tools/wxrgen.py"))
    func generatedExportMatchesJSONAndManifest() throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let generated = try RoundTripTests.generate(posts: 600, seed: 3, in: directory)
        try Self.compareWithJSON(generated.xml.path)
        let db = directory.appendingPathComponent("gen.db")
        try WXRReader(path: generated.xml.path).export(to: SQLiteExporter(output: .file(path: db.path, replacing: false)))
        try DatabaseQueue(path: db.path).read { db in
            let counts = generated.manifest
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM posts") == counts["items"])
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM comments") == counts["comments"])
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM postmeta") == counts["postmeta"])
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM commentmeta") == counts["commentmeta"])
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM authors") == counts["authors"])
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM terms")
                == counts["categories"]! + counts["tags"]! + counts["terms"]!)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM posts WHERE type = 'attachment'") == counts["attachments"])
            // Serialized meta is decoded: WordPress's attachment metadata always is.
            let undecoded = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM postmeta WHERE key = '_wp_attachment_metadata' AND value_json IS NULL
                """)
            #expect(undecoded == 0)
            let width = try Int.fetchOne(db, sql: """
                SELECT json_extract(value_json, '$.width') FROM postmeta WHERE key = '_wp_attachment_metadata' LIMIT 1
                """)
            #expect(width == 1200)
            // Every comment is in a thread, at depth 0 or below its parent.
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM comment_threads") == counts["comments"])
            #expect(try Int.fetchOne(db, sql: "PRAGMA foreign_key_check") == nil)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_stat1")! > 0)
        }
    }

    @Test(.enabled(if: Externals.wxrgen != nil, "skipped: needs python3 and ../shared/tools/wxrgen.py"))
    func serializedMetaBrokenBySearchAndReplaceIsDecodedAndReported() throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let xml = directory.appendingPathComponent("broken.xml")
        let generated = try run("/usr/bin/env", ["python3", Paths.shared!.appendingPathComponent("tools/wxrgen.py").path,
                                                 "--posts", "60", "--faults", "bad-serialized", "-o", xml.path])
        #expect(generated.status == 0)
        let db = directory.appendingPathComponent("site.db")
        try WXRReader(path: xml.path).export(to: SQLiteExporter(output: .file(path: db.path, replacing: false)))
        try DatabaseQueue(path: db.path).read { db in
            let row = try #require(try Row.fetchOne(db, sql: "SELECT value, value_json FROM postmeta WHERE key = '_menu_settings'"))
            #expect((row["value"] as String).contains("https://new.example.org"))
            #expect(row["value_json"] as String? == #"{"url":"https://new.example.org/a","title":"x"}"#)
            let findings = try String.fetchAll(db, sql: "SELECT code FROM findings")
            #expect(findings.contains("meta.serialized-lengths"))
        }
    }

    @Test func fullTextSearchFindsWordsInContent() throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let db = directory.appendingPathComponent("site.db")
        try WXRReader(path: Paths.fixture("every-field-1.2.xml"))
            .export(to: SQLiteExporter(output: .file(path: db.path, replacing: false)))
        try DatabaseQueue(path: db.path).read { db in
            let byTitle = try Int.fetchAll(db, sql: "SELECT rowid FROM posts_fts WHERE posts_fts MATCH 'kerch'")
            #expect(byTitle == [1, 3])   // the post, and the attachment named kerch-bridge
            let byBody = try String.fetchAll(db, sql: """
                SELECT posts.slug FROM posts_fts JOIN posts ON posts.item = posts_fts.rowid WHERE posts_fts MATCH 'curly'
                """)
            #expect(byBody == ["the-bridge"])
            let published = try String.fetchAll(db, sql: "SELECT author_name FROM published_posts")
            #expect(published == ["Niamh Ní Bhriain"])
            let thread = try Row.fetchAll(db, sql: "SELECT id, depth FROM comment_threads ORDER BY path")
            #expect(thread.map { $0["id"] as Int } == [9, 10])
            #expect(thread.map { $0["depth"] as Int } == [0, 1])
        }
    }

    @Test func refusesToOverwriteAndLeavesNothingWhenAbandoned() throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let db = directory.appendingPathComponent("site.db")
        try Data("keep me".utf8).write(to: db)
        #expect(throws: ExportError.outputExists(path: db.path)) {
            _ = try SQLiteExporter(output: .file(path: db.path, replacing: false))
        }
        // A run that fails half-way: the target keeps its old bytes and no temporary file remains.
        let exporter = try SQLiteExporter(output: .file(path: db.path, replacing: true))
        try exporter.begin(site: Site(title: "x"))
        try exporter.write(post: Post(id: 1, title: "half"))
        exporter.abandon()
        #expect(try Data(contentsOf: db) == Data("keep me".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["site.db"])
        try WXRReader(path: Paths.fixture("wxr-1.1.xml")).export(to: SQLiteExporter(output: .file(path: db.path, replacing: true)))
        #expect(try DatabaseQueue(path: db.path).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM posts") } == 3)
    }

    @Test func duplicateIDsAndUndeclaredTermsAreKept() throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let db = directory.appendingPathComponent("site.db")
        try WXRReader(path: Paths.fixture("wxr-1.1.xml")).export(to: SQLiteExporter(output: .file(path: db.path, replacing: false)))
        try DatabaseQueue(path: db.path).read { db in
            let ids = try Row.fetchAll(db, sql: "SELECT id FROM posts ORDER BY item").map { $0["id"] as Int? }
            #expect(ids == [5, nil, 5])
        }
        let db10 = directory.appendingPathComponent("old.db")
        try WXRReader(path: Paths.fixture("wxr-1.0.xml")).export(to: SQLiteExporter(output: .file(path: db10.path, replacing: false)))
        try DatabaseQueue(path: db10.path).read { db in
            let undeclared = try String.fetchAll(db, sql: "SELECT name FROM terms WHERE declared = 0")
            #expect(undeclared == ["Only without nicename"])
            #expect(try String.fetchAll(db, sql: "SELECT code FROM findings").contains("term.undeclared"))
        }
    }
}
