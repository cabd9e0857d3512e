/// Writes the whole export as one JSON document, `{"site":…,"authors":[…],"terms":[…],"posts":[…]}`.
///
/// The document is streamed to disk, one post at a time, never built in memory.
///
/// ```swift
/// let exporter = try JSONExporter(output: .file(path: "site.json", replacing: false))
/// try WXRReader(path: "export.xml").export(to: exporter)
/// ```
public final class JSONExporter: Exporter {
    private enum Section { case start, authors, terms, posts }

    private let file: StagedFile
    private let target: OutputTarget
    private let staging: StagingRegistry
    private var writer = JSONWriter()
    private var section = Section.start
    private var authorCount = 0
    private var termCount = 0
    /// Where the authors and terms arrays close, to insert what the export gives only after its posts began.
    private var authorsEnd = 0
    private var termsEnd = 0
    /// Authors met after the posts began (WXR 1.0 names authors only in its items), and terms declared late.
    private var lateAuthors: [Author] = []
    private var lateTerms: [Term] = []

    /// - Parameter staging: Where the staging files are registered, for the caller's interrupt handler to remove.
    /// - Throws: ``ExportError/outputExists(path:)`` when the target exists and may not be replaced.
    public init(output: OutputTarget, staging: StagingRegistry = StagingRegistry()) throws(ExportError) {
        target = output
        self.staging = staging
        file = try StagedFile(target: output, staging: staging)
    }

    public func begin(site: Site) throws {
        writer.beginObject()
        writer.key("site")
        writer.beginObject()
        writer.fields(of: site)
        writer.endObject()
        writer.key("authors")
        writer.beginArray()
        section = .authors
    }

    public func write(author: Author) throws {
        guard section == .authors else {
            lateAuthors.append(author)
            return
        }
        writer.beginObject()
        writer.fields(of: author)
        writer.endObject()
        authorCount += 1
    }

    public func write(term: Term) throws {
        guard section != .posts else {
            lateTerms.append(term)
            return
        }
        try enter(.terms)
        termCount += 1
        writer.beginObject()
        writer.fields(of: term)
        writer.endObject()
    }

    public func write(post: Post) throws {
        try enter(.posts)
        writer.beginObject()
        writer.fields(of: post)
        writer.endObject()
        if writer.bytes.count >= 1 << 16 { try flushWriter() }
    }

    public func finish(findings: [Finding]) throws -> ExportOutcome {
        try enter(.posts)
        writer.endArray()
        writer.endObject()
        writer.newline()
        try flushWriter()
        guard !lateAuthors.isEmpty || !lateTerms.isEmpty else {
            try file.commit()
            return ExportOutcome()
        }
        // Rewrite once with the late entities in their arrays. Only unusual files get here (WXR 1.0, terms
        // declared after items), and the copy is sequential.
        let rewritten = try StagedFile(target: target, staging: staging)
        do {
            try file.copy(from: 0, to: authorsEnd, into: rewritten)
            try rewritten.write(Self.elements(lateAuthors, after: authorCount) { $0.fields(of: $1) })
            try file.copy(from: authorsEnd, to: termsEnd, into: rewritten)
            try rewritten.write(Self.elements(lateTerms, after: termCount) { $0.fields(of: $1) })
            try file.copy(from: termsEnd, to: file.offset, into: rewritten)
            file.discard()
            try rewritten.commit()
        } catch {
            rewritten.discard()
            throw error
        }
        return ExportOutcome()
    }

    /// JSON objects to append to an array that already holds `count` elements.
    private static func elements<T>(_ values: [T], after count: Int, _ fields: (inout JSONWriter, T) -> Void) -> [UInt8] {
        var writer = JSONWriter()
        writer.reset(commaDue: count > 0)
        for value in values {
            writer.beginObject()
            fields(&writer, value)
            writer.endObject()
        }
        return writer.bytes
    }

    public func abandon() {
        file.discard()
    }

    private func enter(_ next: Section) throws {
        guard section != next else { return }
        if section == .authors {
            authorsEnd = file.offset + writer.bytes.count
            writer.endArray()
            writer.key("terms")
            writer.beginArray()
            section = .terms
        }
        if section == .terms, next == .posts {
            termsEnd = file.offset + writer.bytes.count
            writer.endArray()
            writer.key("posts")
            writer.beginArray()
            section = .posts
        }
    }

    private func flushWriter() throws {
        try file.write(writer.bytes)
        writer.reset(commaDue: true)
    }
}
