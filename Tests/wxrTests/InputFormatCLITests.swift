import Foundation
import Testing

/// What a user who hands wxr a WordPress.com zip, a gzipped export or an empty file sees: one line that says
/// what the file is and how to unpack it, exit code 2, and nothing written.
@Suite struct InputFormatCLITests {
    /// The packers a user would have used, with how each packs FILE into ARCHIVE and how wxr names the result.
    static let packers: [(format: String, tool: String, arguments: String)] = [
        ("gzip-compressed", "gzip", "-c FILE > ARCHIVE"),
        ("xz-compressed", "xz", "-c FILE > ARCHIVE"),
        ("bzip2-compressed", "bzip2", "-c FILE > ARCHIVE"),
        ("a zip archive", "zip", "-q -j ARCHIVE FILE"),
    ]

    @Test(arguments: packers.indices)
    func aCompressedExportIsNamedAndRefused(index: Int) throws {
        let packer = Self.packers[index]
        guard let tool = Externals.tool(packer.tool), let shell = Externals.tool("sh") else {
            print("InputFormatCLITests: \(packer.tool) is not on PATH; skipped")
            return
        }
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let archive = directory.appendingPathComponent("export.\(packer.tool)").path
        let command = tool + " " + packer.arguments.replacingOccurrences(of: "FILE", with: CLITests.sample)
            .replacingOccurrences(of: "ARCHIVE", with: archive)
        let packed = try run(shell, ["-c", command])
        try #require(packed.status == 0, "\(packer.tool): \(packed.stderr)")

        let output = directory.appendingPathComponent("site.json").path
        let converted = try CLITests.wxr("convert", archive, "--to", "json", "--output", output)
        #expect(converted.status == 2)
        #expect(converted.stderr == "wxr: \(archive) is \(packer.format), not XML: unpack it first "
                + "(\(Self.unpackCommand(packer.tool)) \(archive))\(packer.tool == "zip" ? " and give wxr the .xml file inside" : ""); "
                + "wxr does not read compressed exports yet\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == [(archive as NSString).lastPathComponent])

        let validated = try CLITests.wxr("validate", archive)
        #expect(validated.status == 2)
        #expect(validated.stdout.isEmpty, "no report of a file that is not XML")
        #expect(validated.stderr.split(separator: "\n").count == 1 && validated.stderr.contains(packer.format))
    }

    static func unpackCommand(_ tool: String) -> String {
        ["gzip": "gunzip --keep", "xz": "unxz --keep", "bzip2": "bunzip2 --keep", "zip": "unzip"][tool]!
    }

    @Test func aCompressedStandardInputGetsAPipe() throws {
        let zip = String(decoding: [0x50, 0x4B, 0x03, 0x04] + Array(repeating: UInt8(ascii: "x"), count: 40), as: UTF8.self)
        let result = try CLITests.wxr("stats", "-", stdin: zip)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("wxr: standard input is a zip archive, not XML: unpack it on the way in (unzip -p"))
    }

    @Test(arguments: ["convert", "validate", "stats"])
    func anEmptyFileSaysItIsEmpty(command: String) throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let empty = directory.appendingPathComponent("export.xml").path
        try Data().write(to: URL(fileURLWithPath: empty))
        let arguments = command == "convert" ? [command, empty, "--to", "json", "--output", directory.appendingPathComponent("o.json").path]
            : [command, empty]
        let result = try run(CLITests.binary, arguments)
        #expect(result.status == 2)
        #expect(result.stderr == "wxr: \(empty): the file is empty\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["export.xml"])
    }
}
