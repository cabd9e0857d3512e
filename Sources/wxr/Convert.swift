import ArgumentParser
import Foundation
import WXRKit
import WXRMedia

struct Convert: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert an export to another format.",
        // Paragraphs are single lines (continued with a backslash): the help wraps them to the terminal.
        discussion: """
            Formats: \(ExporterRegistry.standard.entries.map { "\($0.name) (\($0.summary))" }.joined(separator: "; ")).

            The output is written under a temporary name and renamed when complete: a failed or interrupted \
            run leaves no half-written file, and an existing output is kept unless --force is given.

            Every conversion also validates: the report goes, as JSON, beside the output (site.json gives \
            site.json.report.json; --report names another file) and its summary to standard error. Damage is \
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

    @Argument(help: "The WXR file to read (XML, or gzip, xz or zip: read as it streams, never unpacked), or - for standard input.")
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

    @OptionGroup(title: "Media (--to markdown)")
    var media: MediaArguments

    func validate() throws {
        if media.isRequested && format != "markdown" {
            throw ValidationError("--download-media and --media-from go with --to markdown: media go in a site folder")
        }
    }

    func run() async throws {
        let interrupts = InterruptCleanup()
        defer { withExtendedLifetime(interrupts) {} }
        let registry = ExporterRegistry.standard
        guard let entry = registry.entry(named: format) else {
            throw ValidationError("unknown format \"\(format)\"; known: \(registry.names.joined(separator: ", "))")
        }
        let reportPath = report ?? Self.reportPath(besideOutput: output)
        let summary: ExportSummary
        var validation = ValidationReport(inputName: input)
        var mediaSummary: MediaTransfer.Summary?
        var progress: ProgressBar?
        defer { progress?.clear() }
        do {
            // Refuse before converting, rather than after, to replace a report. An output updated in place
            // run after run (a site folder) has its report updated with it.
            let reportFile = try reportPath.map {
                try StagedFile(target: .file(path: $0, replacing: force || entry.updatesInPlace), staging: interrupts.staging)
            }
            defer { reportFile?.discard() }
            let reader = try WXRReader(path: input)
            var options = ExportOptions(output: OutputTarget(path: output, replacing: force), staging: interrupts.staging)
            var siteOptions = try site.options()
            siteOptions.mediaOriginals = media.mediaOriginals
            siteOptions.mediaHosts = media.extraHosts
            options[MarkdownSiteOptions.self] = siteOptions
            // With media asked for, their plan is made from the same reading as the site.
            let recorder = media.isRequested ? MediaPlanRecorder(passingTo: try entry.make(options), arguments: media) : nil
            let exporter = ValidatingExporter(wrapping: try recorder ?? entry.make(options), inputName: reader.inputName,
                                              contentCheck: UnknownShortcodeCheck())
            if !quiet { interrupts.reportRemovedLeftovers() }
            if !quiet, output != "-", isatty(STDERR_FILENO) != 0 { progress = ProgressBar(total: Self.fileSize(input)) }
            // Unreadable input leaves nothing behind, report included: `wxr validate` reports on it.
            summary = try reader.export(to: exporter, progress: progress.map { bar in { bar.update($0) } })
            progress?.clear()
            var report = exporter.report
            if let recorder {
                let step = MediaStep(siteFolder: output, flavor: site.flavor, arguments: media,
                                     download: media.downloadMedia, staging: interrupts.staging, quiet: quiet)
                let outcome = try await step.run(recorder.plan)
                report.findings.add(contentsOf: outcome.findings)
                mediaSummary = outcome.summary
            }
            validation = report
            try reportFile.map { try Self.write(report, to: $0) }
        } catch {
            interrupts.holdIfInterrupted()
            progress?.clear()
            if !quiet { interrupts.reportRemovedLeftovers() }
            throw ExitStatus.report(error)
        }
        progress?.clear()
        if !quiet {
            let destination = output == "-" ? "standard output" : output
            let counts = "\(Counted(summary.posts, "item")), \(Counted(summary.comments, "comment")), "
                + "\(Counted(summary.terms, "term")) and \(Counted(summary.authors, "author")) (\(format))"
            printError("wxr: wrote \(destination): \(summary.outcome.summary ?? counts)")
            for note in summary.outcome.notes { printError("wxr: \(note)") }
            if let mediaSummary { printError("wxr: \(MediaStep.summaryLine(mediaSummary))") }
            let protected = validation.findings.count(of: .siteProtectedLeftOut)
            if protected > 0 {
                printError("wxr: --include-protected writes the \(Counted(protected, "password-protected post")) left out "
                    + "(their content becomes public)")
            }
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

    /// The output's name with `.report.json` added, beside it: `site.json` gives `site.json.report.json` and a
    /// folder `mysite/` gives `mysite.report.json`, so that two formats of one export in one folder
    /// (`site.ndjson`, `site.db`) never share a report. Standard output gives none. A relative output gives a
    /// relative path, as the user typed it.
    static func reportPath(besideOutput output: String) -> String? {
        guard output != "-" else { return nil }
        var path = output
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        return path + ".report.json"
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
