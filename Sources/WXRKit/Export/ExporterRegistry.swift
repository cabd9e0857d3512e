/// The output formats that `wxr convert --to NAME` knows, by name.
///
/// Built once and passed in; register your own format to make it a first-class `--to` target.
///
/// ```swift
/// var registry = ExporterRegistry.standard
/// registry.register("csv", summary: "one row per post") { options in try CSVExporter(output: options.output) }
/// let exporter = try registry.makeExporter(named: "csv", options: ExportOptions(output: .standardOutput))
/// ```
public struct ExporterRegistry: Sendable {
    /// Makes an exporter for one run.
    public typealias Factory = @Sendable (ExportOptions) throws -> any Exporter

    public struct Entry: Sendable {
        public var name: String
        public var summary: String
        /// Whether a run writes into the previous run's output, updating it (a site folder), rather than
        /// replacing a file: its report is then updated in place too.
        public var updatesInPlace: Bool
        public var make: Factory
    }

    public private(set) var entries: [Entry] = []

    public init() {}

    /// Adds a format, replacing one of the same name.
    public mutating func register(_ name: String, summary: String, updatesInPlace: Bool = false, make: @escaping Factory) {
        entries.removeAll { $0.name == name }
        entries.append(Entry(name: name, summary: summary, updatesInPlace: updatesInPlace, make: make))
    }

    public var names: [String] { entries.map(\.name) }

    /// The format registered as `name`.
    public func entry(named name: String) -> Entry? {
        entries.first { $0.name == name }
    }

    /// - Throws: ``ExportError/unknownFormat(name:known:)`` for a name not registered.
    public func makeExporter(named name: String, options: ExportOptions) throws -> any Exporter {
        guard let entry = entry(named: name) else {
            throw ExportError.unknownFormat(name: name, known: names)
        }
        return try entry.make(options)
    }

    /// The formats that come with WXRKit.
    public static let standard: ExporterRegistry = {
        var registry = ExporterRegistry()
        registry.register("json", summary: "one JSON document: site, authors, terms, posts") { options in
            try JSONExporter(output: options.output, staging: options.staging)
        }
        registry.register("ndjson", summary: "one JSON object per line, with a \"kind\" (split by kind: a folder of tables)") { options in
            guard options[NDJSONOptions.self].splitsByKind else {
                return try NDJSONExporter(output: options.output, staging: options.staging)
            }
            guard case .file(let path, let replacing) = options.output else {
                throw ExportError.invalidOption(reason: "NDJSON split by kind is a folder, not standard output")
            }
            return try NDJSONTablesExporter(path: path, replacing: replacing, staging: options.staging)
        }
        registry.register("sqlite", summary: "a SQLite database with full-text search") { options in
            try SQLiteExporter(output: options.output, staging: options.staging)
        }
        registry.register("markdown", summary: "a content folder for Hugo, Jekyll, Eleventy or Astro, with redirects",
                          updatesInPlace: true) { options in
            guard case .file(let path, let replacing) = options.output else {
                throw ExportError.invalidOption(reason: "a Markdown site is a folder, not standard output")
            }
            return try MarkdownSiteExporter(path: path, replacing: replacing, options: options[MarkdownSiteOptions.self],
                                            staging: options.staging)
        }
        return registry
    }()
}
