import Foundation
internal import ZIPFoundation

/// A zip archive opened to find the exports it holds (WordPress.com hands its export out as one).
///
/// ZIPFoundation reads the archive and lists its entries (names, kinds, sizes, CRCs); ``ZipDirectory`` adds
/// what ZIPFoundation keeps to itself (where each entry's data is, which entries are encrypted), and
/// ``ZipEntryReader`` reads an entry's data. Nothing is ever extracted to disk, and entry names are never used
/// as paths. The XML entries are the export's parts, in the order of their names (`wp export` numbers them
/// `.000.xml`, `.001.xml`…).
final class ZipArchive {
    let path: String
    private let directory: ZipDirectory
    /// The entries ZIPFoundation lists, in the directory's order: `directory.records` at the same index.
    private let entries: [Entry]

    /// Opens the zip at `path` and lists its entries.
    /// - Throws: ``ReadError/corruptInput(name:format:reason:)`` when it is cut off or damaged, and
    ///   ``ReadError/unreadableZipEntry(path:entry:reason:)`` when an entry is encrypted.
    init(path: String) throws(ReadError) {
        directory = try ZipDirectory(path: path)
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw .corruptInput(name: path, format: .zip, reason: "ZIPFoundation cannot read its directory (\(error))")
        }
        self.path = path
        entries = Array(archive)
        // ZIPFoundation ends its listing at an entry it cannot read (an encrypted one): say which, rather than
        // go on as if the archive held only the entries before it.
        if entries.count < directory.records.count {
            let record = directory.records[entries.count]
            throw .unreadableZipEntry(path: path, entry: record.name,
                                      reason: record.isEncrypted ? "it is encrypted" : "ZIPFoundation cannot read it")
        }
        for (entry, record) in zip(entries, directory.records) where entry.compressedSize != record.compressedSize {
            throw .corruptInput(name: path, format: .zip, reason: "its directory and ZIPFoundation disagree about \(record.name)")
        }
    }

    /// The names of the entries that hold XML, sorted.
    /// - Throws: ``ReadError/noExportInZip(path:entries:)`` when there is none, and
    ///   ``ReadError/unsafeZipEntry(path:entry:)`` when one has a path that climbs out (`..`) or is absolute.
    func exportEntryNames() throws(ReadError) -> [String] {
        let names = entries.filter { $0.type == .file && Self.isExport($0.path) }.map(\.path).sorted()
        guard !names.isEmpty else {
            throw .noExportInZip(path: path, entries: entries.map(\.path))
        }
        if let unsafe = names.first(where: Self.isUnsafe) { throw .unsafeZipEntry(path: path, entry: unsafe) }
        return names
    }

    /// A reader of the entry named `entry`, named `name` in messages.
    func makeReader(entry name: String, displayName: String, counter: ByteCounter) throws(ReadError) -> ZipEntryReader {
        guard let index = entries.firstIndex(where: { $0.path == name }) else {
            throw .cannotOpen(path: displayName, reason: "\(path) holds no entry named \(name)")
        }
        let entry = entries[index], record = directory.records[index]
        return try ZipEntryReader(
            path: path, entryName: name, method: record.method, dataOffset: try directory.dataOffset(of: record),
            compressedSize: entry.compressedSize, declaredSize: entry.uncompressedSize, checksum: entry.checksum,
            name: displayName, counter: counter)
    }

    /// An XML file, leaving out the resource forks macOS adds to the zips it makes (`__MACOSX/`, `._name`).
    private static func isExport(_ name: String) -> Bool {
        let components = name.split(whereSeparator: { $0 == "/" || $0 == "\\" })
        guard let last = components.last, components.first != "__MACOSX", !last.hasPrefix("._") else { return false }
        return last.lowercased().hasSuffix(".xml")
    }

    /// A name that would leave the folder it was unpacked into: absolute, a drive, or with a `..` component.
    /// wxr unpacks nothing, but a zip that holds such a name was made to harm, and is refused.
    static func isUnsafe(_ name: String) -> Bool {
        let components = name.split(separator: "/", omittingEmptySubsequences: false)
            .flatMap { $0.split(separator: "\\", omittingEmptySubsequences: false) }
        let isDrive = name.count >= 2 && name.dropFirst().first == ":" && name.first?.isLetter == true
        return name.hasPrefix("/") || name.hasPrefix("\\") || isDrive || components.contains("..")
    }
}
