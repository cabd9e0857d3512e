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

            Several inputs are the parts of one site (wp export --max_file_size writes site.wordpress.DATE.000.xml, \
            .001.xml...), read in order as one export into one output: links, parents and featured images resolve \
            across parts; authors and terms that parts repeat are kept once; an item an earlier part has is \
            skipped, the first copy kept as WordPress's importer keeps it, and reported. The parts of two sites \
            (whose base URLs differ) are refused, unless --allow-mixed-sites is given. Standard input is read alone.

            Examples:
              wxr convert export.xml --to json --output site.json
              wxr convert site.wordpress.2024-01-15.0*.xml --to sqlite --output site.db
              cat export.xml | wxr convert - --to ndjson --output -
              wxr convert export.xml --to markdown --flavor hugo --output mysite
              wxr convert export.xml --to markdown -o mysite --site-url https://example.org/
            """)

    @Argument(help: ArgumentHelp("The WXR file to read (XML, or gzip, xz or zip, read as it streams), or - for standard "
                                 + "input; several files (or a zip of several) are the parts of one site.", valueName: "input"))
    var inputs: [String]

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

    @Flag(help: "Read parts whose sites' addresses differ as one site (refused otherwise).")
    var allowMixedSites = false

    @Option(help: ArgumentHelp("Threads converting posts for --to markdown (default: one per core). The output is the same "
                                   + "whatever the number.", valueName: "n"))
    var jobs: Int?

    /// Progress and counts as ``StatusLine``s on standard error, for `wxr batch`.
    @Flag(help: .private)
    var statusLines = false

    @OptionGroup(title: "Markdown site (--to markdown)")
    var site: SiteArguments

    @OptionGroup(title: "Media (--to markdown)")
    var media: MediaArguments

    @Flag(help: "With --to ndjson: write a folder of tables, one file per kind (posts, comments, postmeta…), for DuckDB or Spark.")
    var splitByKind = false

    func validate() throws {
        if splitByKind && format != "ndjson" {
            throw ValidationError("--split-by-kind goes with --to ndjson: it splits the NDJSON lines into a file per kind")
        }
        if splitByKind && output == "-" {
            throw ValidationError("--split-by-kind writes a folder: give --output a folder's name, not -")
        }
        if media.isRequested && format != "markdown" {
            throw ValidationError("--download-media and --media-from go with --to markdown: media go in a site folder")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if inputs.count > 1, inputs.contains("-") {
            throw ValidationError("standard input (-) cannot be one of several parts: parts are read twice (their "
                + "authors and terms first, then their items); save it to a file, or give it alone")
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
        var validation = ValidationReport(inputName: inputs.joined(separator: ", "))
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
            let input = try ConvertInput(paths: inputs, allowsMixedSites: allowMixedSites)
            var options = ExportOptions(output: OutputTarget(path: output, replacing: force), staging: interrupts.staging)
            var siteOptions = try site.options(jobs: jobs)
            siteOptions.mediaOriginals = media.mediaOriginals
            siteOptions.mediaHosts = media.extraHosts
            options[MarkdownSiteOptions.self] = siteOptions
            options[NDJSONOptions.self] = NDJSONOptions(splitsByKind: splitByKind)
            // With media asked for, their plan is made from the same reading as the site.
            let recorder = media.isRequested ? MediaPlanRecorder(passingTo: try entry.make(options), arguments: media) : nil
            let exporter = ValidatingExporter(wrapping: try recorder ?? entry.make(options), inputName: input.name,
                                              contentCheck: UnknownShortcodeCheck())
            if !quiet { interrupts.reportRemovedLeftovers() }
            if !quiet, output != "-", isatty(STDERR_FILENO) != 0 { progress = ProgressBar(total: input.size) }
            let bar = progress, status = statusLines ? StatusLineWriter() : nil
            // Unreadable input leaves nothing behind, report included: `wxr validate` reports on it.
            summary = try input.source.export(to: exporter, progress: bar == nil && status == nil ? nil : { done in
                bar?.update(done.bytesRead)
                status?.progress(done)
            })
            progress?.clear()
            var report = exporter.report
            if let parted = input.parted { report.locateParts(in: parted) }
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
        if statusLines { StatusLine.done(StatusLine.Counts(summary: summary, report: validation)).print() }
        if validation.hasErrors {
            throw ExitStatus.findingsWithErrors
        }
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
            let first = group.examples.first?.placeDescription.map { ", first at \($0)" } ?? ""
            printError("  \(group.severity.label): \(group.code) × \(Counted.grouped(group.count))\(first)")
        }
        if groups.count > limit { printError("  ... and \(Counted(groups.count - limit, "more code"))") }
    }

    static func print(_ findings: [Finding], limit: Int = 5) {
        guard !findings.isEmpty else { return }
        printError("wxr: \(Counted(findings.count, "finding")):")
        for finding in findings.prefix(limit) {
            let place = finding.placeDescription.map { "\($0): " } ?? ""
            printError("  \(finding.severity.label): \(place)\(finding.message) [\(finding.code)]")
        }
        if findings.count > limit { printError("  ... and \(findings.count - limit) more") }
    }
}
