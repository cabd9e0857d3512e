import Foundation

/// Writes the export as a folder of NDJSON files, one per kind of record, for engines that load each file as a
/// flat table: DuckDB's `read_json_auto`, Spark's `spark.read.json`, BigQuery's `NEWLINE_DELIMITED_JSON`.
///
/// The folder holds `site`, `authors`, `terms`, `posts`, `comments`, `postmeta` and `commentmeta`, each
/// `.ndjson`. Every line of a file has the same keys in the same order, `null` where the export has no value,
/// so that schema inference sees one shape whatever lines it samples. Keys are the JSON contract's; a post
/// leaves its meta and comments, and a comment its meta, to the files that hold them, which name their owner
/// by id (`post_id`, `comment_id`) and by position (`item`, `entry`: the n-th item or comment of the export,
/// as in the SQLite database), because ids may be missing or shared.
///
/// The folder is built under a temporary name beside its target and renamed into place when complete.
///
/// ```swift
/// let exporter = try NDJSONTablesExporter(path: "tables", replacing: false)
/// try WXRReader(path: "export.xml").export(to: exporter)
/// // tables/comments.ndjson: {"entry":1,"post_item":1,"post_id":12,"id":3,"parent_id":null,…,"line":58}
/// ```
public final class NDJSONTablesExporter: Exporter {
    /// The files of the folder, each with `.ndjson` added.
    public static let tableNames = ["site", "authors", "terms", "posts", "comments", "postmeta", "commentmeta"]

    private let folder: StagedOutput
    private let site, authors, terms, posts, comments, postMeta, commentMeta: NDJSONTable
    /// The position in the export of the last item and comment written: the rows' keys.
    private var item = 0
    private var entry = 0

    /// Stages the folder beside `path`.
    /// - Parameter staging: Where the staging folder is registered, for the caller's interrupt handler to remove.
    /// - Throws: ``ExportError/outputExists(path:)`` when `path` exists and may not be replaced;
    ///   ``ExportError/cannotWrite(path:reason:)`` when it is a folder holding anything but these tables,
    ///   which even `replacing` does not replace, or when the folder cannot be made.
    public init(path: String, replacing: Bool, staging: StagingRegistry = StagingRegistry()) throws(ExportError) {
        if replacing { try Self.requireOnlyTables(in: path) }
        // A folder is swapped with the one it replaces, so there must be one: with none, it is moved in.
        let folder = try StagedOutput(.folder, at: path, replacing: replacing && FileSystem.exists(path), registry: staging)
        self.folder = folder
        func table(_ name: String) throws(ExportError) -> NDJSONTable {
            try NDJSONTable(named: name, in: folder.stagingPath, staging: staging)
        }
        do throws(ExportError) {
            site = try table("site")
            authors = try table("authors")
            terms = try table("terms")
            posts = try table("posts")
            comments = try table("comments")
            postMeta = try table("postmeta")
            commentMeta = try table("commentmeta")
        } catch {
            folder.discard()
            throw error
        }
    }

    public func begin(site: Site) throws {
        try self.site.writeLine { $0.fields(of: site) }
    }

    public func write(author: Author) throws {
        try authors.writeLine { $0.fields(of: author) }
    }

    public func write(term: Term) throws {
        try terms.writeLine { $0.fields(of: term) }
    }

    public func write(post: Post) throws {
        item += 1
        let item = item
        try posts.writeLine { row in
            row.key("item"); row.value(item)
            row.rowFields(of: post)
        }
        for meta in post.meta {
            try postMeta.writeLine { row in
                row.key("post_item"); row.value(item)
                row.key("post_id"); row.value(post.id)
                row.key("key"); row.value(meta.key)
                row.key("value"); row.value(meta.value)
            }
        }
        for comment in post.comments {
            entry += 1
            let entry = entry
            try comments.writeLine { row in
                row.key("entry"); row.value(entry)
                row.key("post_item"); row.value(item)
                row.key("post_id"); row.value(post.id)
                row.rowFields(of: comment)
            }
            for meta in comment.meta {
                try commentMeta.writeLine { row in
                    row.key("comment_entry"); row.value(entry)
                    row.key("comment_id"); row.value(comment.id)
                    row.key("post_item"); row.value(item)
                    row.key("post_id"); row.value(post.id)
                    row.key("key"); row.value(meta.key)
                    row.key("value"); row.value(meta.value)
                }
            }
        }
    }

    public func finish(findings: [Finding]) throws -> ExportOutcome {
        for table in allTables { try table.commit() }
        try folder.commit()
        let rows = [Counted(posts.lineCount, "item"), Counted(comments.lineCount, "comment"),
                    Counted(postMeta.lineCount, "post meta row"), Counted(commentMeta.lineCount, "comment meta row"),
                    Counted(terms.lineCount, "term"), Counted(authors.lineCount, "author")]
        return ExportOutcome(summary: rows.map(\.description).joined(separator: ", ") + " (ndjson tables)")
    }

    public func abandon() {
        for table in allTables { table.discard() }
        folder.discard()
    }

    private var allTables: [NDJSONTable] { [site, authors, terms, posts, comments, postMeta, commentMeta] }

    /// Refuses to replace a folder that holds anything but tables of an earlier run: `--force` with a mistyped
    /// path must not delete someone's files. A file, or nothing, at `path` is fine.
    private static func requireOnlyTables(in path: String) throws(ExportError) {
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else { return }
        let tables = Set(tableNames.map { $0 + ".ndjson" })
        if let other = try FileSystem.entries(of: path).map(\.name).sorted().first(where: { !tables.contains($0) }) {
            throw .cannotWrite(path: path, reason: "it is a folder that holds more than NDJSON tables (\(other)); nothing was replaced")
        }
    }
}
