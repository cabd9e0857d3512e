import Foundation
import Testing
@testable import WXRKit

/// Formats by name: the built-in four, one of your own registered beside them with options of its own, and an
/// unknown name refused with the names known.
@Suite struct ExporterRegistryTests {
    struct CountingOptions: FormatOptions {
        var prefix = "posts:"
    }

    /// A format that implements only what it needs: the rest are the protocol's defaults.
    final class PostCounter: Exporter {
        let prefix: String
        var posts = 0
        init(prefix: String) { self.prefix = prefix }
        func write(post: Post) throws { posts += 1 }
        func finish(findings: [Finding]) throws -> ExportOutcome { ExportOutcome(summary: "\(prefix) \(posts)") }
        func abandon() {}
    }

    @Test func theStandardFormats() {
        #expect(ExporterRegistry.standard.names == ["json", "ndjson", "sqlite", "markdown"])
        #expect(ExporterRegistry.standard.entry(named: "markdown")?.updatesInPlace == true)
        #expect(ExporterRegistry.standard.entry(named: "json")?.updatesInPlace == false)
    }

    @Test func aFormatOfYourOwnWithItsOwnOptions() throws {
        var registry = ExporterRegistry.standard
        registry.register("count", summary: "counts posts") { options in PostCounter(prefix: options[CountingOptions.self].prefix) }
        #expect(registry.names.last == "count")
        var options = ExportOptions(output: .standardOutput)
        #expect(options[CountingOptions.self].prefix == "posts:", "unset options are the format's defaults")
        options[CountingOptions.self].prefix = "items:"
        let exporter = try registry.makeExporter(named: "count", options: options)
        let summary = try WXRReader(path: Paths.packageRoot.appendingPathComponent("samples/looking-left.wordpress.xml").path)
            .export(to: exporter)
        #expect(summary.outcome.summary == "items: 8")
        #expect(exporter.findsWhileWriting.isEmpty)
    }

    @Test func registeringANameAgainReplacesIt() throws {
        var registry = ExporterRegistry()
        registry.register("a", summary: "first") { _ in PostCounter(prefix: "1") }
        registry.register("a", summary: "second") { _ in PostCounter(prefix: "2") }
        #expect(registry.entries.map(\.summary) == ["second"])
    }

    @Test func anUnknownNameIsRefusedWithTheNamesKnown() {
        #expect(throws: ExportError.unknownFormat(name: "xml", known: ["json", "ndjson", "sqlite", "markdown"])) {
            _ = try ExporterRegistry.standard.makeExporter(named: "xml", options: ExportOptions(output: .standardOutput))
        }
    }

    @Test func aSiteIsAFolderNotStandardOutput() {
        #expect(throws: ExportError.self) {
            _ = try ExporterRegistry.standard.makeExporter(named: "markdown", options: ExportOptions(output: .standardOutput))
        }
    }

    /// Library errors say what happened; what to type about it is the command line's to say.
    @Test func libraryErrorsNameNoFlag() {
        let errors: [ExportError] = [
            .outputExists(path: "site.db"), .outputNotRecognized(path: "site", reason: "its manifest is damaged"),
            .cannotWrite(path: "x", reason: "disk full"),
        ]
        for error in errors { #expect(!error.description.contains("--"), "\(error)") }
    }
}
