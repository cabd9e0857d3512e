import Foundation
import WXRKit

/// What `wxr convert` reads: one export, or the parts of one site read as one stream (``PartedExport``).
struct ConvertInput {
    /// The reader, or the parted export, to convert from.
    let source: any EntitySource
    /// The input as the report names it.
    let name: String
    /// The bytes there are to read, for a progress bar; nil when unknown (standard input).
    let size: Int?
    /// The parted export when there are several parts, to say which part each finding of the report is in.
    let parted: PartedExport?

    /// Opens a single export at once (so that an unreadable one fails here), or prepares its parts.
    init(paths: [String], allowsMixedSites: Bool) throws {
        let parts = try paths.flatMap(Self.parts(of:))
        let sizes = paths.map(Self.fileSize)
        size = sizes.contains(nil) ? nil : sizes.reduce(0) { $0 + $1! }
        if parts.count == 1 {
            let reader = try parts[0].open()
            source = reader
            name = reader.inputName
            parted = nil
        } else {
            let parted = PartedExport(parts: parts, allowsMixedSites: allowsMixedSites)
            source = parted
            name = "\(parts[0].name) and \(Counted(parts.count - 1, "more part"))"
            self.parted = parted
        }
    }

    /// The parts a path given on the command line holds: the file itself (or standard input, `-`), or a zip's
    /// XML entries in name order (`wp export`'s `.000.xml`, `.001.xml`…).
    static func parts(of path: String) throws -> [PartedExport.Part] {
        try ExportPart.parts(of: path).map { part in
            PartedExport.Part(name: part.name) { try WXRReader(part: part) }
        }
    }

    /// The size of a regular file; nil for standard input and anything else.
    static func fileSize(_ path: String) -> Int? {
        var status = stat()
        guard path != "-", stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        return Int(status.st_size)
    }
}
