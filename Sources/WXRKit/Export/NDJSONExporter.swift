/// Writes one JSON object per line, each with a `"kind"` of `site`, `author`, `term` or `post`.
///
/// For pipelines: `jq`, DuckDB's `read_json`, or anything that reads a line at a time.
public final class NDJSONExporter: Exporter {
    private let file: StagedFile
    private var writer = JSONWriter()

    /// - Parameter staging: Where the staging file is registered, for the caller's interrupt handler to remove.
    /// - Throws: ``ExportError/outputExists(path:)`` when the target exists and may not be replaced.
    public init(output: OutputTarget, staging: StagingRegistry = StagingRegistry()) throws(ExportError) {
        file = try StagedFile(target: output, staging: staging)
    }

    public func begin(site: Site) throws {
        line("site") { $0.fields(of: site) }
    }

    public func write(author: Author) throws {
        line("author") { $0.fields(of: author) }
    }

    public func write(term: Term) throws {
        line("term") { $0.fields(of: term) }
    }

    public func write(post: Post) throws {
        line("post") { $0.fields(of: post) }
        if writer.bytes.count >= 1 << 16 { try file.write(draining: &writer.bytes) }
    }

    public func finish(findings: [Finding]) throws -> ExportOutcome {
        try file.write(draining: &writer.bytes)
        try file.commit()
        return ExportOutcome()
    }

    public func abandon() {
        file.discard()
    }

    private func line(_ kind: StaticString, _ body: (inout JSONWriter) -> Void) {
        writer.beginObject()
        writer.key("kind")
        writer.value(String(describing: kind))
        body(&writer)
        writer.endObject()
        writer.newline()
    }
}
