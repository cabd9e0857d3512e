import Foundation

/// `.wxr-manifest.json` at a site folder's root: every file wxr generated, with its ``ContentHash``, so that a
/// re-run can tell its own unchanged files from the ones the user edited since.
///
/// ```json
/// {
///   "files" : {
///     "config.yaml" : "a430d84680aabd0b"
///   },
///   "format" : "wxr-site-manifest",
///   "hash" : "fnv1a-64",
///   "version" : 1
/// }
/// ```
struct SiteManifest: Codable {
    /// The manifest's name at the folder's root.
    static let fileName = ".wxr-manifest.json"

    var format = "wxr-site-manifest"
    var version = 1
    var hash = "fnv1a-64"
    /// Content hash by relative path, for every file the run generated.
    var files: [String: String]

    init(files: [String: String]) {
        self.files = files
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        format = try container.decode(String.self, forKey: .format)
        version = try container.decode(Int.self, forKey: .version)
        hash = try container.decode(String.self, forKey: .hash)
        guard format == "wxr-site-manifest", version == 1, hash == "fnv1a-64" else {
            throw ManifestError.unknownFormat
        }
        files = try container.decode([String: String].self, forKey: .files)
    }

    enum ManifestError: Error, CustomStringConvertible {
        case unknownFormat
        case badHash(file: String)

        var description: String {
            switch self {
            case .unknownFormat: "unknown format or version"
            case .badHash(let file): "bad hash for \(file)"
            }
        }
    }

    /// The hashes a manifest's JSON lists, by relative path.
    /// - Throws: a `DecodingError` or a ``ManifestError`` when `data` is not a manifest this version reads.
    static func hashes(decoding data: Data) throws -> [String: ContentHash] {
        let manifest = try JSONDecoder().decode(SiteManifest.self, from: data)
        var hashes: [String: ContentHash] = [:]
        for (file, hex) in manifest.files {
            guard let hash = ContentHash(hex: hex) else { throw ManifestError.badHash(file: file) }
            hashes[file] = hash
        }
        return hashes
    }

    /// Writes a new manifest listing `hashes` to `path`, a piece at a time: it lists every file, tens of
    /// thousands on a large site, and JSONEncoder would hold several copies at once. Keys sorted, laid out as
    /// JSONEncoder's `.prettyPrinted` does: the very bytes earlier versions wrote.
    /// - Throws: ``ExportError/cannotWrite(path:reason:)`` naming the manifest when the file system fails.
    static func write(_ hashes: [String: ContentHash], to path: String) throws(ExportError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw FileSystem.failure(fileName) }
        var writer = JSONWriter(capacity: 1 << 16 + 1024, layout: .indented)
        func drain() throws(ExportError) {
            let result = writer.bytes.withUnsafeBytes { buffer in
                Result { () throws(ExportError) in try FileSystem.writeAll(buffer, to: descriptor, path: fileName) }
            }
            try result.get()
            writer.bytes.removeAll(keepingCapacity: true)
        }
        do throws(ExportError) {
            let manifest = SiteManifest(files: [:])
            // Keys in sorted order, as `.sortedKeys` has them: "files", "format", "hash", "version".
            writer.beginObject()
            writer.key("files")
            writer.beginObject()
            for file in hashes.keys.sorted() {
                writer.dynamicKey(file)
                writer.value(hashes[file]!.hex)
                if writer.bytes.count >= 1 << 16 { try drain() }
            }
            writer.endObject()
            writer.key("format")
            writer.value(manifest.format)
            writer.key("hash")
            writer.value(manifest.hash)
            writer.key("version")
            writer.value(manifest.version)
            writer.endObject()
            try drain()
        } catch {
            close(descriptor)
            throw error
        }
        guard close(descriptor) == 0 else { throw FileSystem.failure(fileName) }
    }
}
