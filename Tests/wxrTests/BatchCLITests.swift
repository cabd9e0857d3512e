import Foundation
import Testing

/// `wxr batch`: many sites, each converted as `wxr convert` converts it alone, a broken one stopping no other,
/// a table and a summary of what happened, and an exit code that says the worst.
@Suite struct BatchCLITests {
    static func batch(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try run(CLITests.binary, ["batch"] + arguments)
    }

    static func summary(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    static func sites(of summary: [String: Any]) throws -> [String: [String: Any]] {
        let sites = try #require(summary["sites"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: sites.map { ($0["name"] as! String, $0) })
    }

    static func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// Would catch: a broken site stopping the batch or leaving a half-written output; a site's output differing
    /// from what `wxr convert` writes alone; a site's failure missing from the summary; the wrong exit code.
    @Test(.enabled(if: Externals.wxrgen != nil, "skipped: needs python3 and ../shared/tools/wxrgen.py"))
    func goodAndBrokenSites() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let exports = directory.appendingPathComponent("exports").path
        try FileManager.default.createDirectory(atPath: exports, withIntermediateDirectories: true)
        let alpha = exports + "/alpha.xml", beta = exports + "/nested/beta.wordpress.2024-01-15.xml"
        try Externals.generate(["--posts", "120", "--seed", "41"], to: alpha)
        try FileManager.default.createDirectory(atPath: exports + "/nested", withIntermediateDirectories: true)
        try Externals.generate(["--posts", "80", "--seed", "42", "--base-url", "https://beta.example.net"], to: beta)
        // Cut in the middle of an item: read up to the cut, with an error in its report.
        let text = try String(contentsOfFile: alpha, encoding: .utf8)
        let cut = text.index(text.range(of: "<item>", range: text.index(text.startIndex, offsetBy: text.count / 2)..<text.endIndex)!.upperBound,
                             offsetBy: 200)
        try Self.write(String(text[..<cut]), to: exports + "/truncated.xml")
        try Self.write("<<< not XML at all >>>\n", to: exports + "/garbage.xml")
        try Self.write("<?xml version=\"1.0\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url>"
            + "<loc>https://example.org/</loc></url></urlset>\n", to: exports + "/sitemap.xml")
        try Data([0x00, 0xFF, 0x13, 0x37]).write(to: URL(fileURLWithPath: exports + "/binary.xml"))
        try Self.write("not an export\n", to: exports + "/notes.txt")
        try Self.write("<rss/>", to: exports + "/.hidden/hidden.xml")
        // The output folder inside the searched one, holding an earlier run's site: not searched.
        let output = exports + "/converted"
        try Self.write("<?xml version=\"1.0\"?><urlset/>\n", to: output + "/old/sitemap.xml")
        try Self.write("{}", to: output + "/old/.wxr-manifest.json")
        let summaryPath = directory.appendingPathComponent("summary.json").path

        let result = try Self.batch([exports, "--to", "json", "--output", output, "--summary-json", summaryPath, "--jobs", "2",
                                     "--progress", "plain"])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stdout.isEmpty)

        let names = ["alpha", "beta", "garbage", "sitemap", "truncated"]
        let summary = try Self.summary(summaryPath)
        let sites = try Self.sites(of: summary)
        #expect(sites.keys.sorted() == names)
        #expect((summary["sites"] as? [[String: Any]])?.map { $0["name"] as! String } == ["alpha", "garbage", "beta", "sitemap", "truncated"],
                "in the order of the paths found")
        #expect(summary["skipped"] as? [String] == [exports + "/binary.xml"])
        for name in ["alpha", "beta"] {
            #expect(sites[name]?["status"] as? String == "warnings")    // wxrgen's exports link to items they lack
            #expect(sites[name]?["exit_code"] as? Int == 0)
            #expect(sites[name]?["output"] as? String == "\(output)/\(name).json")
        }
        #expect(sites["truncated"]?["status"] as? String == "errors")
        #expect(sites["truncated"]?["exit_code"] as? Int == 1)
        #expect((sites["truncated"]?["errors"] as? Int ?? 0) >= 1)
        for name in ["garbage", "sitemap"] {
            #expect(sites[name]?["status"] as? String == "failed")
            #expect(sites[name]?["exit_code"] as? Int == 2)
            #expect(sites[name]?["items"] is NSNull)
            #expect(sites[name]?["output"] is NSNull)
        }
        #expect((sites["sitemap"]?["messages"] as? [String]) == ["not a WordPress export (line 2): the root element is not <rss>"])
        let totals = try #require(summary["totals"] as? [String: Any])
        #expect(totals["sites"] as? Int == 5 && totals["failed"] as? Int == 2 && totals["errors"] as? Int == 1)
        #expect(totals["warnings"] as? Int == 2 && totals["converted"] as? Int == 0 && totals["exit_code"] as? Int == 2)

        // The table, and a line as each site ends.
        let lines = result.stderr.components(separatedBy: "\n")
        #expect(lines.contains { $0.hasPrefix("site ") && $0.hasSuffix("seconds  status") })
        #expect(lines.contains { $0.hasPrefix("sitemap ") && $0.hasSuffix("failed") && $0.contains(" -  ") })
        #expect(lines.contains("sitemap: not a WordPress export (line 2): the root element is not <rss>"))
        #expect(lines.contains { $0.hasPrefix("5 sites: 0 converted, 2 with warnings, 1 with errors, 2 failed; ") })
        #expect(lines.contains { $0.hasPrefix("wxr: alpha: warnings, ") })
        #expect(lines.contains("wxr: skipped \(exports)/binary.xml: named as an export, but not XML, gzip, xz or zip"))

        // Each output is what wxr convert writes alone; failed sites leave nothing.
        let written = try FileManager.default.contentsOfDirectory(atPath: output).sorted()
        #expect(written == ["alpha.json", "alpha.json.report.json", "beta.json", "beta.json.report.json", "old",
                            "truncated.json", "truncated.json.report.json"])
        for (name, input) in [("alpha", alpha), ("beta", beta), ("truncated", exports + "/truncated.xml")] {
            let alone = directory.appendingPathComponent("\(name).json").path
            let converted = try CLITests.wxr("convert", input, "--to", "json", "--output", alone, "--quiet")
            #expect(converted.status == (name == "truncated" ? 1 : 0))
            #expect(try Data(contentsOf: URL(fileURLWithPath: alone)) == Data(contentsOf: URL(fileURLWithPath: "\(output)/\(name).json")),
                    "\(name): the batch's output differs from wxr convert's")
            let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: alone))) as? [String: Any])
            #expect(sites[name]?["items"] as? Int == (document["posts"] as? [Any])?.count)
        }
    }

    /// Exports as they arrive: a gzipped one and a zip of parts are sites like any other, each converted as
    /// `wxr convert` converts it alone; a zip bomb fails alone and writes nothing.
    @Test(.enabled(if: Externals.wxrgen != nil, "skipped: needs python3 and ../shared/tools/wxrgen.py"))
    func compressedAndZippedSites() throws {
        let missing = Packing.missingTools(for: [.gzip, .zipDeflated])
        guard missing.isEmpty else {
            print("BatchCLITests: \(missing.joined(separator: ", ")) not on PATH; compressed sites are not tried")
            return
        }
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let exports = directory.appendingPathComponent("exports").path
        try FileManager.default.createDirectory(atPath: exports, withIntermediateDirectories: true)
        let whole = directory.appendingPathComponent("gamma.xml").path
        try Externals.generate(["--posts", "90", "--seed", "43"], to: whole)
        try Packing.shell("gzip -c \(Packing.quoted(whole)) > \(Packing.quoted(exports + "/gamma.xml.gz"))")
        let splitter = try ExportSplitter(text: String(contentsOfFile: whole, encoding: .utf8))
        let parts = try ExportSplitter.write(splitter.parts(3), named: "delta.wordpress.2024-01-15", in: directory)
        try Packing.shell("zip -q -j \(Packing.quoted(exports + "/delta.zip")) " + parts.map(Packing.quoted).joined(separator: " "))
        try Packing.makeZip(.bomb, at: exports + "/bomb.zip", export: whole)
        let output = directory.appendingPathComponent("out").path
        let summaryPath = directory.appendingPathComponent("summary.json").path

        let result = try Self.batch([exports, "--to", "json", "--output", output, "--summary-json", summaryPath, "--quiet"])
        #expect(result.status == 2, "\(result.stderr)")
        let sites = try Self.sites(of: Self.summary(summaryPath))
        #expect(sites.keys.sorted() == ["bomb", "delta", "gamma"])
        #expect(sites["bomb"]?["status"] as? String == "failed")
        #expect(try FileManager.default.contentsOfDirectory(atPath: output).sorted()
            == ["delta.json", "delta.json.report.json", "gamma.json", "gamma.json.report.json"])
        for (name, input) in [("gamma", exports + "/gamma.xml.gz"), ("delta", exports + "/delta.zip")] {
            let alone = directory.appendingPathComponent("\(name)-alone.json").path
            let converted = try CLITests.wxr("convert", input, "--to", "json", "--output", alone, "--quiet")
            #expect(converted.status == 0, "\(converted.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: alone)) == Data(contentsOf: URL(fileURLWithPath: "\(output)/\(name).json")))
            #expect(sites[name]?["items"] as? Int == sites["gamma"]?["items"] as? Int, "a zip of the parts holds the whole")
        }
    }

    /// Would catch: a clean batch not exiting 0; two inputs of one name sharing an output; outputs that depend
    /// on how many sites run at once; a rerun replacing outputs without --force.
    @Test func cleanSitesExitZeroWithUniqueNames() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let sample = try String(contentsOfFile: CLITests.sample, encoding: .utf8)
        let inputs = ["a/site.xml", "b/site.xml", "SITE.wordpress.2024-01-15.000.xml"].map { directory.appendingPathComponent($0).path }
        for input in inputs { try Self.write(sample, to: input) }
        var outputs: [[String]] = []
        for jobs in ["1", "3"] {
            let output = directory.appendingPathComponent("out-\(jobs)").path
            let result = try Self.batch(inputs + ["--to", "sqlite", "--output", output, "--jobs", jobs, "--quiet"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.isEmpty)
            let files = try FileManager.default.contentsOfDirectory(atPath: output).sorted()
            #expect(files == ["SITE-3.db", "SITE-3.db.report.json", "site-2.db", "site-2.db.report.json", "site.db", "site.db.report.json"])
            outputs.append(try files.filter { $0.hasSuffix(".json") }.map { try String(contentsOfFile: "\(output)/\($0)", encoding: .utf8) })
        }
        #expect(outputs[0] == outputs[1])

        let output = directory.appendingPathComponent("out-1").path
        let again = try Self.batch(inputs + ["--to", "sqlite", "--output", output])
        #expect(again.status == 2)
        // The report is staged first, so it is the one named.
        #expect(again.stderr.contains("\nsite: \(output)/site.db.report.json already exists (use --force to replace it)\n"))
        let forced = try Self.batch(inputs + ["--to", "sqlite", "--output", output, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stderr.contains("3 sites: 3 converted, 0 with warnings, 0 with errors, 0 failed; 24 items in"))
    }

    /// Would catch: the Markdown options not reaching the sites, or a site folder other than convert's.
    @Test func markdownSitesTakeTheSiteOptions() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("sites").path
        let result = try Self.batch([CLITests.sample, "--to", "markdown", "--flavor", "jekyll", "--comments", "none",
                                     "--output", output, "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let alone = directory.appendingPathComponent("alone").path
        let converted = try CLITests.wxr("convert", CLITests.sample, "--to", "markdown", "--flavor", "jekyll", "--comments", "none",
                                         "--output", alone, "--quiet")
        #expect(converted.status == 0)
        let site = output + "/looking-left"
        #expect(FileManager.default.fileExists(atPath: output + "/looking-left.report.json"))
        let files = try FileManager.default.subpathsOfDirectory(atPath: site).sorted()
        #expect(files == (try FileManager.default.subpathsOfDirectory(atPath: alone).sorted()))
        #expect(files.contains("_config.yml"))
        for file in files where file.hasSuffix(".md") {
            #expect(try Data(contentsOf: URL(fileURLWithPath: "\(site)/\(file)")) == Data(contentsOf: URL(fileURLWithPath: "\(alone)/\(file)")))
        }
    }

    @Test func noExportFound() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try Self.batch([directory.path, "--to", "json", "--output", directory.appendingPathComponent("out").path])
        #expect(result.status == 2)
        #expect(result.stderr == "wxr: no export found in \(directory.path)\n")
    }

    // TODO(merge with compressed input): a zip of two parts and a gzipped export in the folder, converted as one
    // site each (`aZipIsOneSite`), once ExportPart.parts(of:) and WXRReader(part:) have landed.
}
