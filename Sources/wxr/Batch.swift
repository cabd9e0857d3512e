import ArgumentParser
import Foundation
import WXRKit

struct Batch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert many sites, each export to its own output, several at a time.",
        // Paragraphs are single lines (continued with a backslash): the help wraps them to the terminal.
        discussion: """
            Each input is one site: an export file, or a folder searched (and its subfolders, but for hidden \
            ones and wxr's own outputs) for files named .xml, .xml.gz, .xml.xz or .zip whose first bytes are XML, \
            gzip, xz or zip. A site goes to OUTPUT/NAME.EXT (a folder OUTPUT/NAME for markdown), its report beside \
            it, NAME being the file's name without its extensions and without the .wordpress.DATE that WordPress \
            adds; names are made unique (site, site-2...).

            Each site is converted by wxr convert in a process of its own, --jobs at a time: one that is \
            unreadable, not an export, cannot be written or crashes stops no other, and leaves no half-written \
            output. Media are not downloaded (use wxr media on each site folder).

            At the end, a table on standard error (--summary-json writes it as JSON too). Exit status: 0 every \
            site converted cleanly, 1 some reports have warnings or errors, 2 a site failed.

            Examples:
              wxr batch exports/ --to sqlite --output databases --summary-json summary.json
              wxr batch a.xml b.xml --to markdown --flavor jekyll --output sites
            """)

    @Argument(help: ArgumentHelp("Exports, and folders to search for them.", valueName: "input"))
    var inputs: [String]

    @Option(name: .customLong("to"),
            help: ArgumentHelp("The output format: \(ExporterRegistry.standard.names.joined(separator: ", ")).", valueName: "format"))
    var format: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The folder to write the sites in (made if missing).", valueName: "folder"))
    var output: String

    @Option(help: ArgumentHelp("Sites converted at once (default: one per core).", valueName: "n"))
    var jobs: Int?

    @Option(help: ArgumentHelp("Where to write the table of sites as JSON as well.", valueName: "file"))
    var summaryJSON: String?

    @Option(help: ArgumentHelp("Progress on standard error: auto (on a terminal), plain (a line every ten seconds, for logs) "
                                   + "or none.", valueName: "style"))
    var progress: ProgressOption = .auto

    @Flag(help: ArgumentHelp("With --to ndjson: a folder of flat NDJSON tables per site (site, authors, terms, posts, "
                             + "comments, postmeta, commentmeta), so that one glob over the sites is one table."))
    var splitByKind = false

    @Flag(help: "Replace the outputs, reports and summary if they exist.")
    var force = false

    @Flag(name: .shortAndLong, help: "Print nothing on standard error but why sites failed.")
    var quiet = false

    @OptionGroup(title: "Markdown site (--to markdown)")
    var site: SiteArguments

    enum ProgressOption: String, ExpressibleByArgument, CaseIterable {
        case auto, plain, none
    }

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if inputs.contains("-") { throw ValidationError("standard input (-) cannot be a site of a batch; save it to a file") }
        if splitByKind && format != "ndjson" {
            throw ValidationError("--split-by-kind goes with --to ndjson: it splits each site's NDJSON into a file per kind")
        }
        guard ExporterRegistry.standard.entry(named: format) != nil else {
            throw ValidationError("unknown format \"\(format)\"; known: \(ExporterRegistry.standard.names.joined(separator: ", "))")
        }
    }

    func run() throws {
        let children = ChildProcesses()
        let interrupts = InterruptCleanup { signal in children.stopAll(signal: signal) }
        defer { withExtendedLifetime(interrupts) {} }
        let sites: [BatchSite]
        let skipped: [String]
        let summaryFile: StagedFile?
        do {
            // Refused now, rather than after converting every site, if it exists.
            summaryFile = try summaryJSON.map { try StagedFile(target: .file(path: $0, replacing: force), staging: interrupts.staging) }
            do {
                try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            } catch {
                throw ExportError.cannotWrite(path: output, reason: "cannot make the folder (\(error.localizedDescription))")
            }
            (sites, skipped) = try findSites()
        } catch {
            throw ExitStatus.report(error)
        }
        defer { summaryFile?.discard() }
        if !quiet {
            for path in skipped { printError("wxr: skipped \(path): named as an export, but not XML, gzip, xz or zip") }
        }
        guard !sites.isEmpty else {
            printError("wxr: no export found in \(inputs.joined(separator: ", "))")
            throw ExitStatus.unreadableInput
        }
        let start = Date()
        let outcomes = convert(sites, children: children)
        // Interrupted: the sites ended because they were stopped; the interrupt's handler ends the batch with
        // 128 and the signal's number once they have cleaned up.
        if children.isStopping { while true { pause() } }
        let summary = BatchSummary(sites: sites, outcomes: outcomes, skipped: skipped, seconds: Date().timeIntervalSince(start))
        if quiet {
            for (site, outcome) in zip(sites, outcomes) where outcome.status == .failed {
                printError("wxr: \(site.name): \(outcome.messages.joined(separator: "; "))")
            }
        } else {
            FileHandle.standardError.write(Data(summary.table.utf8))
        }
        do {
            try summaryFile.map { file in
                try file.write(summary.json)
                try file.commit()
            }
        } catch {
            throw ExitStatus.report(error)
        }
        if summary.exitCode != 0 { throw ExitCode(summary.exitCode) }
    }

    /// The sites of the inputs: each file given, and the exports found in each folder given; and the files of
    /// those folders named as exports that are not.
    private func findSites() throws -> (sites: [BatchSite], skipped: [String]) {
        var search = ExportSearch(excluding: [output])
        var exports: [String] = []
        for input in inputs {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: input, isDirectory: &isFolder), isFolder.boolValue {
                exports += try search.exports(in: input)
            } else {
                // Given by name: converted, or reported, whatever it holds.
                exports.append(input)
            }
        }
        let fileExtension = splitByKind ? nil : Self.fileExtension(of: format)
        return (BatchSite.sites(of: exports, outputFolder: output, fileExtension: fileExtension), search.skipped)
    }

    /// The extension of a format's output file; nil for a folder.
    static func fileExtension(of format: String) -> String? {
        switch format {
        case "markdown": nil
        case "sqlite": "db"
        default: format
        }
    }

    /// Converts the sites, `jobs` at a time, each in a child process; their outcomes in the order of `sites`.
    private func convert(_ sites: [BatchSite], children: ChildProcesses) -> [BatchOutcome] {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let jobs = jobs ?? cores
        let executable = Bundle.main.executablePath ?? CommandLine.arguments[0]
        var options = ["--to", format]
        if force { options.append("--force") }
        if splitByKind { options.append("--split-by-kind") }
        if format == "markdown" {
            // The cores are shared between the sites converted at once.
            options += site.commandLine + ["--jobs", String(max(1, cores / jobs))]
        }
        let childOptions = options
        let sizes = sites.map { ConvertInput.fileSize($0.input) }
        let style: BatchProgress.Style = switch progress {
        case _ where quiet: .none
        case .auto: isatty(STDERR_FILENO) != 0 ? .terminal : .none
        case .plain: .plain
        case .none: .none
        }
        let display = BatchProgress(style: style, siteCount: sites.count, totalBytes: sizes.reduce(0) { $0 + ($1 ?? 0) })
        let queue = BatchQueue(count: sites.count)
        let workers = DispatchGroup()
        for _ in 0..<min(jobs, sites.count) {
            workers.enter()
            // Threads of their own: each waits on its child's output, which would starve Swift's task pool.
            Thread {
                defer { workers.leave() }
                while let index = queue.next() {
                    let site = sites[index]
                    display.started(index, name: site.name, size: sizes[index])
                    let outcome = SiteConversion(executable: executable, site: site, options: childOptions)
                        .run(children: children) { display.update(index, $0) }
                    queue.record(outcome, at: index)
                    display.finished(index, name: site.name, size: sizes[index], outcome: outcome)
                }
            }.start()
        }
        while workers.wait(timeout: .now() + 0.2) == .timedOut { display.tick() }
        display.clear()
        return queue.outcomes
    }
}
