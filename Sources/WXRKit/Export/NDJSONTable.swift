/// One file of an ``NDJSONTablesExporter`` folder: a JSON object a line, written through a ``StagedFile`` so
/// that the file appears under its name only when complete.
final class NDJSONTable {
    private let file: StagedFile
    private var writer = JSONWriter()
    /// The lines written so far.
    private(set) var lineCount = 0

    /// Stages `NAME.ndjson` in `folder`.
    init(named name: String, in folder: String, staging: StagingRegistry) throws(ExportError) {
        file = try StagedFile(target: .file(path: folder + "/" + name + ".ndjson", replacing: false), staging: staging)
    }

    /// Writes one line: an object holding what `body` writes into it.
    func writeLine(_ body: (inout JSONWriter) -> Void) throws(ExportError) {
        writer.beginObject()
        body(&writer)
        writer.endObject()
        writer.newline()
        lineCount += 1
        if writer.bytes.count >= 1 << 16 { try file.write(draining: &writer.bytes) }
    }

    /// Writes what is buffered and puts the file under its name.
    func commit() throws(ExportError) {
        try file.write(draining: &writer.bytes)
        try file.commit()
    }

    /// Removes the file; nothing once it is committed.
    func discard() {
        file.discard()
    }
}
