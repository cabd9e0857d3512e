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

    private let file: OutputFile
    private let target: OutputTarget
    private var writer = JSONWriter()
    private var section = Section.start
    private var authorCount = 0
    /// Where the authors array closes, to insert authors that the file names only after its posts began.
    private var authorsEnd = 0
    /// Authors met after the posts began (WXR 1.0 names authors only in its items).
    private var lateAuthors: [Author] = []

    /// - Throws: ``ExportError/outputExists(path:)`` when the target exists and may not be replaced.
    public init(output: OutputTarget) throws(ExportError) {
        target = output
        file = try OutputFile(target: output)
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
        try enter(.terms)
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

    public func finish(findings: [Finding]) throws {
        try enter(.posts)
        writer.endArray()
        writer.endObject()
        writer.newline()
        try flushWriter()
        guard !lateAuthors.isEmpty else {
            try file.commit()
            return
        }
        // Rewrite once with the late authors in their array; only WXR 1.0 files get here, and they are small.
        let rewritten = try OutputFile(target: target)
        do {
            try file.copy(from: 0, to: authorsEnd, into: rewritten)
            var authors = JSONWriter()
            authors.reset(commaDue: authorCount > 0)
            for author in lateAuthors {
                authors.beginObject()
                authors.fields(of: author)
                authors.endObject()
            }
            try rewritten.write(authors.bytes)
            try file.copy(from: authorsEnd, to: file.offset, into: rewritten)
            file.discard()
            try rewritten.commit()
        } catch {
            rewritten.discard()
            throw error
        }
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
