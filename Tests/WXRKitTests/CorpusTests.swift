import Foundation
import Testing
@testable import WXRKit

/// The real exports in ../shared/corpus: each well-formed one reads to JSON equal, field by field, to an
/// independent reading; the malformed ones are repaired or read around, with an error finding at the line of
/// the damage and every intact item kept, or, when nothing WordPress is left, fail with the line; none crashes.
@Suite(.enabled(if: Paths.shared != nil, "skipped: ../shared/corpus is not beside the package"))
struct CorpusTests {
    /// Files that are not well-formed XML, with the line the error is on.
    static let malformed: [String: Int] = [
        "WordPress__wordpress-importer/crazy-cdata.xml": 18,
        "WordPress__wordpress-importer/malformed.xml": 90,
        "WordPress__wordpress-importer/malformed-simple.xml": 13,
        "TryGhost__migrate/sample.xml": 109,
    ]

    /// The malformed files that are read in spite of the damage: the finding it gives, and the items kept.
    static let recovered: [String: (code: FindingCode, items: Int)] = [
        "WordPress__wordpress-importer/crazy-cdata.xml": ("xml.cdata-end-in-content", 1),
        "WordPress__wordpress-importer/malformed-simple.xml": ("xml.truncated", 0),   // its only item is cut off
        "TryGhost__migrate/sample.xml": ("xml.raw-ampersand", 6),
    ]

    static var files: [String] {
        guard let corpus = Paths.shared?.appendingPathComponent("corpus"),
              let enumerator = FileManager.default.enumerator(atPath: corpus.path) else { return [] }
        return enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".xml") }.sorted()
    }

    @Test(.enabled(if: Externals.tool("python3") != nil, "skipped: needs python3 for the independent reading"),
          arguments: files)
    func readsLikeTheIndependentReading(file: String) throws {
        let path = Paths.shared!.appendingPathComponent("corpus").appendingPathComponent(file).path
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let json = directory.appendingPathComponent("ours.json")
        if let line = Self.malformed[file], let expected = Self.recovered[file] {
            let summary = try exportJSON(path, to: json)
            #expect(summary.posts == expected.items, "\(file)")
            #expect(summary.findings.contains { $0.code == expected.code && $0.severity == .error && $0.line == line },
                    "\(file): \(summary.findings.map { "\($0.code)@\($0.line ?? 0)" })")
            return
        }
        if let line = Self.malformed[file] {
            let error = #expect(throws: ReadError.self) { _ = try exportJSON(path, to: json) }
            guard case .notWellFormed(let errorLine, _, _)? = error else {
                Issue.record("\(file): expected notWellFormed, got \(String(describing: error))")
                return
            }
            #expect(errorLine == line, "\(file)")
            #expect(!FileManager.default.fileExists(atPath: json.path), "a failed conversion left its output behind")
            return
        }
        _ = try exportJSON(path, to: json)
        let comparison = try run("/usr/bin/env", ["python3", Paths.referenceScript, "--compare", json.path, path])
        #expect(comparison.status == 0, "\(file): \(comparison.stdout)\(comparison.stderr)")
    }

    @Test(arguments: files.filter { malformed[$0] == nil })
    func loadsIntoSQLiteRowForRowLikeJSON(file: String) throws {
        try SQLiteExporterTests.compareWithJSON(Paths.shared!.appendingPathComponent("corpus").appendingPathComponent(file).path)
    }

    @Test func theCorpusIsThere() {
        #expect(Self.files.count >= 35)
    }
}
