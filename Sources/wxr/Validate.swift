import ArgumentParser
import Foundation
import WXRKit

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Say what is wrong with an export, and what a conversion would do about it.",
        discussion: """
            Reads the whole export as a conversion would, repairing what can be repaired and reading around \
            damage, and reports every finding: its code, severity, line, the item it names, what was done \
            and a hint. The report opens with the counts of what the export holds.

            Formats: text (for a terminal), json (one object), markdown, html (one page with nothing \
            outside it: open it in a browser, or on a phone).

            Exit codes: 0 no errors, 1 errors found, 2 the input cannot be read, 64 usage.

            Examples:
              wxr validate export.xml
              wxr validate export.xml --format html --output report.html
              wxr validate export.xml --format json | jq '.summary'
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown, html
    }

    @Argument(help: "The WXR file to read (XML, or gzip, xz or zip: read as it streams, never unpacked), or - for standard input.")
    var input: String

    @Option(help: "The report's format: text, json, markdown or html.")
    var format: Format = .text

    @Option(name: .shortAndLong, help: ArgumentHelp("The file to write the report to, or - for standard output.", valueName: "file"))
    var output: String = "-"

    @Flag(help: "Replace the output if it exists.")
    var force = false

    func run() throws {
        let interrupts = InterruptCleanup()
        defer { withExtendedLifetime(interrupts) {} }
        let report: ValidationReport
        var validator = ExportValidator(contentCheck: UnknownShortcodeCheck())
        let reader: WXRReader
        do {
            reader = try WXRReader(path: input)
        } catch {
            throw ExitStatus.report(error)
        }
        do {
            while let entity = try reader.next() {
                validator.add(readerFindings: reader.takeNewFindings())
                validator.inspect(entity)
            }
            validator.add(readerFindings: reader.takeNewFindings())
            report = validator.makeReport(inputName: reader.inputName)
        } catch {
            validator.add(readerFindings: reader.takeNewFindings())
            report = validator.makeReport(inputName: reader.inputName, stoppedBy: error)
        }
        let bytes: [UInt8]
        switch format {
        case .text: bytes = Array(report.text().utf8)
        case .json: bytes = report.json
        case .markdown: bytes = Array(report.markdown().utf8)
        case .html: bytes = Array(report.html().utf8)
        }
        do {
            let file = try StagedFile(target: OutputTarget(path: output, replacing: force), staging: interrupts.staging)
            interrupts.reportRemovedLeftovers()
            try file.write(bytes)
            try file.commit()
        } catch {
            interrupts.holdIfInterrupted()
            throw ExitStatus.report(error)
        }
        if output != "-" { printError("wxr: \(report.summaryLine); report in \(output)") }
        if let stoppedBy = report.stoppedBy {
            printError("wxr: \(stoppedBy)")
            throw ExitStatus.unreadableInput
        }
        if report.hasErrors { throw ExitStatus.findingsWithErrors }
    }
}
