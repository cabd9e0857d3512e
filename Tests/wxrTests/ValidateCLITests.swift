import Foundation
import Testing

/// `wxr validate`, and the report every `wxr convert` writes: files, formats and exit codes.
@Suite struct ValidateCLITests {
    static let wxr = CLITests.wxr

    /// A WXR 1.2 document around `channel`: the channel's fields and items.
    static func export(_ channel: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
        <channel>
        \(channel)
        </channel>
        </rss>

        """
    }

    /// A small export of our own with one item per given body, and a control character in the second.
    static func brokenExport(in directory: URL) throws -> String {
        let path = directory.appendingPathComponent("broken.xml").path
        let xml = Self.export("""
            <title>Broken</title>
            <wp:wxr_version>1.2</wp:wxr_version>
            <item><title>First</title><wp:post_id>1</wp:post_id><wp:status>publish</wp:status><wp:post_date>2022-01-01 00:00:00</wp:post_date></item>
            <item><title>Sec\u{01}ond</title><wp:post_id>2</wp:post_id><wp:status>publish</wp:status><wp:post_date>2022-01-01 00:00:00</wp:post_date></item>
            <item><title>Third</title><wp:post_id>2</wp:post_id><wp:status>publish</wp:status><wp:post_date>2022-01-01 00:00:00</wp:post_date></item>
            """)
        try Data(xml.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func theSampleValidatesWithoutErrors() throws {
        let result = try CLITests.wxr("validate", CLITests.sample)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.hasPrefix("Validation of "))
        #expect(result.stdout.contains("0 errors"))
        #expect(result.stdout.contains("Items "))
        #expect(result.stdout.contains("Attachments "))
    }

    @Test func errorsGiveExitCode1AndEveryFormat() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = try Self.brokenExport(in: directory)

        let text = try CLITests.wxr("validate", input)
        #expect(text.status == 1)
        #expect(text.stdout.contains("xml.control-character (error, 1)"))
        #expect(text.stdout.contains("line 7, post 2: control character U+0001"))

        let json = try CLITests.wxr("validate", input, "--format", "json")
        #expect(json.status == 1)
        let report = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let summary = report["summary"] as! [String: Any]
        #expect(summary["errors"] as? Int == 1)
        #expect((summary["by_code"] as! [String: Int]) == ["xml.control-character": 1, "post.duplicate-id": 1])

        let markdown = try CLITests.wxr("validate", input, "--format", "markdown")
        #expect(markdown.stdout.hasPrefix("# Validation of"))
        #expect(markdown.stdout.contains("| What | Count |"))

        let html = directory.appendingPathComponent("report.html").path
        let written = try CLITests.wxr("validate", input, "--format", "html", "--output", html)
        #expect(written.status == 1)
        #expect(written.stderr.contains("; report in \(html)"))
        #expect(try String(contentsOfFile: html, encoding: .utf8).contains("<table id=\"summary\">"))
        #expect(try CLITests.wxr("validate", input, "--format", "html", "--output", html).status == 73)
        #expect(try CLITests.wxr("validate", input, "--format", "html", "--output", html, "--force").status == 1)
    }

    @Test func unreadableInputGivesExitCode2WithAReport() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("page.xml")
        try Data("<?xml version=\"1.0\"?>\n<html><body/></html>".utf8).write(to: page)
        let notWXR = try CLITests.wxr("validate", page.path, "--format", "json")
        #expect(notWXR.status == 2)
        #expect(notWXR.stderr.contains("not a WordPress export"))
        let report = try JSONSerialization.jsonObject(with: Data(notWXR.stdout.utf8)) as! [String: Any]
        let findings = report["findings"] as! [[String: Any]]
        #expect(findings.first?["code"] as? String == "document.not-wxr")
        #expect(findings.first?["line"] as? Int == 2)

        let missing = try CLITests.wxr("validate", "/nonexistent.xml")
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot open /nonexistent.xml"))
        #expect(try CLITests.wxr("validate", CLITests.sample, "--format", "pdf").status == 64)
    }

    @Test func convertWritesTheReportBesideItsOutputAndStillConverts() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = try Self.brokenExport(in: directory)
        let output = directory.appendingPathComponent("site.json").path
        let result = try CLITests.wxr("convert", input, "--to", "json", "--output", output)
        #expect(result.status == 1, "errors found, conversion done")
        #expect(result.stderr.contains("1 error, 1 warning, 0 notes; report in"))
        #expect(result.stderr.contains("error: xml.control-character × 1, first at line 7"))
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output))) as! [String: Any]
        #expect((document["posts"] as! [[String: Any]]).map { $0["title"] as? String } == ["First", "Second", "Third"])
        let reportURL = directory.appendingPathComponent("site.json.report.json")
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: reportURL)) as! [String: Any]
        #expect((report["summary"] as! [String: Any])["errors"] as? Int == 1)
        #expect((report["statistics"] as! [String: Any])["posts"] as? Int == 3)

        // Another report file on request; none for standard output unless asked.
        let other = directory.appendingPathComponent("elsewhere.json").path
        _ = try CLITests.wxr("convert", input, "--to", "ndjson", "--output", "-", "--report", other, "--quiet")
        #expect(FileManager.default.fileExists(atPath: other))
        let before = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        _ = try CLITests.wxr("convert", input, "--to", "ndjson", "--output", "-", "--quiet")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == before)
    }

    /// A site at blog.example.org: post 1 links to an old `/blog/archives/12` that matches nothing, post 2 to post
    /// 3 by its permalink (before post 3 is read), post 3 back to post 2 by `?p=2`.
    static func linkingExport(in directory: URL) throws -> (path: String, deadLinkLine: Int) {
        let path = directory.appendingPathComponent("links.xml").path
        let xml = Self.export("""
            <title>Links</title>
            <link>https://blog.example.org</link>
            <wp:wxr_version>1.2</wp:wxr_version>
            <item><title>Dead link</title><link>https://blog.example.org/2020/01/01/dead-link/</link><wp:post_id>1</wp:post_id><wp:status>publish</wp:status>
            <content:encoded><![CDATA[<p><a href="https://blog.example.org/blog/archives/12">The old page</a></p>]]></content:encoded></item>
            <item><title>Permalink</title><link>https://blog.example.org/2020/01/02/permalink/</link><wp:post_id>2</wp:post_id><wp:status>publish</wp:status>
            <content:encoded><![CDATA[<a href="https://blog.example.org/2020/01/03/by-id/">later</a>]]></content:encoded></item>
            <item><title>By id</title><link>https://blog.example.org/2020/01/03/by-id/</link><wp:post_id>3</wp:post_id><wp:status>publish</wp:status>
            <content:encoded><![CDATA[<a href="https://blog.example.org/?p=2">first</a>]]></content:encoded></item>
            """)
        try Data(xml.utf8).write(to: URL(fileURLWithPath: path))
        let line = xml.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("<title>Dead link</title>") }! + 1
        return (path, line)
    }

    /// The findings of one code in a JSON report.
    static func findings(_ code: String, inReport json: Data) throws -> [[String: Any]] {
        let report = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        return (report["findings"] as? [[String: Any]] ?? []).filter { $0["code"] as? String == code }
    }

    /// The bug: links to pages the export does not have were notes of `convert --to markdown` and absent from
    /// `wxr validate`. Both now make the same `link.unresolved` findings, whatever the format.
    @Test func validateAndConvertReportTheSameUnresolvedLinks() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (input, line) = try Self.linkingExport(in: directory)

        let validated = try CLITests.wxr("validate", input, "--format", "json")
        #expect(validated.status == 0, "\(validated.stderr)")
        let fromValidate = try Self.findings("link.unresolved", inReport: Data(validated.stdout.utf8))
        #expect(fromValidate.count == 1, "\(fromValidate)")
        #expect(fromValidate.first?["post_id"] as? Int == 1)
        #expect(fromValidate.first?["line"] as? Int == line)
        #expect(fromValidate.first?["message"] as? String
            == "1 link to the old site matches nothing in the export: https://blog.example.org/blog/archives/12")
        let text = try CLITests.wxr("validate", input)
        #expect(text.stdout.contains("link.unresolved (warning, 1)\n  line \(line), post 1: 1 link to the old site"), "\(text.stdout)")

        for (format, output) in [("json", "site.json"), ("markdown", "site")] {
            let converted = try CLITests.wxr("convert", input, "--to", format, "--output", directory.appendingPathComponent(output).path)
            #expect(converted.status == 0, "\(format): \(converted.stderr)")
            #expect(converted.stderr.contains("warning: link.unresolved × 1, first at line \(line)"), "\(converted.stderr)")
            let report = try Data(contentsOf: directory.appendingPathComponent(output + ".report.json"))
            let fromConvert = try Self.findings("link.unresolved", inReport: report)
            #expect(fromConvert.count == fromValidate.count)
            for (one, other) in zip(fromConvert, fromValidate) {
                #expect(NSDictionary(dictionary: one).isEqual(to: other), "\(format): \(one) is not \(other)")
            }
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(output + ".report.json"))
        }
    }

    @Test func helpDocumentsValidateAndTheExitCodes() throws {
        let help = try CLITests.wxr("--help")
        #expect(help.stdout.contains("validate"))
        let validate = try CLITests.wxr("validate", "--help")
        #expect(validate.stdout.contains("--format"))
        #expect(validate.stdout.contains("0 no errors, 1 errors found, 2 the input cannot be read, 64 usage"))
    }

    @Test(.enabled(if: Externals.tool("time") != nil, "skipped: GNU time is not on PATH (apt-get install time)"))
    func anEntityBombIsReadInBoundedMemory() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var declarations = "<!ENTITY lol0 \"lol\">\n"
        for level in 1...9 {
            declarations += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">\n"
        }
        let bomb = directory.appendingPathComponent("bomb.xml")
        try Data(("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n\(declarations)]>\n<rss><channel><item><title>"
                  + String(repeating: "&lol9;", count: 1000) + "</title></item></channel></rss>\n").utf8).write(to: bomb)
        let timeFile = directory.appendingPathComponent("time.txt").path
        let timed = try run(Externals.tool("time")!, ["-o", timeFile, "-f", "%M %e", CLITests.binary, "validate", bomb.path])
        #expect(timed.status == 1, "the undefined references are errors: \(timed.stderr)")
        // GNU time puts "Command exited with non-zero status 1" first: the figures are on the last line.
        let lastLine = try String(contentsOfFile: timeFile, encoding: .utf8).split(separator: "\n").last ?? ""
        let figures = lastLine.split(separator: " ")
        let kilobytes = Int(figures[0]) ?? .max, seconds = Double(figures[1].trimmingCharacters(in: .whitespacesAndNewlines)) ?? .infinity
        #expect(kilobytes < 64 * 1024, "peak RSS \(kilobytes) KB")
        #expect(seconds < 2)
    }
}
