import Foundation
import Testing

/// `wxr render`: one post converted, as Markdown or as the HTML WordPress would display.
struct RenderCLITests {
    @Test func rendersOnePostAsMarkdownAndAsHTML() throws {
        let markdown = try CLITests.wxr("render", CLITests.sample, "--id", "6")
        #expect(markdown.status == 0, "\(markdown.stderr)")
        #expect(markdown.stdout.contains("*campism*"))
        #expect(markdown.stdout.contains("\n<!--more-->\n"))
        #expect(markdown.stdout.contains("> Nobody asked us"))
        #expect(!markdown.stdout.contains("<p>"))

        let html = try CLITests.wxr("render", CLITests.sample, "--id", "6", "--to", "html")
        #expect(html.status == 0)
        #expect(html.stdout.contains("<p>Ten days into the full-scale invasion"))
        #expect(html.stdout.contains("<em>campism</em>"))
    }

    @Test func readsStandardInputAndSaysWhenThePostIsMissing() throws {
        let sample = try String(contentsOfFile: CLITests.sample, encoding: .utf8)
        let fromStandardInput = try CLITests.wxr("render", "-", "--id", "6", stdin: sample)
        #expect(fromStandardInput.status == 0)
        #expect(fromStandardInput.stdout == (try CLITests.wxr("render", CLITests.sample, "--id", "6")).stdout)

        let missing = try CLITests.wxr("render", CLITests.sample, "--id", "999999")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no item with id 999999"))

        let usage = try CLITests.wxr("render", CLITests.sample)
        #expect(usage.status == 64)
    }

    @Test func rendersEveryItemAsJSONLines() throws {
        let result = try CLITests.wxr("render", CLITests.sample, "--all")
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 7)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["markdown"] is String && object?["item"] is Int)
            #expect(object?["type"] as? String != "attachment")
        }
    }
}
