import ArgumentParser
import Foundation
import WXRKit
import WXRMedia

struct Media: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Put the site's images and files into a site folder: downloaded, or copied from a backup.",
        discussion: """
            Reads the export for every file of the old site's own hosts: attachments, and images, links to files, \
            audio, video, galleries and featured images in the posts. Each goes where the flavor serves it \
            (static/ for hugo, the root for jekyll, public/ for eleventy and astro, media/ for plain), under \
            /wp-content/uploads/YYYY/MM/, the paths the Markdown already links to. WordPress.com and Jetpack CDN \
            addresses (files.wordpress.com, i0.wp.com, ?w=300) are the same file: the original is fetched.

            Files are downloaded unless --from names a local copy of wp-content/uploads; with --from, what the \
            copy lacks is downloaded only with --download-media. Each file is written under a temporary name and \
            renamed when complete, and wxr/media.json records it, so a second run takes only what is missing and \
            an interrupted one resumes. Files of other sites are left alone unless --media-hosts names them.

            Every file that could not be had is a finding in the report (SITE.media.report.json), with the posts \
            that use it; the exit code is then 1.

            Examples:
              wxr media export.xml --output mysite
              wxr media export.xml --output mysite --from backup/wp-content/uploads
            """)

    @Argument(help: "The WXR file to read (XML, or gzip, xz or zip: read as it streams, never unpacked), or - for standard input.")
    var input: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The site folder (one wxr convert wrote, or any folder).", valueName: "folder"))
    var output: String

    @Option(help: "The site generator the folder is laid out for; read from the folder (hugo.toml, _config.yml, astro.config.mjs, src/content, post/) when not given.")
    var flavor: SiteFlavor?

    @Flag(name: .shortAndLong, help: "Print nothing on standard error but errors.")
    var quiet = false

    @OptionGroup(title: "Media")
    var media: MediaArguments

    func run() async throws {
        let interrupts = InterruptCleanup()
        guard let flavor = flavor ?? Self.detectFlavor(of: output) else {
            throw ValidationError("cannot tell which generator \(output) is for: give --flavor")
        }
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        let step = MediaStep(siteFolder: output, flavor: flavor, arguments: media,
                             download: media.mediaFrom == nil || media.downloadMedia, staging: interrupts.staging, quiet: quiet)
        let outcome: MediaStep.Outcome
        do {
            let recorder = MediaPlanRecorder(passingTo: nil, arguments: media)
            try WXRReader(path: input).export(to: recorder)
            outcome = try await step.run(recorder.plan)
        } catch {
            interrupts.holdIfInterrupted()
            throw ExitStatus.report(error)
        }
        var report = ValidationReport(inputName: input)
        report.findings.add(contentsOf: outcome.findings)
        let reportPath = Convert.reportPath(besideOutput: output).map { String($0.dropLast(".report.json".count)) + ".media.report.json" }
        if let reportPath {
            let file = try StagedFile(target: .file(path: reportPath, replacing: true), staging: interrupts.staging)
            try file.write(report.json)
            try file.commit()
        }
        if !quiet {
            printError("wxr: \(MediaStep.summaryLine(outcome.summary))")
            FindingsSummary.print(report, reportPath: reportPath)
        }
        if report.hasErrors { throw ExitStatus.findingsWithErrors }
    }

    /// The flavor `folder` is laid out for, by the files each generator (or wxr's layout for it) has there; `nil`
    /// when nothing tells. Eleventy and Astro keep media in the same place, so telling them apart matters little.
    static func detectFlavor(of folder: String) -> SiteFlavor? {
        let manager = FileManager.default
        func has(_ names: String...) -> Bool { names.contains { manager.fileExists(atPath: folder + "/" + $0) } }
        if has("hugo.toml", "hugo.yaml", "hugo.json", "config.toml") { return .hugo }
        if has("_config.yml", "_config.yaml", "_posts") { return .jekyll }
        if has("astro.config.mjs", "astro.config.js", "astro.config.ts", "src/data/menus.yaml") { return .astro }
        if has("eleventy.config.js", "eleventy.config.mjs", ".eleventy.js", "src/_data", "src/content") { return .eleventy }
        if has("post", "page", "wxr/_redirects") { return .plain }
        return nil
    }
}
