/// What a conversion read and passed on to its exporter.
public struct ExportSummary: Sendable, Hashable {
    public var authors = 0
    public var terms = 0
    public var posts = 0
    public var comments = 0
    public var findings: [Finding] = []
    /// What the exporter made of it.
    public var outcome = ExportOutcome()

    public init() {}
}
