import Foundation
import Testing
@testable import WXRKit

/// Compressed exports (gzip, xz, zip) are told by their first bytes and read as they stream, with the same
/// result as the XML inside; damaged or hostile ones stop with an error that says what they are.
@Suite struct CompressedInputTests {
    static let sample = Paths.packageRoot.appendingPathComponent("samples/looking-left.wordpress.xml").path

    // MARK: Recognising

    @Test(arguments: [
        ([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00], CompressedFormat.zip),
        ([0x50, 0x4B, 0x05, 0x06], .zip),
        ([0x1F, 0x8B, 0x08, 0x00], .gzip),
        ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00, 0x00], .xz),
        ([0x42, 0x5A, 0x68, 0x39, 0x31], .bzip2),
    ] as [([UInt8], CompressedFormat)])
    func recognisedByItsFirstBytes(bytes: [UInt8], format: CompressedFormat) {
        #expect(CompressedFormat(leadingBytes: bytes) == format)
    }

    /// Bzip2 is recognised, and refused with how to unpack it; a zip is read from its file only.
    @Test(arguments: [CompressedFormat.bzip2, .zip])
    func bzip2AndAZipInMemoryAreRefused(format: CompressedFormat) {
        let bytes: [UInt8] = format == .zip ? [0x50, 0x4B, 0x03, 0x04] : [0x42, 0x5A, 0x68, 0x39]
        #expect(throws: ReadError.compressedInput(name: "export", format: format)) {
            _ = try WXRReader(bytes: bytes + Array(repeating: 0, count: 100), name: "export")
        }
    }

    @Test(arguments: ["<?xml version=\"1.0\"?>", "\u{FEFF}<?xml", "  <rss>", "<rss version=\"2.0\">", "B", "P"])
    func xmlAndShortTextAreNotMistakenForAnArchive(text: String) {
        #expect(CompressedFormat(leadingBytes: Array(text.utf8)) == nil)
    }

    /// Bug caught: an empty file, or a gzip of nothing, reaching the parser as a puzzling XML error.
    @Test func anEmptyInputSaysSo() throws {
        #expect(throws: ReadError.emptyInput(name: "empty.xml")) { _ = try WXRReader(bytes: [], name: "empty.xml") }
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let empty = directory.appendingPathComponent("empty.xml")
        try Data().write(to: empty)
        let error = #expect(throws: ReadError.self) { _ = try WXRReader(path: empty.path) }
        #expect(error?.description == "\(empty.path): the file is empty")
        guard Externals.tool("gzip") != nil else {
            print("CompressedInputTests: gzip is not on PATH; the empty gzip is skipped")
            return
        }
        let gzipped = try Packing.pack(empty.path, as: .gzip, in: directory)
        #expect(throws: ReadError.emptyInput(name: gzipped)) { _ = try WXRReader(path: gzipped) }
    }

    // MARK: Reading

    /// Bug caught: a decoder that drops or repeats bytes where a read ends (every size of read, down to one
    /// byte, must give the same bytes), or that stops after the first gzip member.
    @Test(arguments: [1, 7, 4096])
    func decodersGiveTheSameBytesWhateverTheReadSize(readSize: Int) throws {
        let variants: [Packing.Variant] = [.gzip, .gzipTwoMembers, .xz]
        let missing = Packing.missingTools(for: variants)
        guard missing.isEmpty else {
            print("CompressedInputTests: \(missing.joined(separator: ", ")) not on PATH; skipped")
            return
        }
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let original = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.sample)))
        for variant in variants {
            let packed = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Packing.pack(Self.sample, as: variant, in: directory))))
            let memory = MemorySource(bytes: packed, counter: ByteCounter())
            let decoder: any ByteSource = variant == .xz ? try XZDecoder(source: memory, name: "x")
                : try DeflateDecoder(source: memory, name: "x", framing: .gzip)
            var decoded: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: readSize)
            while true {
                let count = try buffer.withUnsafeMutableBytes { bytes throws(ReadError) in try decoder.read(into: bytes) }
                if count == 0 { break }
                decoded += buffer[0..<count]
            }
            #expect(decoded == original, "\(variant) read \(readSize) bytes at a time")
            #expect(decoder.cutOff == nil)
        }
    }

    /// Every way an export arrives reads as the XML itself: the same entities, in the same order, with the
    /// same findings at the same lines (of the XML, not of the compressed file).
    @Test(arguments: Packing.Variant.allCases)
    func everyPackingReadsAsThePlainExport(variant: Packing.Variant) throws {
        let missing = Packing.missingTools(for: [variant])
        guard missing.isEmpty else {
            print("CompressedInputTests: \(missing.joined(separator: ", ")) not on PATH; \(variant) skipped")
            return
        }
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let packed = try Packing.pack(Self.sample, as: variant, in: directory)
        let plain = try ReadResult(path: Self.sample), read = try ReadResult(path: packed)
        #expect(read.order == plain.order)
        #expect(read.posts.map(\.id) == plain.posts.map(\.id))
        #expect(read.posts.map(\.content) == plain.posts.map(\.content))
        #expect(read.findings.map { "\($0.code) \($0.line ?? 0)" } == plain.findings.map { "\($0.code) \($0.line ?? 0)" })
        let reader = try WXRReader(path: packed)
        while try reader.next() != nil {}
        #expect(reader.bytesRead == (try FileManager.default.attributesOfItem(atPath: packed)[.size] as! Int)
                || variant.rawValue.hasPrefix("zip"), "progress counts the file's bytes")
    }

    /// A download cut off inside the gzip or xz data: what came before is read, as from a cut-off XML file,
    /// and the cut is reported twice: where the compressed data ends, and the item it left incomplete.
    @Test(arguments: [Packing.Variant.gzip, .xz])
    func aCutOffCompressedFileKeepsWhatCameBefore(variant: Packing.Variant) throws {
        let missing = Packing.missingTools(for: [variant])
        guard missing.isEmpty else {
            print("CompressedInputTests: \(missing.joined(separator: ", ")) not on PATH; skipped")
            return
        }
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let packed = URL(fileURLWithPath: try Packing.pack(Self.sample, as: variant, in: directory))
        let whole = try Data(contentsOf: packed)
        try whole.prefix(whole.count * 6 / 10).write(to: packed)
        let plain = try ReadResult(path: Self.sample), read = try ReadResult(path: packed.path)
        #expect(!read.posts.isEmpty && read.posts.count < plain.posts.count)
        #expect(read.posts.map(\.id) == Array(plain.posts.map(\.id).prefix(read.posts.count)))
        let cut = try #require(read.findings.first { $0.code == .inputTruncated })
        #expect(cut.severity == .error)
        #expect(cut.message.contains("\(variant == .xz ? "xz" : "gzip") data ends early"))
        #expect(read.findings.contains { $0.code == .xmlTruncated })
    }

    /// Bug caught: damaged data read on as if whole. A changed byte in the gzip trailer fails its CRC check.
    @Test func damagedGzipDataStopsTheReading() throws {
        guard Externals.tool("gzip") != nil else {
            print("CompressedInputTests: gzip is not on PATH; skipped")
            return
        }
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let packed = URL(fileURLWithPath: try Packing.pack(Self.sample, as: .gzip, in: directory))
        var bytes = try [UInt8](Data(contentsOf: packed))
        bytes[bytes.count - 6] ^= 0xFF          // in the CRC-32 of the trailer
        let error = #expect(throws: ReadError.self) { _ = try ReadResult(reader: WXRReader(bytes: bytes, name: "export.xml.gz")) }
        #expect(error == .corruptInput(name: "export.xml.gz", format: .gzip, reason: "incorrect data check"))
    }

    // MARK: Zips

    /// A zip of several XML files is several parts of one site, listed in the order of their names.
    @Test func aZipOfThreePartsListsThemInOrder() throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let zip = directory.appendingPathComponent("site.zip").path
        try Packing.makeZip(.threeParts, at: zip, export: Self.sample)
        let parts = try ExportPart.parts(of: zip)
        #expect(parts.map(\.entry) == ["site.000.xml", "site.001.xml", "site.002.xml"])
        #expect(parts.map(\.name) == ["000", "001", "002"].map { "\(zip):site.\($0).xml" })
        #expect(throws: ReadError.severalExportsInZip(path: zip, entries: ["site.000.xml", "site.001.xml", "site.002.xml"])) {
            _ = try WXRReader(path: zip)
        }
        let plain = try ReadResult(path: Self.sample)
        for part in parts {
            let reader = try WXRReader(part: part)
            #expect(reader.inputName == part.name)
            #expect(try ReadResult(reader: reader).posts.map(\.id) == plain.posts.map(\.id))
        }
        #expect(try ExportPart.parts(of: Self.sample) == [ExportPart(path: Self.sample)])
        #expect(try ExportPart.parts(of: "-").map(\.name) == ["<stdin>"])
    }

    /// Each broken or hostile zip stops with its own error, before anything is parsed where it can be.
    @Test(arguments: Packing.BadZip.allCases.filter { $0 != .threeParts })
    func aBrokenOrHostileZipIsRefused(kind: Packing.BadZip) throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let zip = directory.appendingPathComponent("site.zip").path
        try Packing.makeZip(kind, at: zip, export: Self.sample)
        let started = Date()
        let error = #expect(throws: ReadError.self) { _ = try ReadResult(path: zip) }
        #expect(Date().timeIntervalSince(started) < 60, "refused at once, not after inflating a gigabyte")
        switch kind {
        case .pathTraversal: #expect(error == .unsafeZipEntry(path: zip, entry: "../../evil.xml"))
        case .absolutePath: #expect(error == .unsafeZipEntry(path: zip, entry: "/tmp/evil.xml"))
        case .bomb:
            guard case .decompressionBomb(zip, let reason) = error else { Issue.record("\(String(describing: error))"); return }
            #expect(reason.hasPrefix("it declares 10737"), "refused from what it declares, before inflating")
        case .lyingBomb:
            #expect(error == .decompressionBomb(name: zip, reason: "it inflates past the 10485760 bytes it declares"))
        case .encrypted: #expect(error == .unreadableZipEntry(path: zip, entry: "export.xml", reason: "it is encrypted"))
        case .crcMismatch:
            #expect(error == .corruptInput(name: zip, format: .zip, reason: "the CRC-32 of export.xml does not match its data"))
        case .truncated:
            #expect(error == .corruptInput(name: zip, format: .zip,
                                           reason: "its directory, which ends a zip, is missing: the file is cut off or not a zip"))
        case .noXML: #expect(error == .noExportInZip(path: zip, entries: ["readme.txt", "photos/beach.jpg"]))
        case .notWXR:
            guard case .notWXR = error else { Issue.record("\(String(describing: error))"); return }
        case .endlessDeflate:
            let size = try FileManager.default.attributesOfItem(atPath: Self.sample)[.size] as! Int
            #expect(error == .corruptInput(name: zip, format: .zip, reason: "the deflate data ends early, after \(size + 5) bytes in export.xml"))
        case .threeParts: break
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["site.zip"], "nothing unpacked")
    }

    /// Unsafe names are told apart from ordinary ones, whatever the separator.
    @Test(arguments: [
        ("site.xml", false), ("export/site.001.xml", false), ("a..b.xml", false),
        ("../site.xml", true), ("a/../../site.xml", true), ("/etc/site.xml", true), ("..\\site.xml", true),
        ("C:\\site.xml", true), ("\\\\server\\site.xml", true),
    ])
    func unsafeEntryNames(name: String, isUnsafe: Bool) {
        #expect(ZipArchive.isUnsafe(name) == isUnsafe)
    }
}
