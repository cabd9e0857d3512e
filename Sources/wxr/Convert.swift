import ArgumentParser
import Foundation
import WXRKit

struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert an export to another format.",
        // Paragraphs are single lines (continued with a backslash): the help wraps them to the terminal.
        discussion: """
            Formats: \(ExporterRegistry.standard.entries.map { "\($0.name) (\($0.summary))" }.joined(separator: "; ")).

            The output is written under a temporary name and renamed when complete: a failed or interrupted \
            run leaves no half-written file, and an existing output is kept unless --force is given.

            Every conversion also validates: the report goes, as JSON, beside the output (site.json gives \
            site.report.json; --report names another file) and its summary to standard error. Damage is \
            repaired or read around; the exit code is 1 when the report has errors, though the output is \
            written with every intact item.

            --to markdown writes a folder a static site generator builds as it is (--flavor hugo, jekyll, \
            eleventy, astro or plain): Markdown with YAML front matter, comments, term pages, menus, a starter \
            config and layouts, and redirect maps (Netlify, nginx, Apache, CSV) from every old URL. Give the \
            new site's address with --site-url. The folder is built beside its target and swapped in whole; \
            re-running into it replaces only what changed and never deletes files you added.

            Examples:
              wxr convert export.xml --to json --output site.json
              cat export.xml | wxr convert - --to ndjson --output -
              wxr convert export.xml --to markdown --flavor hugo --output mysite
              wxr convert export.xml --to markdown -o mysite --site-url https://example.org/
            """)

    @Argument(help: "The WXR file to read, or - for standard input.")
    var input: String

    @Option(name: .customLong("to"),
            help: ArgumentHelp("The output format: \(ExporterRegistry.standard.names.joined(separator: ", ")).", valueName: "format"))
    var format: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The file (or, for markdown, the folder) to write, or - for standard output.",
                                                   valueName: "path"))
    var output: String

    @Option(help: ArgumentHelp("Where to write the validation report (JSON); by default beside the output, none with --output -.",
                               valueName: "file"))
    var report: String?

    @Flag(help: "Replace the output (and the report) if they exist.")
    var force = false

    @Flag(name: .shortAndLong, help: "Print nothing on standard error but errors.")
    var quiet = false

    @OptionGroup(title: "Markdown site (--to markdown)")
    var site: SiteArguments

    func run() throws {
        let interrupts = InterruptCleanup()
        defer { withExtendedLifetime(interrupts) {} }
        let registry = ExporterRegistry.standard
        guard registry.names.contains(format) else {
            throw ValidationError("unknown format \"\(format)\"; known: \(registry.names.joined(separator: ", "))")
        }
        let reportPath = report ?? Self.reportPath(besideOutput: output)
        let summary: ExportSummary
        var validating: ValidatingExporter?
        var siteExporter: MarkdownSiteExporter?
        var progress: ProgressBar?
        defer { progress?.clear() }
        do {
            // Refuse before converting, rather than after, to replace a report.
            // A site folder is updated in place run after run; its report goes with it.
            let reportFile = try reportPath.map {
                try StagedFile(target: .file(path: $0, replacing: force || format == "markdown"), staging: interrupts.staging)
            }
            defer { reportFile?.discard() }
            let reader = try WXRReader(path: input)
            let inner = try registry.makeExporter(
                named: format,
                options: ExportOptions(output: OutputTarget(path: output, replacing: force), markdown: try site.options(),
                                       staging: interrupts.staging))
            if !quiet { interrupts.reportRemovedLeftovers() }
            siteExporter = inner as? MarkdownSiteExporter
            if let siteExporter, !quiet, isatty(STDERR_FILENO) != 0 {
                progress = ProgressBar(total: Self.fileSize(input))
                siteExporter.progress = { [progress] _ in progress?.update(reader.bytesRead) }
            }
            let exporter = ValidatingExporter(wrapping: inner, inputName: reader.inputName, contentCheck: UnknownShortcodeCheck())
            validating = exporter
            // Unreadable input leaves nothing behind, report included: `wxr validate` reports on it.
            summary = try reader.export(to: exporter)
            try reportFile.map { try Self.write(exporter.report, to: $0) }
        } catch {
            progress?.clear()
            if !quiet { interrupts.reportRemovedLeftovers() }
            throw ExitStatus.report(error)
        }
        progress?.clear()
        let validation = validating!.report
        if !quiet, let siteExporter {
            printError("wxr: wrote \(output) (\(site.flavor.rawValue)): \(siteExporter.summary)")
            if let changes = siteExporter.changes { printError("wxr: files: \(changes.summary)") }
            if [.hugo, .jekyll].contains(site.flavor) {
                printError(site.siteURL.map { "wxr: site URL \($0) (in the starter config and the redirect maps)" }
                    ?? "wxr: no --site-url given: links and redirects are relative to /, so the site works wherever it is served")
            }
            FindingsSummary.print(validation, reportPath: reportPath)
        } else if !quiet {
            let destination = output == "-" ? "standard output" : output
            printError("wxr: wrote \(Counted(summary.posts, "item")), \(Counted(summary.comments, "comment")), "
                + "\(Counted(summary.terms, "term")) and \(Counted(summary.authors, "author")) to \(destination) (\(format))")
            FindingsSummary.print(validation, reportPath: reportPath)
        }
        if validation.hasErrors {
            throw ExitStatus.findingsWithErrors
        }
    }

    private static func fileSize(_ path: String) -> Int? {
        var status = stat()
        guard path != "-", stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        return Int(status.st_size)
    }

    /// `site.json` gives `site.report.json`, beside it, and a folder `mysite/` gives `mysite.report.json`;
    /// standard output gives none. A relative output gives a relative path, as the user typed it.
    static func reportPath(besideOutput output: String) -> String? {
        guard output != "-" else { return nil }
        var path = output
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        let name = (path as NSString).lastPathComponent
        let stem = (name as NSString).pathExtension.isEmpty ? name : (name as NSString).deletingPathExtension
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? stem + ".report.json" : (folder as NSString).appendingPathComponent(stem + ".report.json")
    }

    private static func write(_ report: ValidationReport, to file: StagedFile) throws {
        try file.write(report.json)
        try file.commit()
    }
}

/// A short account of findings on standard error.
enum FindingsSummary {
    /// The report's totals and its codes, most serious first.
    static func print(_ report: ValidationReport, reportPath: String?, limit: Int = 8) {
        let groups = report.groups
        let place = reportPath.map { "; report in \($0)" } ?? ""
        printError("wxr: \(report.summaryLine)\(place)")
        for group in groups.prefix(limit) {
            let first = group.examples.first.flatMap(\.line).map { ", first at line \($0)" } ?? ""
            printError("  \(group.severity.label): \(group.code) × \(Counted.grouped(group.count))\(first)")
        }
        if groups.count > limit { printError("  ... and \(Counted(groups.count - limit, "more code"))") }
    }

    static func print(_ findings: [Finding], limit: Int = 5) {
        guard !findings.isEmpty else { return }
        printError("wxr: \(Counted(findings.count, "finding")):")
        for finding in findings.prefix(limit) {
            let place = finding.line.map { "line \($0): " } ?? ""
            printError("  \(finding.severity.label): \(place)\(finding.message) [\(finding.code)]")
        }
        if findings.count > limit { printError("  ... and \(findings.count - limit) more") }
    }
}
