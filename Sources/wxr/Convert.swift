import ArgumentParser
import Foundation
import WXRKit

struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert an export to another format.",
        discussion: """
            Formats: \(ExporterRegistry.standard.entries.map { "\($0.name) (\($0.summary))" }.joined(separator: "; ")).
            The output is written under a temporary name and renamed when complete: a failed or interrupted
            run leaves no half-written file, and an existing output is kept unless --force is given.

            Examples:
              wxr convert export.xml --to json --output site.json
              cat export.xml | wxr convert - --to ndjson --output -
            """)

    @Argument(help: "The WXR file to read, or - for standard input.")
    var input: String

    @Option(name: .customLong("to"), help: "The output format: \(ExporterRegistry.standard.names.joined(separator: ", ")).")
    var format: String

    @Option(name: .shortAndLong, help: "The file to write, or - for standard output.")
    var output: String

    @Flag(help: "Replace the output if it exists.")
    var force = false

    @Flag(name: .shortAndLong, help: "Print nothing on standard error but errors.")
    var quiet = false

    func run() throws {
        InterruptCleanup.install()
        let registry = ExporterRegistry.standard
        guard registry.names.contains(format) else {
            throw ValidationError("unknown format \"\(format)\"; known: \(registry.names.joined(separator: ", "))")
        }
        let summary: ExportSummary
        do {
            let reader = try WXRReader(path: input)
            let exporter = try registry.makeExporter(
                named: format, options: ExportOptions(output: OutputTarget(path: output, replacing: force)))
            summary = try reader.export(to: exporter)
        } catch {
            throw ExitStatus.report(error)
        }
        if !quiet {
            let destination = output == "-" ? "standard output" : output
            printError("wxr: wrote \(summary.posts) items, \(summary.comments) comments, \(summary.terms) terms "
                + "and \(summary.authors) authors to \(destination) (\(format))")
            FindingsSummary.print(summary.findings)
        }
        if summary.findings.contains(where: { $0.severity == .error }) {
            throw ExitStatus.findingsWithErrors
        }
    }
}

/// A short account of findings on standard error.
enum FindingsSummary {
    static func print(_ findings: [Finding], limit: Int = 5) {
        guard !findings.isEmpty else { return }
        printError("wxr: \(findings.count) finding\(findings.count == 1 ? "" : "s"):")
        for finding in findings.prefix(limit) {
            let place = finding.line.map { "line \($0): " } ?? ""
            printError("  \(finding.severity.rawValue): \(place)\(finding.message) [\(finding.code)]")
        }
        if findings.count > limit { printError("  ... and \(findings.count - limit) more") }
    }
}
