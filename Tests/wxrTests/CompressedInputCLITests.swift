import Foundation
import Testing

/// `wxr convert` gives the same bytes for an export however it arrives: plain, gzip (one member or two), xz,
/// a zip (stored or deflated), on a path or on standard input. Broken and hostile zips exit 2 with one line
/// that says what they are, and leave nothing behind.
@Suite struct CompressedInputCLITests {
    /// The sample, and a generated export of 300 posts when ../shared/tools/wxrgen.py is here.
    static func exports(in directory: URL) throws -> [String] {
        guard Externals.wxrgen != nil else {
            print("CompressedInputCLITests: python3 or ../shared/tools/wxrgen.py is missing; only the sample is read")
            return [CLITests.sample]
        }
        let generated = directory.appendingPathComponent("generated.xml").path
        try Externals.generate(["--posts", "300"], to: generated)
        return [CLITests.sample, generated]
    }

    /// Converts `input` (`-` reads `stdin`, a file) to JSON on standard output, written to `output`.
    static func convert(_ input: String, stdin: String? = nil, to output: String) throws -> (status: Int32, stderr: String) {
        let redirect = stdin.map { " < \(Packing.quoted($0))" } ?? ""
        let command = "\(Packing.quoted(CLITests.binary)) convert \(Packing.quoted(input)) --to json --output - --quiet"
            + "\(redirect) > \(Packing.quoted(output))"
        let result = try run(Externals.tool("sh")!, ["-c", command])
        return (result.status, result.stderr)
    }

    @Test func everyPackingConvertsToTheSameJSON() throws {
        let missing = Packing.missingTools(for: Packing.Variant.allCases)
        guard missing.isEmpty else {
            print("CompressedInputCLITests: \(missing.joined(separator: ", ")) not on PATH; skipped")
            return
        }
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for export in try Self.exports(in: directory) {
            let expected = directory.appendingPathComponent("plain.json").path
            let plain = try Self.convert(export, to: expected)
            #expect(plain.status == 0 || plain.status == 1, "\(plain.stderr)")
            let expectedBytes = try Data(contentsOf: URL(fileURLWithPath: expected))
            #expect(expectedBytes.count > 1000)
            for variant in Packing.Variant.allCases {
                let packed = try Packing.pack(export, as: variant, in: directory)
                let onPath = directory.appendingPathComponent("path.json").path
                let byPath = try Self.convert(packed, to: onPath)
                #expect(byPath.status == plain.status, "\(variant) on a path: \(byPath.stderr)")
                #expect(try Data(contentsOf: URL(fileURLWithPath: onPath)) == expectedBytes, "\(variant) on a path")
                guard variant.isReadableFromPipe else { continue }
                let onPipe = directory.appendingPathComponent("pipe.json").path
                let byPipe = try Self.convert("-", stdin: packed, to: onPipe)
                #expect(byPipe.status == plain.status, "\(variant) on standard input: \(byPipe.stderr)")
                #expect(try Data(contentsOf: URL(fileURLWithPath: onPipe)) == expectedBytes, "\(variant) on standard input")
            }
        }
    }

    /// Each broken or hostile zip: exit 2 as for any unreadable input, one line naming the file, and neither
    /// output nor report written (nor anything unpacked).
    /// (A zip of three parts is no error for `wxr convert`, which reads them as one site: PartsCLITests.)
    @Test(arguments: Packing.BadZip.allCases.filter { $0 != .threeParts })
    func aBrokenOrHostileZipExitsWithTwoAndWritesNothing(kind: Packing.BadZip) throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let zip = directory.appendingPathComponent("site.zip").path
        try Packing.makeZip(kind, at: zip, export: CLITests.sample)
        let output = directory.appendingPathComponent("site.json").path
        let result = try CLITests.wxr("convert", zip, "--to", "json", "--output", output)
        #expect(result.status == 2)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        let expected: String = switch kind {
        case .pathTraversal: "\"../../evil.xml\" has a path that is absolute or climbs out with '..'"
        case .absolutePath: "\"/tmp/evil.xml\" has a path that is absolute"
        case .bomb: "refused as a decompression bomb: it declares"
        case .lyingBomb: "refused as a decompression bomb: it inflates past the 10485760 bytes it declares"
        case .encrypted: "its entry \"export.xml\" cannot be read: it is encrypted"
        case .crcMismatch: "damaged zip data: the CRC-32 of export.xml does not match its data"
        case .truncated: "damaged zip data: its directory, which ends a zip, is missing"
        case .noXML: "is a zip archive with no .xml file, so no WordPress export: it holds readme.txt, photos/beach.jpg"
        case .notWXR: "not a WordPress export"
        case .endlessDeflate: "damaged zip data: the deflate data ends early"
        case .threeParts: "read as parts, not refused"
        }
        #expect(result.stderr.contains(expected), "\(result.stderr)")
        #expect(kind == .notWXR || result.stderr.hasPrefix("wxr: \(zip)"), "the message names the file")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["site.zip"], "nothing written")
    }
}
