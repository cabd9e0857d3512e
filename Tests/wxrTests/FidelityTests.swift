import Foundation
import Testing

/// The content engine's fidelity, measured end to end by scripts/fidelity.py: `wxr render`'s Markdown,
/// rendered back by cmark, against an independent reading of what WordPress displays.
@Suite(.enabled(if: FidelityTools.areInstalled, "skipped: needs python3, cmark-gfm (or cmark) on PATH and ../shared"))
struct FidelityTests {
    static let shared = Externals.shared ?? CLITests.root.deletingLastPathComponent().appendingPathComponent("shared")
    static let script = CLITests.root.appendingPathComponent("scripts/fidelity.py").path

    /// Checked and passed posts of one export, and the failures by reason (`links`, `text`, `paragraphs`...),
    /// from the script's JSON report.
    static func measure(_ export: String, minimum: Int, in directory: URL) throws
        -> (status: Int32, checked: Int, passed: Int, reasons: [String: Int], output: String) {
        let report = directory.appendingPathComponent("fidelity-\(UUID().uuidString).json")
        let result = try run("/usr/bin/env", ["python3", script, export, "--wxr", CLITests.binary, "--min", "\(minimum)",
                                              "--json", report.path, "--show", "5", "--jobs", "1"])
        guard let data = try? Data(contentsOf: report),
              let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            return (result.status, 0, 0, [:], result.stdout + result.stderr)
        }
        return (result.status, json["checked"] as? Int ?? 0, json["passed"] as? Int ?? 0,
                json["by_reason"] as? [String: Int] ?? [:], result.stdout + result.stderr)
    }

    @Test(arguments: [11, 23])
    func everyGeneratedPostShowsWhatWordPressShowed(seed: Int) throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let export = directory.appendingPathComponent("site.xml").path
        let generated = try run("/usr/bin/env", ["python3", Self.shared.appendingPathComponent("tools/wxrgen.py").path,
                                                 "--posts", "250", "--seed", "\(seed)", "-o", export])
        #expect(generated.status == 0)
        let measured = try Self.measure(export, minimum: 100, in: directory)
        #expect(measured.status == 0, "\(measured.output)")
        #expect(measured.checked > 200 && measured.passed == measured.checked)
    }

    @Test func theSampleShowsWhatWordPressShowed() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let measured = try Self.measure(CLITests.sample, minimum: 100, in: directory)
        #expect(measured.status == 0, "\(measured.output)")
        #expect(measured.checked == 7)
    }

    /// At least 99% of the posts and pages of the real exports; the few that fall short are named in the output.
    @Test func realExportsShowWhatWordPressShowed() throws {
        let corpus = Self.shared.appendingPathComponent("corpus")
        let files = (FileManager.default.enumerator(atPath: corpus.path)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".xml") }.sorted()
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var checked = 0
        var passed = 0
        var shortfalls: [String] = []
        var lostLinks: [String] = []
        for file in files {
            let measured = try Self.measure(corpus.appendingPathComponent(file).path, minimum: 0, in: directory)
            // Files the reference reading can't read (not well-formed XML) exit 2 and count nothing.
            checked += measured.checked
            passed += measured.passed
            if measured.passed < measured.checked { shortfalls.append("\(file): \(measured.passed)/\(measured.checked)") }
            if let count = measured.reasons["links"], count > 0 { lostLinks.append("\(file): \(count)") }
        }
        // A lost link, image or player is never a tolerated shortfall: the share below allows for text blocks
        // read differently, not for anything gone.
        #expect(lostLinks.isEmpty, "posts that lost a link, an image or a player: \(lostLinks)")
        #expect(checked > 500)
        #expect(Double(passed) >= 0.99 * Double(checked), "\(passed)/\(checked): \(shortfalls)")
    }
}

/// What the fidelity check needs besides the binary.
enum FidelityTools {
    static var areInstalled: Bool {
        Externals.tool("cmark-gfm", "cmark") != nil && Externals.wxrgen != nil
    }
}
