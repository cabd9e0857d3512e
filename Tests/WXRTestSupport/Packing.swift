import Foundation

/// An export packed the ways exports arrive, by the programs users pack them with (`gzip`, `xz`, `zip`), and
/// zips built byte by byte by Python's `zipfile` to be broken or hostile. Tests of compressed input use it
/// in both test targets: the library's and the CLI's.
public enum Packing {
    /// How a file is packed.
    public enum Variant: String, CaseIterable, Sendable {
        case plain, gzip, gzipTwoMembers, xz, zipStored, zipDeflated

        /// The programs the variant needs.
        public var tools: [String] {
            switch self {
            case .plain: []
            case .gzip, .gzipTwoMembers: ["gzip"]
            case .xz: ["xz"]
            case .zipStored, .zipDeflated: ["zip"]
            }
        }

        /// Whether standard input can carry it (a zip cannot: its directory is at its end).
        public var isReadableFromPipe: Bool { self != .zipStored && self != .zipDeflated }
    }

    /// The programs of `variants` that are not on `PATH`, with `sh`.
    public static func missingTools(for variants: [Variant]) -> [String] {
        (["sh"] + variants.flatMap(\.tools)).filter { Externals.tool($0) == nil }.uniqued()
    }

    /// Packs `file` as `variant` into `directory`, under a name that does not give the format away
    /// (`export-gzip.bin`): the reader must tell by the bytes. The zip's entry is `export.xml`.
    public static func pack(_ file: String, as variant: Variant, in directory: URL) throws -> String {
        let output = directory.appendingPathComponent("export-\(variant.rawValue).bin").path
        let source = quoted(file), target = quoted(output)
        let script: String
        switch variant {
        case .plain:
            script = "cp \(source) \(target)"
        case .gzip:
            script = "gzip -c \(source) > \(target)"
        case .gzipTwoMembers:
            // `cat a.gz b.gz`: the first half and the rest, each a gzip member of its own.
            let size = try FileManager.default.attributesOfItem(atPath: file)[.size] as! Int
            let half = size / 2
            script = "{ head -c \(half) \(source) | gzip -c; tail -c +\(half + 1) \(source) | gzip -c; } > \(target)"
        case .xz:
            script = "xz -c \(source) > \(target)"
        case .zipStored, .zipDeflated:
            let entryFolder = directory.appendingPathComponent("zip-\(variant.rawValue)")
            try FileManager.default.createDirectory(at: entryFolder, withIntermediateDirectories: true)
            let entry = quoted(entryFolder.appendingPathComponent("export.xml").path)
            let level = variant == .zipStored ? "-0" : "-9"
            script = "cp \(source) \(entry) && zip -q -j \(level) \(target).zip \(entry) && mv \(target).zip \(target) && rm -r \(quoted(entryFolder.path))"
        }
        try shell(script)
        return output
    }

    /// Zips made by hand to be broken or hostile, each holding `export` (or a part of it) unless it says not.
    public enum BadZip: String, CaseIterable, Sendable {
        /// The export under `../../evil.xml`: unpacked, it would land outside the folder.
        case pathTraversal = "traversal"
        /// The export under `/tmp/evil.xml`.
        case absolutePath = "absolute"
        /// 1 GB of spaces after an XML prelude, deflated to about 1 MB, its size declared honestly.
        case bomb
        /// 200 MB of spaces that declares 10 MB.
        case lyingBomb = "lying-bomb"
        /// The export with bit 0 of its flags (encrypted) set in both headers; Python cannot encrypt.
        case encrypted
        /// The export stored, one letter of its data changed afterwards: the CRC-32 no longer matches.
        case crcMismatch = "crc-mismatch"
        /// The first half of a zip of the export: its directory, at the end, is gone.
        case truncated
        /// A text file and a picture: no XML.
        case noXML = "no-xml"
        /// XML that is not a WordPress export.
        case notWXR = "not-wxr"
        /// Three parts, written out of order (`site.002.xml` first), with a readme beside them.
        case threeParts = "parts"
        /// A deflate stream that never ends (a stored block whose length runs past the end of the file), its
        /// declared size plausible: ZIPFoundation 0.9.20's own extraction spins on it for ever.
        case endlessDeflate = "endless-deflate"
    }

    /// Writes the zip `kind` holding `export` at `path`, with Python's `zipfile` (and bytes patched after).
    public static func makeZip(_ kind: BadZip, at path: String, export: String) throws {
        guard let python = Externals.tool("python3") else { throw Externals.Missing(what: "python3") }
        let result = try run(python, ["-c", badZipScript, kind.rawValue, path, export])
        guard result.status == 0 else { throw Externals.Failed(command: "python3 zipfile", message: result.stderr) }
    }

    private static let badZipScript = #"""
        import struct, sys, zipfile, zlib
        kind, out, export = sys.argv[1], sys.argv[2], sys.argv[3]
        xml = open(export, "rb").read()
        prelude = (b'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
                   b'xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Spaces</title>\n')

        def spaces(zf, megabytes):
            with zf.open("export.xml", "w") as entry:  # streamed: never 1 GB in memory
                entry.write(prelude)
                block = b" " * (1 << 20)
                for _ in range(megabytes):
                    entry.write(block)

        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            if kind == "traversal":
                zf.writestr(zipfile.ZipInfo("../../evil.xml"), xml)
            elif kind == "absolute":
                zf.writestr(zipfile.ZipInfo("/tmp/evil.xml"), xml)
            elif kind == "bomb":
                spaces(zf, 1024)
            elif kind == "lying-bomb":
                spaces(zf, 200)
            elif kind in ("encrypted", "crc-mismatch"):
                zf.writestr("export.xml", xml, compress_type=zipfile.ZIP_STORED)
            elif kind == "truncated":
                zf.writestr("export.xml", xml)
            elif kind == "no-xml":
                zf.writestr("readme.txt", b"Photos of the trip.\n")
                zf.writestr("photos/beach.jpg", b"\xff\xd8\xff\xe0" + bytes(100))
            elif kind == "not-wxr":
                zf.writestr("catalog.xml", b'<?xml version="1.0"?>\n<catalog><book id="1">Dune</book></catalog>\n')
            elif kind == "parts":
                for number in (2, 0, 1):
                    zf.writestr("site.%03d.xml" % number, xml)
                zf.writestr("readme.txt", b"Three parts.\n")

        if kind == "endless-deflate":
            data = b"\x00" + struct.pack("<HH", 0xFFFF, 0x0000) + xml  # not final, 65535 bytes long
            name, crc = b"export.xml", zlib.crc32(xml)
            sizes = struct.pack("<III", crc, len(data), len(xml))
            local = struct.pack("<IHHHHH", 0x04034B50, 20, 0, 8, 0, 0) + sizes + struct.pack("<HH", len(name), 0)
            central = (struct.pack("<IHHHHHH", 0x02014B50, 20, 20, 0, 8, 0, 0) + sizes
                       + struct.pack("<HHHHHII", len(name), 0, 0, 0, 0, 0, 0) + name)
            end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), len(local) + len(name) + len(data), 0)
            open(out, "wb").write(local + name + data + central + end)
            sys.exit(0)

        data = bytearray(open(out, "rb").read())
        local, central = 0, data.rfind(b"PK\x01\x02")
        if kind == "encrypted":
            data[local + 6] |= 1
            data[central + 8] |= 1
        elif kind == "lying-bomb":
            struct.pack_into("<I", data, local + 22, 10 << 20)
            struct.pack_into("<I", data, central + 24, 10 << 20)
        elif kind == "crc-mismatch":
            title = data.find(b"<title>") + len(b"<title>") + 1
            data[title] ^= 0x20  # a letter's case: still well-formed XML, no longer the same bytes
        elif kind == "truncated":
            data = data[: len(data) // 2]
        open(out, "wb").write(data)
        """#

    /// Runs `script` with `sh -c`, throwing its standard error when it fails.
    public static func shell(_ script: String) throws {
        guard let sh = Externals.tool("sh") else { throw Externals.Missing(what: "sh") }
        let result = try run(sh, ["-c", script])
        guard result.status == 0 else { throw Externals.Failed(command: script, message: result.stderr) }
    }

    /// `path` quoted for `sh`.
    public static func quoted(_ path: String) -> String {
        "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

private extension Array where Element == String {
    func uniqued() -> [String] {
        var seen: Set<String> = []
        return filter { seen.insert($0).inserted }
    }
}
