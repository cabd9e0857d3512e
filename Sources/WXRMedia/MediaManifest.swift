import Foundation
import WXRKit

/// `wxr/media.json` in a site folder: a record per media file, so that a later run fetches only what is not
/// there yet, and the user can see where each file came from and check it (`sha256sum`).
public struct MediaManifest: Sendable {
    public static let path = "wxr/media.json"

    /// The records by their path in the site folder.
    public private(set) var records: [String: MediaRecord] = [:]

    public init() {}

    /// The manifest in `siteFolder`; an empty one when there is none or it cannot be read (every file is then
    /// checked again, none trusted).
    public init(siteFolder: String) {
        guard let data = FileManager.default.contents(atPath: siteFolder + "/" + Self.path),
              let json = JSONValue(parsing: String(decoding: data, as: UTF8.self)),
              case .object(let root) = json, let files = root["files"]?.array else { return }
        for case .object(let file) in files {
            guard let url = file["url"]?.string, let path = file["path"]?.string,
                  let outcome = file["outcome"]?.string.flatMap(MediaRecord.Outcome.init) else { continue }
            var record = MediaRecord(url: url, path: path, outcome: outcome)
            record.size = file["size"]?.integer
            record.sha256 = file["sha256"]?.string
            record.etag = file["etag"]?.string
            record.lastModified = file["last_modified"]?.string
            record.modified = file["modified"]?.integer
            record.error = file["error"]?.string
            records[path] = record
        }
    }

    public subscript(path: String) -> MediaRecord? {
        get { records[path] }
        set { records[path] = newValue }
    }

    /// The manifest as JSON, records in path order so that two runs over the same files write the same bytes.
    public var json: [UInt8] {
        var writer = JSONWriter(layout: .indented)
        writer.beginObject()
        writer.key("version"); writer.value(1)
        writer.key("files")
        writer.beginArray()
        for path in records.keys.sorted() {
            let record = records[path]!
            writer.beginObject()
            writer.key("url"); writer.value(record.url)
            writer.key("path"); writer.value(record.path)
            writer.key("outcome"); writer.value(record.outcome.rawValue)
            writer.key("size"); writer.value(record.size)
            writer.key("sha256"); writer.value(record.sha256)
            writer.key("etag"); writer.value(record.etag)
            writer.key("last_modified"); writer.value(record.lastModified)
            writer.key("modified"); writer.value(record.modified)
            writer.key("error"); writer.value(record.error)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        writer.newline()
        return writer.bytes
    }
}
