import Foundation
import Testing
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
    static var shared: URL? {
        let candidate = ProcessInfo.processInfo.environment["WXR_SHARED"].map { URL(fileURLWithPath: $0) }
            ?? packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: candidate.appendingPathComponent("tools/wxrgen.py").path)
            ? candidate : nil
    }

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

/// Runs a program and returns its exit status, standard output and standard error.
@discardableResult
func run(_ executable: String, _ arguments: [String], stdin: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
    // Files rather than pipes: a chatty child can never block on a full pipe.
    let directory = try Paths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let outURL = directory.appendingPathComponent("out"), errURL = directory.appendingPathComponent("err")
    FileManager.default.createFile(atPath: outURL.path, contents: nil)
    FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardOutput = try FileHandle(forWritingTo: outURL)
    process.standardError = try FileHandle(forWritingTo: errURL)
    if let stdin {
        let inURL = directory.appendingPathComponent("in")
        try Data(stdin.utf8).write(to: inURL)
        process.standardInput = try FileHandle(forReadingFrom: inURL)
    }
    try process.run()
    process.waitUntilExit()
    return (process.terminationStatus, try String(contentsOf: outURL, encoding: .utf8), try String(contentsOf: errURL, encoding: .utf8))
}

/// Writes the JSON export of `input` to `output` through the library.
func exportJSON(_ input: String, to output: URL) throws -> ExportSummary {
    let exporter = try JSONExporter(output: .file(path: output.path, replacing: true))
    return try WXRReader(path: input).export(to: exporter)
}
