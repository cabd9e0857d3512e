import Foundation

/// What was at a site export's target when the run started, and the comparisons that let a re-run leave the
/// files it writes again unchanged as they are.
struct PreviousOutput: Sendable {
    enum Contents: Sendable {
        case nothing
        /// A folder: wxr's earlier output (with its manifest), an empty folder, or (with `replacing`) a folder of
        /// the user's, whose files all count as the user's.
        case folder(manifest: [String: ContentHash], isForeign: Bool)
        /// A file, or a symbolic link to something other than a folder, replaced as a whole (with `replacing`).
        case file
    }

    /// The output folder.
    let path: String
    let contents: Contents

    /// Whether there is something at ``path`` for the new output to replace.
    var exists: Bool {
        if case .nothing = contents { return false }
        return true
    }

    /// Looks at `path` and reads its manifest, if it has one.
    /// - Throws: ``ExportError/outputExists(path:)`` for something that is not wxr's, unless `replacing`;
    ///   ``ExportError/cannotWrite(path:reason:)`` when the folder or its manifest cannot be read.
    init(inspecting path: String, replacing: Bool) throws(ExportError) {
        self.path = path
        contents = try Self.contents(of: path, replacing: replacing)
    }

    private static func contents(of path: String, replacing: Bool) throws(ExportError) -> Contents {
        var status = stat()
        guard lstat(path, &status) == 0 else {
            if errno == ENOENT { return .nothing }
            throw FileSystem.failure(path)
        }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            if replacing { return .file }
            throw .outputExists(path: path)
        }
        let manifestPath = path + "/" + SiteManifest.fileName
        guard let data = FileManager.default.contents(atPath: manifestPath) else {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { throw FileSystem.failure(path) }
            if names.isEmpty { return .folder(manifest: [:], isForeign: false) }
            if replacing { return .folder(manifest: [:], isForeign: true) }
            throw .outputExists(path: path)
        }
        do {
            return .folder(manifest: try SiteManifest.hashes(decoding: data), isForeign: false)
        } catch {
            if replacing { return .folder(manifest: [:], isForeign: true) }
            throw .outputNotRecognized(path: path, reason: "its \(SiteManifest.fileName) is not a wxr manifest (\(error))")
        }
    }

    // MARK: Comparing

    /// Whether the previous output's file at `relativePath` holds exactly `bytes`; compared as each file is
    /// written rather than at the commit, so that the comparing runs on the writing threads.
    func file(_ relativePath: String, holds bytes: UnsafeRawBufferPointer) -> Bool {
        guard let descriptor = openFile(relativePath, size: bytes.count) else { return false }
        defer { close(descriptor) }
        // One byte more than expected, to see a file that grew since it was looked at.
        var old = [UInt8](repeating: 0, count: bytes.count + 1)
        var total = 0
        while total < old.count {
            let count = old.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + total, $0.count - total) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            total += count
        }
        return total == bytes.count && old.withUnsafeBytes({ memcmp($0.baseAddress!, bytes.baseAddress!, total) }) == 0
    }

    /// Whether the previous output's file at `relativePath` has this size and content hash, for a file written
    /// in pieces and so never whole in memory.
    func file(_ relativePath: String, hasSize size: Int, hash: ContentHash) -> Bool {
        guard let descriptor = openFile(relativePath, size: size) else { return false }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        guard let found = Self.contentHash(reading: descriptor, buffer: &buffer) else { return false }
        return found.size == size && found.hash == hash
    }

    /// The previous output's regular file at `relativePath`, open for reading, when it is `size` bytes long.
    private func openFile(_ relativePath: String, size: Int) -> Int32? {
        guard case .folder = contents else { return nil }
        // Non-blocking, so that a FIFO of the user's at this path cannot stall the export.
        let descriptor = open(path + "/" + relativePath, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, Int(status.st_size) == size else {
            close(descriptor)
            return nil
        }
        return descriptor
    }

    /// The content hash and size of what is left to read from `descriptor`, read through `buffer`; nil when
    /// reading fails.
    static func contentHash(reading descriptor: Int32, buffer: inout [UInt8]) -> (hash: ContentHash, size: Int)? {
        var hash = ContentHash()
        var size = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count == 0 { return (hash, size) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            buffer.withUnsafeBytes { hash.update(with: UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            size += count
        }
    }
}
