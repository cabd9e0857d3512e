import Foundation
import Testing
@testable import WXRKit

/// Compressed and empty input is recognised by its first bytes and refused with an error that says what it is.
@Suite struct CompressedFormatTests {
    @Test(arguments: [
        ([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00], CompressedFormat.zip),
        ([0x50, 0x4B, 0x05, 0x06], .zip),
        ([0x1F, 0x8B, 0x08, 0x00], .gzip),
        ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00, 0x00], .xz),
        ([0x42, 0x5A, 0x68, 0x39, 0x31], .bzip2),
    ] as [([UInt8], CompressedFormat)])
    func recognisedByItsFirstBytes(bytes: [UInt8], format: CompressedFormat) throws {
        #expect(CompressedFormat(leadingBytes: bytes) == format)
        #expect(throws: ReadError.compressedInput(name: "export", format: format)) {
            _ = try WXRReader(bytes: bytes + Array(repeating: 0, count: 100), name: "export")
        }
    }

    @Test(arguments: ["<?xml version=\"1.0\"?>", "\u{FEFF}<?xml", "  <rss>", "<rss version=\"2.0\">", "B", "P"])
    func xmlAndShortTextAreNotMistakenForAnArchive(text: String) {
        #expect(CompressedFormat(leadingBytes: Array(text.utf8)) == nil)
    }

    @Test func anEmptyInputSaysSo() throws {
        #expect(throws: ReadError.emptyInput(name: "empty.xml")) { _ = try WXRReader(bytes: [], name: "empty.xml") }
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let empty = directory.appendingPathComponent("empty.xml")
        try Data().write(to: empty)
        let error = #expect(throws: ReadError.self) { _ = try WXRReader(path: empty.path) }
        #expect(error?.description == "\(empty.path): the file is empty")
    }

    @Test func theAdviceNamesTheCommandThatUnpacks() {
        #expect(CompressedFormat.gzip.unpackAdvice(for: "export.xml.gz") == "unpack it first (gunzip --keep export.xml.gz)")
        #expect(CompressedFormat.zip.unpackAdvice(for: "my export.zip").contains("unzip 'my export.zip'"))
        #expect(CompressedFormat.xz.unpackAdvice(for: "<stdin>").contains("unxz --stdout EXPORT.xz | wxr"))
    }

    /// Reading starts where it did: the bytes looked at to tell the format are parsed too.
    @Test func theFirstBytesAreStillRead() throws {
        let result = try ReadResult(path: Paths.packageRoot.appendingPathComponent("samples/looking-left.wordpress.xml").path)
        #expect(result.site.title == "Looking at Things from the Left")
        #expect(result.posts.count == 8)
    }
}
