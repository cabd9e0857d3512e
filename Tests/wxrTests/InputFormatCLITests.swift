import Foundation
import Testing

/// What a user who hands wxr a bzip2'd export, a zip on standard input or an empty file sees: one line that
/// says what the file is and what to do, exit code 2, and nothing written. (Gzip, xz and zip files are read:
/// CompressedInputCLITests.)
@Suite struct InputFormatCLITests {
    /// The packers a user would have used, with how each packs FILE into ARCHIVE and how wxr names the result.
    static let packers: [(format: String, tool: String, arguments: String)] = [
        ("bzip2-compressed", "bzip2", "-c FILE > ARCHIVE"),
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
                + "(\(Self.unpackCommand(packer.tool)) \(archive)); wxr reads gzip, xz and zip, not bzip2\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == [(archive as NSString).lastPathComponent])

        let validated = try CLITests.wxr("validate", archive)
        #expect(validated.status == 2)
        #expect(validated.stdout.isEmpty, "no report of a file that is not XML")
        #expect(validated.stderr.split(separator: "\n").count == 1 && validated.stderr.contains(packer.format))
    }

    static func unpackCommand(_ tool: String) -> String {
        ["bzip2": "bunzip2 --keep"][tool]!
    }

    /// A zip cannot be read from a pipe (its directory is at its end): the message says so, and what to do.
    @Test func aZipOnStandardInputIsRefusedWithWhy() throws {
        let zip = String(decoding: [0x50, 0x4B, 0x03, 0x04] + Array(repeating: UInt8(ascii: "x"), count: 40), as: UTF8.self)
        let result = try CLITests.wxr("stats", "-", stdin: zip)
        #expect(result.status == 2)
        #expect(result.stderr == "wxr: standard input is a zip archive, which cannot be read from a pipe: a zip's "
                + "directory is at its end; give wxr the .zip file's path instead\n")
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
