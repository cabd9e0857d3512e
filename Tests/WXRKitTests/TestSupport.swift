import Foundation
import Testing
@_exported import WXRTestSupport
@testable import WXRKit

/// Everything a reader yields, gathered for assertions.
struct ReadResult {
    var sites: [Site] = []
    var authors: [Author] = []
    var terms: [Term] = []
    var posts: [Post] = []
    var order: [String] = []
    var findings: [Finding] = []

    var site: Site { sites[0] }

    init(path: String) throws {
        try self.init(reader: WXRReader(path: path))
    }

    init(reader: WXRReader) throws {
        while let entity = try reader.next() {
            switch entity {
            case .site(let site): sites.append(site); order.append("site")
            case .author(let author): authors.append(author); order.append("author")
            case .term(let term): terms.append(term); order.append("term")
            case .post(let post): posts.append(post); order.append("post")
            }
        }
        findings = reader.findings
    }
}

enum Paths {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// ../shared beside the package, or WXR_SHARED; nil when absent.
    static var shared: URL? { Externals.shared }

    static func fixture(_ name: String) -> String {
        Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)!.path
    }

    static var referenceScript: String { packageRoot.appendingPathComponent("scripts/wxr_reference.py").path }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("wxr-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Writes the JSON export of `input` to `output` through the library.
func exportJSON(_ input: String, to output: URL) throws -> ExportSummary {
    let exporter = try JSONExporter(output: .file(path: output.path, replacing: true))
    return try WXRReader(path: input).export(to: exporter)
}
