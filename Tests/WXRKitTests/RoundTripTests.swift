import Foundation
import Testing
@testable import WXRKit

/// Generated exports at volume: counts against wxrgen's manifest, every field against an independent reading.
@Suite(.enabled(if: Externals.wxrgen != nil, "skipped: needs python3 and ../shared/tools/wxrgen.py"))
struct RoundTripTests {
    struct Generated {
        let xml: URL
        let manifest: [String: Int]
    }

    static func generate(posts: Int, seed: Int, in directory: URL) throws -> Generated {
        let xml = directory.appendingPathComponent("gen-\(seed).xml")
        let manifestURL = directory.appendingPathComponent("gen-\(seed).json")
        let result = try run("/usr/bin/env", ["python3", Paths.shared!.appendingPathComponent("tools/wxrgen.py").path,
                                              "--posts", "\(posts)", "--seed", "\(seed)", "-o", xml.path,
                                              "--manifest", manifestURL.path])
        #expect(result.status == 0, "wxrgen failed: \(result.stderr)")
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: manifestURL)) as! [String: Any]
        return Generated(xml: xml, manifest: manifest["counts"] as! [String: Int])
    }

    @Test(arguments: [(1500, 1), (400, 7)])
    func countsMatchTheManifest(posts: Int, seed: Int) throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let generated = try Self.generate(posts: posts, seed: seed, in: directory)
        let result = try ReadResult(path: generated.xml.path)
        let counts = generated.manifest
        #expect(result.posts.count == counts["items"])
        #expect(result.authors.count == counts["authors"])
        #expect(result.terms.count == counts["categories"]! + counts["tags"]! + counts["terms"]!)
        #expect(result.posts.reduce(0) { $0 + $1.comments.count } == counts["comments"])
        #expect(result.posts.reduce(0) { $0 + $1.meta.count } == counts["postmeta"])
        #expect(result.posts.reduce(0) { $0 + $1.comments.reduce(0) { $0 + $1.meta.count } } == counts["commentmeta"])
        for (key, expected) in counts where key.hasPrefix("type:") {
            #expect(result.posts.filter { $0.type == String(key.dropFirst(5)) }.count == expected, "\(key)")
        }
        for (key, expected) in counts where key.hasPrefix("status:") {
            #expect(result.posts.filter { $0.status == String(key.dropFirst(7)) }.count == expected, "\(key)")
        }
        for (key, expected) in counts where key.hasPrefix("comment_type:") {
            let type = String(key.dropFirst(13))
            #expect(result.posts.flatMap(\.comments).filter { $0.type == type }.count == expected, "\(key)")
        }
        #expect(result.findings.isEmpty, "\(result.findings.prefix(3))")
    }

    @Test(arguments: [(1500, 1), (400, 7)])
    func everyFieldMatchesAnIndependentReading(posts: Int, seed: Int) throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let generated = try Self.generate(posts: posts, seed: seed, in: directory)
        let json = directory.appendingPathComponent("ours.json")
        _ = try exportJSON(generated.xml.path, to: json)
        let comparison = try run("/usr/bin/env", ["python3", Paths.referenceScript, "--compare", json.path, generated.xml.path])
        #expect(comparison.status == 0, "\(comparison.stdout)\(comparison.stderr)")
        #expect(comparison.stdout.contains("equal:"))

        let ndjson = directory.appendingPathComponent("ours.ndjson")
        let exporter = try NDJSONExporter(output: .file(path: ndjson.path, replacing: false))
        try WXRReader(path: generated.xml.path).export(to: exporter)
        let lines = try run("/usr/bin/env", ["python3", Paths.referenceScript, "--compare-ndjson", ndjson.path, generated.xml.path])
        #expect(lines.status == 0, "\(lines.stdout)\(lines.stderr)")
    }
}
