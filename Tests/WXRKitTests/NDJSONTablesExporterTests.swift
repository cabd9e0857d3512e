import Foundation
import Testing
@testable import WXRKit

/// The NDJSON tables, written from entities made here: owners named by id and by position, nulls where the
/// export has nothing, and nothing left behind by a run that fails.
@Suite struct NDJSONTablesExporterTests {
    /// Two posts with one id and one without: only the positions tell their comments and meta apart, and every
    /// line keeps every key, so that an engine sampling any lines infers the same columns.
    @Test func ownersAreNamedByIdAndByPositionWithNullsWhereAbsent() throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let folder = directory.appendingPathComponent("tables").path
        let exporter = try NDJSONTablesExporter(path: folder, replacing: false)
        try exporter.begin(site: Site(title: "T"))
        try exporter.write(author: Author(id: 1, login: "ana"))
        try exporter.write(author: Author(login: "bo"))
        try exporter.write(term: Term(id: 3, taxonomy: "category", slug: "news", name: "News"))
        try exporter.write(term: Term(taxonomy: "post_tag", meta: [MetaEntry(key: "m", value: "1")]))
        try exporter.write(post: Post(id: 7, title: "first", meta: [MetaEntry(key: "a", value: "1")],
                                      comments: [Comment(id: 1, meta: [MetaEntry(key: "k", value: "v")])]))
        try exporter.write(post: Post(id: 7, title: "second", comments: [Comment(id: 1, content: "again")]))
        try exporter.write(post: Post(meta: [MetaEntry(key: "b", value: "2")], comments: [Comment(parentID: 1)]))
        _ = try exporter.finish(findings: [])

        let comments = try Self.lines(of: "comments", in: folder)
        #expect(comments.map { $0["entry"] as? Int } == [1, 2, 3])
        #expect(comments.map { $0["post_item"] as? Int } == [1, 2, 3])
        #expect(comments.map { $0["post_id"] as? Int } == [7, 7, nil])
        #expect(comments[2]["id"] is NSNull && comments[2]["post_id"] is NSNull)
        #expect(comments[0]["meta"] == nil, "comment meta belongs in commentmeta.ndjson")
        let commentMeta = try Self.lines(of: "commentmeta", in: folder)
        #expect(commentMeta.count == 1)
        #expect(commentMeta[0]["comment_entry"] as? Int == 1 && commentMeta[0]["comment_id"] as? Int == 1)
        #expect(commentMeta[0]["post_item"] as? Int == 1 && commentMeta[0]["post_id"] as? Int == 7)
        let postMeta = try Self.lines(of: "postmeta", in: folder)
        #expect(postMeta.map { $0["post_item"] as? Int } == [1, 3])
        #expect(postMeta[1]["post_id"] is NSNull)
        let posts = try Self.lines(of: "posts", in: folder)
        #expect(posts.map { $0["item"] as? Int } == [1, 2, 3])
        #expect(posts[0]["comments"] == nil && posts[0]["meta"] == nil)
        #expect(posts[2]["title"] is NSNull)

        for table in NDJSONTablesExporter.tableNames {
            let keys = Set(try Self.lines(of: table, in: folder).map { Set($0.keys) })
            #expect(keys.count == 1, "\(table).ndjson has lines with different keys: \(keys)")
        }
    }

    @Test func anAbandonedRunLeavesNothing() throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let exporter = try NDJSONTablesExporter(path: directory.appendingPathComponent("tables").path, replacing: false)
        try exporter.begin(site: Site())
        try exporter.write(post: Post(id: 1, comments: [Comment(id: 2)]))
        exporter.abandon()
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == [])
    }

    static func lines(of table: String, in folder: String) throws -> [[String: Any]] {
        let text = try String(contentsOfFile: "\(folder)/\(table).ndjson", encoding: .utf8)
        return try text.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }
}
