/// An exporter that validates what passes through it on the way to another exporter.
///
/// `wxr convert` wraps its exporter in one, so that every conversion also makes a report. The findings it
/// makes reach the inner exporter's `finish(findings:)` with the reader's (the SQLite `findings` table), but
/// for the codes the inner exporter finds itself; what the inner exporter notices joins the report.
///
/// ```swift
/// let validating = ValidatingExporter(wrapping: try JSONExporter(output: .file(path: "site.json", replacing: false)),
///                                     inputName: "export.xml")
/// try WXRReader(path: "export.xml").export(to: validating)
/// let report = validating.report
/// ```
public final class ValidatingExporter: Exporter {
    private let inner: any Exporter
    private let inputName: String
    private var validator: ExportValidator
    /// The report, complete once the export has finished.
    public private(set) var report: ValidationReport

    public init(wrapping inner: any Exporter, inputName: String, contentCheck: (any ContentConversionCheck)? = nil) {
        self.inner = inner
        self.inputName = inputName
        validator = ExportValidator(contentCheck: contentCheck)
        report = ValidationReport(inputName: inputName)
    }

    public func write(_ entity: WXREntity) throws {
        validator.inspect(entity)
        try inner.write(entity)
    }

    public func begin(site: Site) throws { try write(.site(site)) }
    public func write(author: Author) throws { try write(.author(author)) }
    public func write(term: Term) throws { try write(.term(term)) }
    public func write(post: Post) throws { try write(.post(post)) }

    public func finish(findings: [Finding]) throws -> ExportOutcome {
        validator.add(readerFindings: findings)
        report = validator.makeReport(inputName: inputName)
        let fromReader = Set(findings)
        let foundByInner = inner.findsWhileWriting
        let own = report.findings.findings.filter { !fromReader.contains($0) && !foundByInner.contains($0.code) }
        let outcome = try inner.finish(findings: findings + own)
        if !outcome.findings.isEmpty {
            validator.add(readerFindings: outcome.findings)
            report = validator.makeReport(inputName: inputName)
        }
        return outcome
    }

    public func abandon() {
        inner.abandon()
    }

    /// The report of a reading that stopped on `error`, with what was read before it.
    public func report(stoppedBy error: ReadError) -> ValidationReport {
        validator.makeReport(inputName: inputName, stoppedBy: error)
    }
}
