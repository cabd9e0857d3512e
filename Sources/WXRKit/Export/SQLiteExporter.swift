import Foundation
import GRDB

/// Writes the export as a SQLite database: every entity in its table, full-text search, views.
///
/// Rows go in through prepared statements in one transaction, each post's search text with it (the load
/// overlaps with reading; what comes after it does not); indexes and a sampled `ANALYZE` come after the load. The database is built under a temporary name beside the target and renamed into place
/// when complete. The schema is documented in the README.
///
/// ```swift
/// let exporter = try SQLiteExporter(output: .file(path: "site.db", replacing: false))
/// try WXRReader(path: "export.xml").export(to: exporter)
/// ```
public final class SQLiteExporter: Exporter {
    private let file: StagedFile
    private var queue: DatabaseQueue?
    private var statements: Statements?
    private var termIDs: [Term.Key: Int64] = [:]
    private var termNames: [Term.Key: Int64] = [:]
    private var usedTermIDs: Set<Int64> = []
    private var termsWithoutID: [Term] = []
    private var nextTermID: Int64 = 1
    private var item: Int64 = 0
    private var entry: Int64 = 0
    private var lateFindings: [Finding] = []

    /// The statements of the load, prepared once and reused for every row.
    private struct Statements {
        var author, term, termMeta, post, postTerm, postMeta, comment, commentMeta, search: Statement
    }

    /// Page cache for the load. A larger one was measured no faster (the load is append-only) and only grew RSS.
    public static let cacheKilobytes = 8 * 1024

    /// - Parameter staging: Where the staging file is registered, for the caller's interrupt handler to remove.
    /// - Throws: ``ExportError`` when the target exists (and may not be replaced) or is standard output.
    public init(output: OutputTarget, staging: StagingRegistry = StagingRegistry()) throws {
        guard case .file = output else {
            throw ExportError.invalidOption(reason: "a SQLite database must be written to a file, not standard output")
        }
        file = try StagedFile(target: output, staging: staging)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        // The load is one transaction across many calls from the reader; nothing else uses this connection.
        configuration.allowsUnsafeTransactions = true
        configuration.prepareDatabase { db in
            // The file is private until renamed: durability comes from the rename, not from the journal.
            try db.execute(sql: """
                PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE;
                PRAGMA cache_size = -\(Self.cacheKilobytes);
                """)
        }
        do {
            queue = try DatabaseQueue(path: file.stagingPath, configuration: configuration)
        } catch {
            file.discard()
            throw ExportError.cannotWrite(path: file.targetDescription, reason: "\(error)")
        }
    }

    public func begin(site: Site) throws {
        try database { db in
            try db.execute(sql: "PRAGMA page_size = 8192")
            try db.execute(sql: "BEGIN")
            try db.execute(sql: SQLiteSchema.tables)
            for field in Site.fields {
                let row: [(any DatabaseValueConvertible)?] = [field.name.description, field.databaseValue(of: site)]
                try db.execute(sql: "INSERT INTO site(key, value) VALUES (?, ?)", arguments: StatementArguments(row))
            }
            statements = Statements(
                author: try db.makeStatement(sql: "INSERT INTO authors VALUES (?, ?, ?, ?, ?, ?)"),
                term: try db.makeStatement(sql: """
                    INSERT INTO terms(id, taxonomy, slug, name, parent_slug, description, wp_term_id, declared)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """),
                termMeta: try db.makeStatement(sql: "INSERT INTO termmeta VALUES (?, ?, ?)"),
                post: try db.makeStatement(sql: """
                    INSERT INTO posts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """),
                postTerm: try db.makeStatement(sql: "INSERT INTO post_terms VALUES (?, ?, ?, ?)"),
                postMeta: try db.makeStatement(sql: "INSERT INTO postmeta VALUES (?, ?, ?, ?, ?)"),
                comment: try db.makeStatement(sql: """
                    INSERT INTO comments VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """),
                commentMeta: try db.makeStatement(sql: "INSERT INTO commentmeta VALUES (?, ?, ?, ?, ?)"),
                search: try db.makeStatement(sql: "INSERT INTO posts_fts(rowid, title, body) VALUES (?, ?, ?)"))
        }
    }

    public func write(author: Author) throws {
        try database { _ in
            try statements!.author.execute(arguments: [
                author.id, author.login, author.email, author.displayName, author.firstName, author.lastName,
            ])
        }
    }

    public func write(term: Term) throws {
        // A term without an id, or with one already taken, gets an id once all declared ids are known.
        guard let id = term.id.map(Int64.init), !usedTermIDs.contains(id) else {
            termsWithoutID.append(term)
            return
        }
        try database { _ in try insert(term, id: id, declared: true) }
    }

    public func write(post: Post) throws {
        try database { _ in
            try placeTermsWithoutID()
            item += 1
            let statements = statements!
            // The columns of Post.fields, listed here because the generic reading of the list was measured
            // 20% slower on the load; SQLiteExporterTests check that the two lists agree.
            try statements.post.execute(arguments: [
                item, post.id, post.type, post.status, post.title, post.slug, post.link, post.guid,
                post.authorLogin, post.date, post.dateGMT, post.modified, post.modifiedGMT, post.content,
                post.excerpt, post.parentID, post.menuOrder, post.commentStatus, post.pingStatus, post.password,
                post.isSticky, post.attachmentURL, post.line,
            ])
            try statements.search.execute(arguments: [item, post.title, post.content.map(PlainText.of)])
            for assigned in post.terms {
                let termID = try resolve(assigned, in: post)
                try statements.postTerm.execute(arguments: [item, post.id, termID, assigned.name])
            }
            for meta in post.meta {
                let decoded = decodeSerialized(meta, entity: .post(id: post.id), line: post.line)
                try statements.postMeta.execute(arguments: [item, post.id, meta.key, meta.value, decoded])
            }
            for comment in post.comments {
                entry += 1
                try statements.comment.execute(arguments: [
                    entry, item, post.id, comment.id, comment.parentID, comment.author, comment.authorEmail,
                    comment.authorURL, comment.authorIP, comment.date, comment.dateGMT, comment.content,
                    comment.approved, comment.type, comment.userID, comment.line,
                ])
                for meta in comment.meta {
                    let decoded = decodeSerialized(meta, entity: .comment(id: comment.id, postID: post.id), line: comment.line)
                    try statements.commentMeta.execute(arguments: [entry, comment.id, meta.key, meta.value, decoded])
                }
            }
        }
    }

    /// Undeclared terms and serialized lengths broken by a search-and-replace are found while loading, with the
    /// database's own account of what was done (`declared = 0`).
    public var findsWhileWriting: Set<FindingCode> { [.termUndeclared, .metaSerializedLengths] }

    public func finish(findings: [Finding]) throws -> ExportOutcome {
        try database { db in
            try placeTermsWithoutID()
            statements = nil
            let insert = try db.makeStatement(sql: "INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
            for finding in findings + lateFindings {
                let (entity, entityID) = Self.describe(finding.entity)
                try insert.execute(arguments: [
                    finding.code.rawValue, finding.severity.rawValue, finding.message, finding.line, finding.column,
                    entity, entityID, finding.action, finding.hint,
                ])
            }
            try db.execute(sql: SQLiteSchema.finishing)
            try db.execute(sql: "COMMIT")
            // A sampled ANALYZE: the planner gets the same choices, in less time on a large site.
            try db.execute(sql: "PRAGMA analysis_limit = 1000; ANALYZE")
        }
        try queue?.close()
        queue = nil
        try file.commit()
        // What it found itself is in the database; the validation finds the same for its report.
        return ExportOutcome()
    }

    public func abandon() {
        statements = nil
        try? queue?.close()
        queue = nil
        file.discard()
    }

    // MARK: Terms

    private func insert(_ term: Term, id: Int64, declared: Bool) throws {
        usedTermIDs.insert(id)
        nextTermID = max(nextTermID, id + 1)
        try statements!.term.execute(arguments: [
            id, term.taxonomy, term.slug, term.name, term.parentSlug, term.description, term.id, declared,
        ])
        for meta in term.meta {
            try statements!.termMeta.execute(arguments: [id, meta.key, meta.value])
        }
        if let slug = term.slug {
            let key = Term.Key(taxonomy: term.taxonomy, slug: slug)
            if termIDs[key] == nil { termIDs[key] = id }
        }
        if let name = term.name {
            let key = Term.Key(taxonomy: term.taxonomy, slug: name)
            if termNames[key] == nil { termNames[key] = id }
        }
    }

    private func placeTermsWithoutID() throws {
        guard !termsWithoutID.isEmpty else { return }
        for term in termsWithoutID {
            try insert(term, id: nextTermID, declared: true)
        }
        termsWithoutID.removeAll()
    }

    /// The term a post names: by slug, else by name; one the channel never declared is added, and reported.
    private func resolve(_ assigned: PostTerm, in post: Post) throws -> Int64 {
        if let slug = assigned.slug, let id = termIDs[Term.Key(taxonomy: assigned.taxonomy, slug: slug)] { return id }
        if assigned.slug == nil, let id = termNames[Term.Key(taxonomy: assigned.taxonomy, slug: assigned.name)] { return id }
        let id = nextTermID
        try insert(Term(taxonomy: assigned.taxonomy, slug: assigned.slug, name: assigned.name), id: id, declared: false)
        guard assigned.isDeclaredByWordPress else { return id }
        lateFindings.append(Finding(
            code: .termUndeclared, severity: .warning,
            message: "post uses \(assigned.taxonomy) \"\(assigned.slug ?? assigned.name)\", which the export does not declare",
            line: post.line, entity: .post(id: post.id), action: "term added with declared = 0"))
        return id
    }

    // MARK: Meta

    private func decodeSerialized(_ meta: MetaEntry, entity: Finding.Entity, line: Int) -> String? {
        guard let decoded = PHPSerialized.decode(meta.value) else { return nil }
        if decoded.repairedLengths > 0 {
            lateFindings.append(Finding(
                code: .metaSerializedLengths, severity: .warning,
                message: "meta \"\(meta.key)\" is PHP-serialized with \(Counted(decoded.repairedLengths, "wrong string length")), as a search-and-replace leaves them",
                line: line, entity: entity, action: "decoded with the real lengths into value_json; value kept as it was",
                hint: "re-save the setting in WordPress, or run a serialization-aware search-and-replace"))
        }
        return PHPSerialized.json(decoded.value)
    }

    // MARK: Plumbing

    private func database<T>(_ body: (Database) throws -> T) throws -> T {
        guard let queue else { throw ExportError.cannotWrite(path: file.targetDescription, reason: "the database is closed") }
        do {
            return try queue.inDatabase(body)
        } catch let error as DatabaseError {
            throw ExportError.cannotWrite(path: file.targetDescription, reason: error.description)
        }
    }

    private static func describe(_ entity: Finding.Entity?) -> (String?, Int?) {
        switch entity {
        case nil: (nil, nil)
        case .site: ("site", nil)
        case .author: ("author", nil)
        case .term(let id): ("term", id)
        case .post(let id): ("post", id)
        case .comment(let id, _): ("comment", id)
        }
    }
}

extension ModelField {
    /// The field's value in `root`, as a column value.
    fileprivate func databaseValue(of root: Root) -> (any DatabaseValueConvertible)? {
        switch access {
        case .text(let path): root[keyPath: path]
        case .optionalText(let path): root[keyPath: path]
        case .integer(let path): root[keyPath: path]
        case .optionalInteger(let path): root[keyPath: path]
        case .flag(let path): root[keyPath: path]
        }
    }
}

