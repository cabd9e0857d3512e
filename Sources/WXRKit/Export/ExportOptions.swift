/// What a run asks of its exporter: where to write, and each format's own options, by their type.
///
/// A format declares its options as a type of its own conforming to ``FormatOptions``, with defaults; the
/// caller sets the ones it has, and the format's factory reads its own. No format's options are known here.
///
/// ```swift
/// struct CSVOptions: FormatOptions { var delimiter = "," }
/// var options = ExportOptions(output: .standardOutput)
/// options[CSVOptions.self].delimiter = ";"
/// registry.register("csv", summary: "...") { options in CSVExporter(output: options.output, delimiter: options[CSVOptions.self].delimiter) }
/// ```
public struct ExportOptions: Sendable {
    public var output: OutputTarget
    /// Where the output's staging file or folder is registered: pass the registry your interrupt handler empties.
    public var staging: StagingRegistry
    private var byType: [ObjectIdentifier: any FormatOptions] = [:]

    public init(output: OutputTarget, staging: StagingRegistry = StagingRegistry()) {
        self.output = output
        self.staging = staging
    }

    /// The options of one format: those set, else the format's defaults.
    public subscript<Options: FormatOptions>(_ type: Options.Type) -> Options {
        get { byType[ObjectIdentifier(type)] as? Options ?? Options() }
        set { byType[ObjectIdentifier(type)] = newValue }
    }
}

/// The options a format takes, each with a default.
public protocol FormatOptions: Sendable {
    /// Every option at its default.
    init()
}
