/// What stops the reading of an export.
public enum ReadError: Error, Sendable, Hashable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case notWellFormed(line: Int, column: Int, reason: String)
    case notWXR(line: Int, reason: String)
    case ioFailure(reason: String)
    /// The input holds no bytes at all (once decompressed, for a compressed one).
    case emptyInput(name: String)
    /// The input is compressed in a format wxr does not read (bzip2), not XML.
    case compressedInput(name: String, format: CompressedFormat)
    /// The compressed data or the zip is damaged: a failed check (CRC), impossible data, a missing directory.
    /// What came before the damage may have been read.
    case corruptInput(name: String, format: CompressedFormat, reason: String)
    /// Decompressing was stopped at ``InflationLimit``'s limit: the input inflates far more than any export.
    case decompressionBomb(name: String, reason: String)
    /// A zip on standard input: its directory is at its end, and a pipe cannot be read from the end.
    case zipOnStandardInput
    /// A zip with no XML file in it; `entries` are the names it holds.
    case noExportInZip(path: String, entries: [String])
    /// A zip with several XML files: parts of one site, which ``ExportPart/parts(of:)`` lists.
    case severalExportsInZip(path: String, entries: [String])
    /// A zip whose XML entry has a path that would climb out of the folder it was unpacked into, or is
    /// absolute: made to harm. wxr unpacks nothing, and refuses it.
    case unsafeZipEntry(path: String, entry: String)
    /// A zip entry that cannot be read: encrypted, or the directory damaged there.
    case unreadableZipEntry(path: String, entry: String, reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open \(path): \(reason)"
        case .notWellFormed(let line, let column, let reason): "not well-formed XML at line \(line), column \(column): \(reason)"
        case .notWXR(let line, let reason): "not a WordPress export (line \(line)): \(reason)"
        case .ioFailure(let reason): "read failed: \(reason)"
        case .emptyInput(let name): "\(name): the file is empty"
        case .compressedInput(let name, let format):
            "\(Self.display(name)) is \(format.name), not XML: \(format.unpackAdvice(for: name)); "
                + (format == .zip ? "wxr reads a zip from its file only" : "wxr reads gzip, xz and zip, not \(format.rawValue)")
        case .corruptInput(let name, let format, let reason):
            "\(Self.display(name)): damaged \(format.rawValue) data: \(reason); download or copy the file again"
        case .decompressionBomb(let name, let reason):
            "\(Self.display(name)): refused as a decompression bomb: \(reason) (an export compresses 5 to 50 times); "
                + "if it is a real export, unpack it yourself and give wxr the .xml file"
        case .zipOnStandardInput:
            "standard input is a zip archive, which cannot be read from a pipe: a zip's directory is at its end; "
                + "give wxr the .zip file's path instead"
        case .noExportInZip(let path, let entries):
            "\(path) is a zip archive with no .xml file, so no WordPress export: "
                + (entries.isEmpty ? "it is empty" : "it holds \(Self.list(entries))")
        case .severalExportsInZip(let path, let entries):
            "\(path) holds \(entries.count) exports (\(Self.list(entries))), parts of one site: "
                + "wxr convert reads them together as parts; to read one alone, unzip it first"
        case .unsafeZipEntry(let path, let entry):
            "\(path): its XML entry \"\(entry)\" has a path that is absolute or climbs out with '..', as zips made "
                + "to harm do: refused, and nothing was unpacked"
        case .unreadableZipEntry(let path, let entry, let reason):
            "\(path): its entry \"\(entry)\" cannot be read: \(reason); unzip it yourself (with its password, if "
                + "it has one) and give wxr the .xml file"
        }
    }

    /// How messages name an input: `<stdin>` reads as words.
    private static func display(_ name: String) -> String {
        name == "<stdin>" ? "standard input" : name
    }

    /// A few names, then how many more.
    private static func list(_ names: [String]) -> String {
        let shown = names.prefix(5).joined(separator: ", ")
        return names.count > 5 ? "\(shown) and \(names.count - 5) more" : shown
    }
}
