import Foundation
import Testing

/// What the user reads: help that wraps to the terminal, counts in words, paths as the user typed them.
@Suite struct MessagesCLITests {
    static let commands = [[], ["convert"], ["batch"], ["validate"], ["stats"], ["render"]]

    @Test(arguments: commands)
    func helpWrapsToTheTerminal(command: [String]) throws {
        var environment = ProcessInfo.processInfo.environment
        environment["COLUMNS"] = "80"
        let help = try run(CLITests.binary, command + ["--help"], environment: environment)
        #expect(help.status == 0)
        let lines = help.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for line in lines where !line.hasPrefix("USAGE:") {
            #expect(line.count <= 80, "too wide: \(line)")
        }
        // A paragraph wrapped twice (by hand, then by the terminal) leaves short lines inside it.
        for (line, next) in zip(lines, lines.dropFirst())
        where !line.isEmpty && !next.isEmpty && !line.hasPrefix(" ") && !next.hasPrefix(" ") && !line.hasSuffix(":") {
            #expect(line.count >= 60, "ragged: \"\(line)\" then \"\(next)\"")
        }
    }

    @Test func theSummaryCountsInWordsAndNamesTheReportAsTyped() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try run(CLITests.binary, ["convert", CLITests.sample, "--to", "markdown", "--output", "mysite/"],
                             workingDirectory: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains(" 1 media file listed, "))
        #expect(result.stderr.contains("; report in mysite.report.json\n"))
        #expect(result.stderr.contains("  note: privacy.personal-data × 1, first at line 229"))
        #expect(!result.stderr.contains(directory.path), "an absolute path where the user typed a relative one")
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("mysite.report.json").path))

        let json = try run(CLITests.binary, ["convert", CLITests.sample, "--to", "json", "--output", "site.json"],
                           workingDirectory: directory)
        #expect(json.stderr.hasPrefix("wxr: wrote site.json: 8 items, 8 comments, 12 terms and 3 authors (json)\n"))
        #expect(json.stderr.contains("; report in site.json.report.json\n"))
    }

    @Test func reportPathsSitBesideTheOutput() {
        #expect(Self.reportPath("site.ndjson") == "site.ndjson.report.json")
        #expect(Self.reportPath("site.json") == "site.json.report.json")
        #expect(Self.reportPath("out/site.db") == "out/site.db.report.json")
        #expect(Self.reportPath("/out/site") == "/out/site.report.json")   // absolute, as typed
    }

    /// The report path convert prints for `output`, read from its summary line.
    static func reportPath(_ output: String) -> String? {
        guard let directory = try? CLITests.temporaryDirectory() else { return nil }
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = output.hasPrefix("/") ? directory.path + output : output
        try? FileManager.default.createDirectory(atPath: directory.appendingPathComponent("out").path, withIntermediateDirectories: true)
        guard let result = try? run(CLITests.binary, ["convert", CLITests.sample, "--to", output.hasSuffix(".json") ? "json" : "sqlite",
                                                      "--output", target], workingDirectory: directory),
              let line = result.stderr.split(separator: "\n").first(where: { $0.contains("; report in ") }),
              let range = line.range(of: "; report in ") else { return nil }
        let path = String(line[range.upperBound...])
        return output.hasPrefix("/") ? String(path.dropFirst(directory.path.count)) : path
    }

    /// Two formats of one export in one folder each get a report of their own.
    @Test func aSecondFormatDoesNotCollideWithTheFirst() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for output in ["site.ndjson", "site.db", "site.json"] {
            let format = ["ndjson": "ndjson", "db": "sqlite", "json": "json"][(output as NSString).pathExtension]!
            let result = try run(CLITests.binary, ["convert", CLITests.sample, "--to", format, "--output", output],
                                 workingDirectory: directory)
            #expect(result.status == 0, "\(output): \(result.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == [
            "site.db", "site.db.report.json", "site.json", "site.json.report.json", "site.ndjson", "site.ndjson.report.json",
        ])
    }
}
