import Foundation
import WXRKit

/// Finds the exports in a folder for `wxr batch`: files whose names end `.xml`, `.xml.gz`, `.xml.xz` or `.zip`
/// and whose first bytes are XML, gzip, xz or zip, in the folder and below it, in name order.
///
/// Hidden folders, the batch's own output folder and the site folders wxr wrote (they hold a
/// `.wxr-manifest.json`) are not searched: a re-run must not take an earlier run's output, or a site's
/// `sitemap.xml`, for an export. Files named as exports whose bytes are not are set aside in ``skipped``.
struct ExportSearch {
    /// Folders not to search, as absolute, symlink-free paths.
    private let excludedFolders: Set<String>
    /// Files named as exports whose first bytes are not XML, gzip, xz or zip, in the order met.
    private(set) var skipped: [String] = []

    init(excluding folders: [String]) {
        excludedFolders = Set(folders.map(Self.canonicalPath))
    }

    /// The exports under `folder`, sorted by path.
    /// - Throws: when the folder cannot be listed.
    mutating func exports(in folder: String) throws -> [String] {
        var found: [String] = []
        try search(folder, into: &found)
        return found
    }

    private mutating func search(_ folder: String, into found: inout [String]) throws {
        guard !excludedFolders.contains(Self.canonicalPath(folder)) else { return }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        if names.contains(".wxr-manifest.json") { return }
        for name in names where !name.hasPrefix(".") {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            var status = stat()
            // lstat: a link to a folder is not followed, so that a loop cannot be.
            guard lstat(path, &status) == 0 else { continue }
            switch status.st_mode & S_IFMT {
            case S_IFDIR: try search(path, into: &found)
            case S_IFREG, S_IFLNK:
                guard Self.hasExportName(name) else { continue }
                if Self.hasExportBytes(path) { found.append(path) } else { skipped.append(path) }
            default: continue
            }
        }
    }

    static func hasExportName(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return [".xml", ".xml.gz", ".xml.xz", ".zip"].contains { lowered.hasSuffix($0) }
    }

    /// Whether the file starts as XML does (a `<` after an optional byte order mark and white space) or as a
    /// gzip, xz or zip file does.
    static func hasExportBytes(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: 512)) ?? Data())
        if let format = CompressedFormat(leadingBytes: head) { return format != .bzip2 }
        var bytes = head[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        return bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } == UInt8(ascii: "<")
    }

    private static func canonicalPath(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
