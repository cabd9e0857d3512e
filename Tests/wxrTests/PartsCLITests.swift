import Foundation
import Testing

/// `wxr convert PART...`: the parts of one site, as `wp export` splits it, converted into one output that is the
/// whole export's; repeated items reported; parts of two sites refused unless --allow-mixed-sites.
@Suite struct PartsCLITests {
    static let needsGenerator = Testing.ConditionTrait.enabled(if: Externals.wxrgen != nil,
                                                               "skipped: needs python3 and ../shared/tools/wxrgen.py")

    /// A generated export, whole and split into `count` parts.
    struct Split {
        let directory: URL
        let whole: String
        let parts: [String]
        let splitter: ExportSplitter

        init(posts: Int = 300, seed: Int, count: Int = 3, includeOnce: Bool = false, baseURL: String? = nil) throws {
            directory = try CLITests.temporaryDirectory()
            whole = directory.appendingPathComponent("whole.xml").path
            try Externals.generate(["--posts", "\(posts)", "--seed", "\(seed)"] + (baseURL.map { ["--base-url", $0] } ?? []), to: whole)
            splitter = try ExportSplitter(text: String(contentsOfFile: whole, encoding: .utf8))
            parts = try ExportSplitter.write(splitter.parts(count, includeOnce: includeOnce), named: "site.wordpress.2024-01-15",
                                             in: directory)
        }

        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
    }

    /// The JSON document without `line` keys: a part's lines are its own.
    static func withoutLines(_ value: Any) -> Any {
        switch value {
        case let object as [String: Any]: object.filter { $0.key != "line" }.mapValues(withoutLines)
        case let array as [Any]: array.map(withoutLines)
        default: value
        }
    }

    static func json(_ path: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static func sameJSON(_ path: String, _ other: String) throws -> Bool {
        let one = try JSONSerialization.data(withJSONObject: withoutLines(json(path)), options: [.sortedKeys])
        let two = try JSONSerialization.data(withJSONObject: withoutLines(json(other)), options: [.sortedKeys])
        return one == two
    }

    /// Every table but `findings`, row by row without `line` columns, as sqlite3 quotes them.
    static func tables(of database: String, sqlite3: String) throws -> String {
        let names = try run(sqlite3, [database, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            + "AND name NOT LIKE 'posts_fts_%' AND name != 'findings' ORDER BY name"]).stdout.split(separator: "\n")
        var dump = ""
        for name in names {
            let columns = try run(sqlite3, [database, "SELECT name FROM pragma_table_info('\(name)') WHERE name != 'line'"])
                .stdout.split(separator: "\n").map { "\"\($0)\"" }.joined(separator: ", ")
            // `site` is WITHOUT ROWID: its key orders it.
            let order = name == "site" ? "key" : "rowid"
            let rows = try run(sqlite3, ["-cmd", ".mode quote", database, "SELECT \(columns) FROM \"\(name)\" ORDER BY \(order)"])
            #expect(rows.status == 0 && rows.stderr.isEmpty, "\(rows.stderr)")
            dump += "\(name)\n\(rows.stdout)"
        }
        return dump
    }

    /// Would catch a part's authors or terms doubled, items lost or reordered at a part's edge, or references
    /// across parts broken: the same JSON and the same database as the whole export.
    @Test(needsGenerator, arguments: [false, true])
    func partsConvertToTheWholesOutputs(includeOnce: Bool) throws {
        let split = try Split(seed: 31, includeOnce: includeOnce)
        defer { try? FileManager.default.removeItem(at: split.directory) }
        let whole = try CLITests.wxr("convert", split.whole, "--to", "json", "--output", split.path("whole.json"))
        try #require(whole.status == 0, "\(whole.stderr)")
        let parts = try run(CLITests.binary, ["convert"] + split.parts + ["--to", "json", "--output", split.path("parts.json")])
        #expect(parts.status == 0, "\(parts.stderr)")
        #expect(try Self.sameJSON(split.path("whole.json"), split.path("parts.json")))
        // The summary line counts what the whole has.
        #expect(parts.stderr.components(separatedBy: "\n").first?.replacingOccurrences(of: "parts.json", with: "whole.json")
            == whole.stderr.components(separatedBy: "\n").first)

        guard let sqlite3 = Externals.tool("sqlite3") else {
            print("PartsCLITests: sqlite3 is not on PATH; the databases are compared in WXRKitTests only")
            return
        }
        for (inputs, database) in [([split.whole], "whole.db"), (split.parts, "parts.db")] {
            let converted = try run(CLITests.binary, ["convert"] + inputs + ["--to", "sqlite", "--output", split.path(database), "--quiet"])
            try #require(converted.status == 0, "\(converted.stderr)")
        }
        let wholeTables = try Self.tables(of: split.path("whole.db"), sqlite3: sqlite3)
        #expect(wholeTables.contains("posts\n") && wholeTables.count > 100_000)
        #expect(try Self.tables(of: split.path("parts.db"), sqlite3: sqlite3) == wholeTables)
    }

    /// WordPress.com's download, a zip of the site's parts: the zip alone converts to the whole's JSON and
    /// database, its entries read in name order as they stream (never unpacked).
    @Test(needsGenerator)
    func aZipOfThePartsConvertsToTheWhole() throws {
        guard let zip = Externals.tool("zip"), let sqlite3 = Externals.tool("sqlite3") else {
            print("PartsCLITests: zip or sqlite3 is not on PATH (apt-get install zip sqlite3); the zip of parts is not tried")
            return
        }
        let split = try Split(seed: 37, includeOnce: true)
        defer { try? FileManager.default.removeItem(at: split.directory) }
        // Added in reverse, so that only reading in name order gives the whole's order.
        let zipped = try run(zip, ["-j", "-q", split.path("site.zip")] + split.parts.reversed())
        try #require(zipped.status == 0, "\(zipped.stderr)")
        for (input, name) in [(split.whole, "whole"), (split.path("site.zip"), "zipped")] {
            for format in ["json", "sqlite"] {
                let converted = try CLITests.wxr("convert", input, "--to", format, "--output", split.path("\(name).\(format)"), "--quiet")
                try #require(converted.status == 0, "\(converted.stderr)")
            }
        }
        #expect(try Self.sameJSON(split.path("whole.json"), split.path("zipped.json")))
        #expect(try Self.tables(of: split.path("zipped.sqlite"), sqlite3: sqlite3) == Self.tables(of: split.path("whole.sqlite"), sqlite3: sqlite3))
    }

    /// Would catch a site folder that depends on where its items were read: a part's line numbers taking part
    /// in names, order or redirects. Every file of the folder, and the report's counts, as the whole's.
    @Test(needsGenerator)
    func partsMakeTheWholesSiteFolder() throws {
        let split = try Split(posts: 120, seed: 35, count: 3, includeOnce: true)
        defer { try? FileManager.default.removeItem(at: split.directory) }
        let whole = try CLITests.wxr("convert", split.whole, "--to", "markdown", "--output", split.path("whole"), "--quiet")
        try #require(whole.status == 0, "\(whole.stderr)")
        let parts = try run(CLITests.binary, ["convert"] + split.parts + ["--to", "markdown", "--output", split.path("parts"), "--quiet"])
        #expect(parts.status == 0, "\(parts.stderr)")
        let files = try FileManager.default.subpathsOfDirectory(atPath: split.path("whole")).sorted()
        #expect(try FileManager.default.subpathsOfDirectory(atPath: split.path("parts")).sorted() == files)
        #expect(files.count > 100)
        for file in files {
            let one = try? Data(contentsOf: URL(fileURLWithPath: split.path("whole/\(file)")))
            let two = try? Data(contentsOf: URL(fileURLWithPath: split.path("parts/\(file)")))
            #expect(one == two, "\(file) differs")
        }
        let reports = try [split.path("whole.report.json"), split.path("parts.report.json")].map {
            try #require(try Self.json($0) as? [String: Any])["summary"] as? [String: Any]
        }
        #expect(reports[0]?["by_code"] as? [String: Int] == reports[1]?["by_code"] as? [String: Int])
    }

    /// Would catch a repeated item kept twice, the later copy kept, or a difference between copies unreported.
    @Test(needsGenerator, arguments: [true, false])
    func aRepeatedItemIsKeptOnceAndReported(identical: Bool) throws {
        let split = try Split(posts: 60, seed: 32)
        defer { try? FileManager.default.removeItem(at: split.directory) }
        // The first item of the first part again at the start of the second, edited or not.
        let repeated = identical ? split.splitter.items[0]
            : split.splitter.items[0].replacingOccurrences(of: "<title>", with: "<title>Edited: ")
        let second = try String(contentsOfFile: split.parts[1], encoding: .utf8)
        let insertion = try #require(second.range(of: "\t<item>"))
        try (second[..<insertion.lowerBound] + repeated + second[insertion.lowerBound...])
            .write(toFile: split.parts[1], atomically: true, encoding: .utf8)
        let lineInSecond = second[..<insertion.lowerBound].filter { $0 == "\n" }.count + 1
        let lineInFirst = try String(contentsOfFile: split.parts[0], encoding: .utf8).components(separatedBy: "\n")
            .firstIndex(of: "\t<item>")! + 1

        let converted = try run(CLITests.binary, ["convert"] + split.parts + ["--to", "json", "--output", split.path("parts.json")])
        #expect(converted.status == 0, "\(converted.stderr)")
        let whole = try CLITests.wxr("convert", split.whole, "--to", "json", "--output", split.path("whole.json"), "--quiet")
        try #require(whole.status == 0)
        #expect(try Self.sameJSON(split.path("whole.json"), split.path("parts.json")), "the first copy, once")
        #expect(converted.stderr.contains("\(identical ? "note" : "warning"): part.duplicate-item × 1, first at line \(lineInSecond) of \(split.parts[1])"))

        let report = try #require(try Self.json(split.path("parts.json.report.json")) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        let finding = try #require(findings.first { $0["code"] as? String == "part.duplicate-item" })
        #expect(finding["severity"] as? String == (identical ? "info" : "warning"))
        #expect(finding["part"] as? String == split.parts[1])
        #expect(finding["line"] as? Int == lineInSecond)
        #expect((finding["message"] as? String)?.contains("line \(lineInFirst) of \(split.parts[0])") == true)
    }

    @Test(needsGenerator)
    func partsOfTwoSitesAreRefusedUnlessAllowed() throws {
        let split = try Split(posts: 30, seed: 33, count: 2)
        defer { try? FileManager.default.removeItem(at: split.directory) }
        let other = split.path("other.xml")
        try Externals.generate(["--posts", "30", "--seed", "34", "--base-url", "https://right.example.net"], to: other)
        let output = split.path("mixed.json")

        let refused = try CLITests.wxr("convert", split.parts[0], other, "--to", "json", "--output", output)
        #expect(refused.status == 2)
        #expect(refused.stderr == "wxr: \(other) is from another site than \(split.parts[0]): its wp:base_site_url is "
            + "https://right.example.net, not https://left.example.org (add --allow-mixed-sites to read them as one site)\n")
        #expect(!FileManager.default.fileExists(atPath: output) && !FileManager.default.fileExists(atPath: output + ".report.json"))

        let allowed = try CLITests.wxr("convert", split.parts[0], other, "--to", "json", "--output", output, "--allow-mixed-sites")
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(allowed.stderr.contains("warning: part.other-site × 1, first at \(other)"))
        let document = try #require(try Self.json(output) as? [String: Any])
        #expect((document["site"] as? [String: Any])?["base_site_url"] as? String == "https://left.example.org")
    }

    @Test func standardInputCannotBeOneOfSeveralParts() throws {
        let result = try CLITests.wxr("convert", CLITests.sample, "-", "--to", "json", "--output", "-", stdin: "")
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Error: standard input (-) cannot be one of several parts"))
        let alone = try CLITests.wxr("convert", "-", "--to", "json", "--output", "-", "--quiet",
                                     stdin: try String(contentsOfFile: CLITests.sample, encoding: .utf8))
        #expect(alone.status == 0 && alone.stdout.hasPrefix("{\"site\":"))
    }

    /// Would catch an unreadable part named by its error alone, or a half-written output left behind.
    @Test func anUnreadablePartIsNamedAndNothingIsWritten() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let broken = directory.appendingPathComponent("site.001.xml").path
        try Data("<html><body>not an export</body></html>\n".utf8).write(to: URL(fileURLWithPath: broken))
        let output = directory.appendingPathComponent("site.db").path
        let result = try CLITests.wxr("convert", CLITests.sample, broken, "--to", "sqlite", "--output", output)
        #expect(result.status == 2)
        #expect(result.stderr == "wxr: \(broken): not a WordPress export (line 1): the root element is not <rss>\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["site.001.xml"])
    }
}
