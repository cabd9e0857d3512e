/// What `--to ndjson` writes: one stream of lines, or a folder of one file per kind of record.
public struct NDJSONOptions: FormatOptions, Hashable {
    /// Whether the output is a folder of tables (``NDJSONTablesExporter``) rather than one file of lines each
    /// with a `"kind"` (``NDJSONExporter``).
    public var splitsByKind: Bool

    public init(splitsByKind: Bool) {
        self.splitsByKind = splitsByKind
    }

    public init() {
        self.init(splitsByKind: false)
    }
}
