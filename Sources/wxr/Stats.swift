import ArgumentParser
import Foundation
import WXRKit

struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Count what an export holds.",
        discussion: """
            Posts by type and status, comments by type and approval, terms by taxonomy, authors and attachments.

            Examples:
              wxr stats export.xml
              wxr stats export.xml --json | jq .posts_by_type
            """)

    @Argument(help: "The WXR file to read (XML, or gzip, xz or zip: read as it streams, never unpacked), or - for standard input.")
    var input: String

    @Flag(help: "Print the counts as JSON.")
    var json = false

    func run() throws {
        var statistics = SiteStatistics()
        let findings: [Finding]
        do {
            let reader = try WXRReader(path: input)
            while let entity = try reader.next() { statistics.add(entity) }
            findings = reader.findings
        } catch {
            throw ExitStatus.report(error)
        }
        if json {
            FileHandle.standardOutput.write(Data(statistics.json))
        } else {
            FileHandle.standardOutput.write(Data(statistics.text.utf8))
        }
        FindingsSummary.print(findings)
    }
}
