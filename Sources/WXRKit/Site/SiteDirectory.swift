import Foundation
import Synchronization

/// The output folder of a site export: built in a staging folder beside its target (a ``StagedOutput``), put
/// in place whole on ``commit()``, and on a re-run changed only where the content changed.
///
/// Until ``commit()`` the target is not touched, so a run that fails or is interrupted leaves the previous
/// folder as it was. Files are written from any number of threads at once.
///
/// A manifest at the folder's root (`.wxr-manifest.json`, ``SiteManifest``) records every file wxr generated
/// with its ``ContentHash``. On a re-run, a generated file whose content is the same is kept as it is (same
/// inode, same modification time); one whose content changed is replaced, unless the user edited it since, in
/// which case the user's version is kept and reported in ``Changes/keptEdits``. Everything else in the folder
/// (the user's own pages, theme, `public/`, `.git/`, symbolic links, empty folders) is kept untouched
/// (``PreviousOutputMerge``).
///
/// ```swift
/// let site = try SiteDirectory(path: "site", replacing: options.force, staging: registry)
/// do {
///     try site.write("title: Example\n", to: "config.yaml")
///     try site.write(markdown, to: "content/posts/kerch-bridge.md")   // from any thread
///     let changes = try site.commit()
///     print(changes.summary)   // "1 added, 3 updated, 1,980 unchanged, 2 removed; 1 file you edited kept"
/// } catch {
///     site.abandon()
///     throw error
/// }
/// ```
public final class SiteDirectory: Sendable {
    /// The name of the manifest at the folder's root.
    public static let manifestName = SiteManifest.fileName

    /// The output folder (a symbolic link to a folder is resolved to that folder).
    public let path: String
    /// The staging folder beside ``path``, holding everything written so far.
    public var stagingPath: String { staged.stagingPath }

    private let staged: StagedOutput
    private let previous: PreviousOutput
    private let state = Mutex(State())

    private enum Phase { case open, committing, finished }

    private struct State {
        var phase = Phase.open
        /// Every file written, by relative path.
        var written: [String: WrittenFile] = [:]
        /// Folders known to exist in the staging folder, by relative path.
        var folders: Set<String> = []

        /// Throws unless `relativePath` may be written: the folder still open, and the path not written yet
        /// (unless `replacing`).
        func checkWritable(_ relativePath: String, replacing: Bool = false) throws(ExportError) {
            guard phase == .open else {
                throw .cannotWrite(path: relativePath, reason: "the site folder was already committed or abandoned")
            }
            guard replacing || written[relativePath] == nil else {
                throw .cannotWrite(path: relativePath, reason: "written twice in one run")
            }
        }
    }

    /// A file written in this run.
    struct WrittenFile {
        var hash: ContentHash
        var size: Int
        /// The previous output has the same bytes at this path: nothing is written to the staging folder, and the
        /// commit either leaves the whole folder alone (when nothing changed) or links the old file in.
        var isUnchanged = false
    }

    /// Creates a staging folder beside `path`, named `.NAME.wxr-PID-XXXXXX`, after removing what killed runs
    /// into `path` left there (reported in the registry's ``StagingRegistry/removedLeftovers``).
    ///
    /// `path` may be missing (a fresh export), an empty folder, or a folder from an earlier wxr run (it has the
    /// manifest). Anything else (a folder with files but no manifest, a file) is refused unless `replacing`: then
    /// a folder's files all count as the user's and are kept, except where this run writes the same path, where
    /// the new file wins (reported in ``Changes/replaced``); a file is replaced by the folder. For an earlier wxr
    /// output `replacing` changes nothing: the user's edits are always kept.
    /// - Parameter staging: Where the staging folder is registered, for the caller's interrupt handler to remove.
    /// - Throws: ``ExportError/outputExists(path:)`` when `path` exists, is not wxr's, and may not be replaced;
    ///   ``ExportError/cannotWrite(path:reason:)`` when the staging folder cannot be made or the manifest read.
    public convenience init(path: String, replacing: Bool, staging: StagingRegistry = StagingRegistry())
        throws(ExportError)
    {
        try self.init(path: path, replacing: replacing, staging: staging, swapMethod: .exchange)
    }

    init(path requestedPath: String, replacing: Bool, staging: StagingRegistry, swapMethod: StagedOutput.SwapMethod)
        throws(ExportError)
    {
        var path = requestedPath
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        var status = stat()
        if lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK, stat(path, &status) == 0,
           status.st_mode & S_IFMT == S_IFDIR, let resolved = realpath(path, nil) {
            // The user's link stays; the folder it points to is the output.
            path = String(cString: resolved)
            free(resolved)
        }
        self.path = path
        previous = try PreviousOutput(inspecting: path, replacing: replacing)
        staged = try StagedOutput(.folder, at: path, replacing: previous.exists, registry: staging, swapMethod: swapMethod)
    }

    deinit {
        if state.withLock({ $0.phase }) == .open { abandon() }
    }

    // MARK: Writing

    /// Writes one file, creating its folders; safe to call from many threads at once.
    ///
    /// - Parameter relativePath: `/`-separated, inside the folder: no leading `/`, no empty, `.` or `..`
    ///   component, no NUL, and not the manifest.
    /// - Throws: ``ExportError/cannotWrite(path:reason:)`` for a path outside the folder, a path written twice
    ///   (a bug in the caller), a write after ``commit()`` or ``abandon()`` or an interruption, or a failing
    ///   file system.
    ///
    /// `replacing` allows writing a path again in the same run (a post converted again once the whole export
    /// is known); the last write wins.
    public func write(_ bytes: [UInt8], to relativePath: String, replacing: Bool = false) throws(ExportError) {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(ExportError) in try write(buffer, to: relativePath, replacing: replacing) }
        }
        try result.get()
    }

    /// Writes one file as UTF-8; see the `[UInt8]` overload.
    public func write(_ text: String, to relativePath: String, replacing: Bool = false) throws(ExportError) {
        var text = text
        let result = text.withUTF8 { buffer in
            Result { () throws(ExportError) in try write(UnsafeRawBufferPointer(buffer), to: relativePath, replacing: replacing) }
        }
        try result.get()
    }

    /// Writes one file from pieces made one after another, so that a large file (a site's redirect map) need
    /// not be held whole in memory; `produce` passes each piece to the closure it is given. Pieces may be as
    /// small as a line: they are written in blocks of 64 KB. Not for a path written before in this run.
    public func write(
        to relativePath: String, producing produce: (_ append: ([UInt8]) throws(ExportError) -> Void) throws(ExportError) -> Void
    ) throws(ExportError) {
        try checkPath(relativePath)
        try state.withLock { state throws(ExportError) in try state.checkWritable(relativePath) }
        var hash = ContentHash()
        var size = 0
        try createFile(relativePath) { descriptor throws(ExportError) in
            var block: [UInt8] = []
            func writeBlock() throws(ExportError) {
                let result = block.withUnsafeBytes { buffer in
                    Result { () throws(ExportError) in try FileSystem.writeAll(buffer, to: descriptor, path: relativePath) }
                }
                try result.get()
                block.removeAll(keepingCapacity: true)
            }
            try produce { (piece: [UInt8]) throws(ExportError) in
                piece.withUnsafeBytes { hash.update(with: $0) }
                size += piece.count
                block += piece
                if block.count >= 1 << 16 { try writeBlock() }
            }
            try writeBlock()
        }
        // Compared once written: the bytes were never whole in memory.
        let isUnchanged = previous.file(relativePath, hasSize: size, hash: hash)
        if isUnchanged { unlink(stagingPath + "/" + relativePath) }
        try state.withLock { state throws(ExportError) in
            try state.checkWritable(relativePath)
            state.written[relativePath] = WrittenFile(hash: hash, size: size, isUnchanged: isUnchanged)
        }
    }

    private func write(_ bytes: UnsafeRawBufferPointer, to relativePath: String, replacing: Bool) throws(ExportError) {
        try checkPath(relativePath)
        var hash = ContentHash()
        hash.update(with: bytes)
        let isRepeat = try state.withLock { state throws(ExportError) -> Bool in
            try state.checkWritable(relativePath, replacing: replacing)
            let isRepeat = state.written[relativePath] != nil
            state.written[relativePath] = WrittenFile(hash: hash, size: bytes.count)
            return isRepeat
        }
        if isRepeat { unlink(stagingPath + "/" + relativePath) }
        // Compared before writing: an unchanged file is never written at all.
        if previous.file(relativePath, holds: bytes) {
            state.withLock { $0.written[relativePath]?.isUnchanged = true }
            return
        }
        try createFile(relativePath) { descriptor throws(ExportError) in
            try FileSystem.writeAll(bytes, to: descriptor, path: relativePath)
        }
    }

    /// Moves a file written in this run to a path not written yet, its bytes passed through `change`; call it
    /// before ``commit()``, after the writes it depends on.
    public func move(
        _ relativePath: String, to newPath: String, changing change: ([UInt8]) -> [UInt8] = { $0 }
    ) throws(ExportError) {
        try Self.validate(newPath)
        let file = try state.withLock { state throws(ExportError) in
            guard state.written[newPath] == nil, let file = state.written.removeValue(forKey: relativePath) else {
                throw .cannotWrite(path: newPath, reason: "nothing to move, or something already there")
            }
            return file
        }
        // An unchanged file is the previous output's, which stays as it is; it was not written to the staging folder.
        let from = (file.isUnchanged ? path : stagingPath) + "/" + relativePath
        guard let bytes = FileManager.default.contents(atPath: from) else { throw FileSystem.failure(relativePath) }
        if !file.isUnchanged { unlink(from) }
        // Written afresh: the previous output may hold the same bytes under the new name, to be linked in.
        try write(change(Array(bytes)), to: newPath)
    }

    /// Throws for a write after an interruption, or to a path outside the folder.
    private func checkPath(_ relativePath: String) throws(ExportError) {
        guard !staged.isInterrupted else { throw .cannotWrite(path: relativePath, reason: "interrupted") }
        try Self.validate(relativePath)
    }

    /// Creates the file at `relativePath` in the staging folder, with its folders, and lets `write` fill it;
    /// on failure nothing is left at the path.
    private func createFile(_ relativePath: String, _ write: (Int32) throws(ExportError) -> Void) throws(ExportError) {
        if let slash = relativePath.utf8.lastIndex(of: UInt8(ascii: "/")) {
            try makeFolder(String(relativePath[..<slash]))
        }
        let fullPath = stagingPath + "/" + relativePath
        let descriptor = open(fullPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw FileSystem.failure(relativePath) }
        do throws(ExportError) {
            try write(descriptor)
        } catch {
            close(descriptor)
            unlink(fullPath)
            throw error
        }
        guard close(descriptor) == 0 else { throw FileSystem.failure(relativePath) }
    }

    /// Creates a folder and its parents in the staging folder; another thread making the same one is fine.
    /// - Throws: when a file written in this run has the folder's path.
    func makeFolder(_ relativePath: String) throws(ExportError) {
        if hasMadeFolder(relativePath) { return }
        var prefixes: [String] = []
        var current = Substring(relativePath)
        while !current.isEmpty, !hasMadeFolder(String(current)) {
            prefixes.append(String(current))
            guard let slash = current.utf8.lastIndex(of: UInt8(ascii: "/")) else { break }
            current = current[..<slash]
        }
        for prefix in prefixes.reversed() {
            let folder = stagingPath + "/" + prefix
            if mkdir(folder, 0o777) != 0 {
                guard errno == EEXIST else { throw FileSystem.failure(prefix) }
                var status = stat()
                guard lstat(folder, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
                    throw .cannotWrite(path: prefix, reason: "a file written in this run has the same path as this folder")
                }
            }
            state.withLock { _ = $0.folders.insert(prefix) }
        }
    }

    /// Whether the folder at `relativePath` was made in the staging folder.
    func hasMadeFolder(_ relativePath: String) -> Bool {
        state.withLock { $0.folders.contains(relativePath) }
    }

    /// Throws unless `relativePath` names a file strictly inside the folder.
    static func validate(_ relativePath: String) throws(ExportError) {
        if let reason = problem(with: relativePath) { throw .cannotWrite(path: relativePath, reason: reason) }
    }

    private static func problem(with relativePath: String) -> String? {
        if relativePath.isEmpty { return "the path is empty" }
        if relativePath.utf8.contains(0) { return "the path contains NUL" }
        if relativePath.hasPrefix("/") { return "the path is absolute; it must be relative to the site folder" }
        if relativePath == manifestName { return "\(manifestName) is wxr's own manifest" }
        for component in relativePath.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            if component.isEmpty { return "the path has an empty component" }
            if component.elementsEqual(".".utf8) { return "the path has a \".\" component" }
            if component.elementsEqual("..".utf8) { return "the path leaves the site folder (\"..\")" }
        }
        return nil
    }

    // MARK: Committing

    /// Makes the staged folder the output, and returns what changed compared with the previous run.
    ///
    /// When every file is the same as in the previous output and none is gone, the folder is left as it is and
    /// the staging folder removed. Otherwise the new tree is completed in the staging folder first: files kept
    /// from the previous output (unchanged ones, the user's, edited ones) are hard-linked into it, never
    /// modified. Then one atomic rename swaps it with the previous folder, and the previous tree, now under the
    /// staging name, is removed. On failure the staging folder is removed and the target is left as it was.
    /// Call it once every ``write(_:to:replacing:)`` has returned.
    /// - Throws: ``ExportError/cannotWrite(path:reason:)``, for instance when wxr now writes a file where the
    ///   previous output has a folder of the user's, or the other way round.
    public func commit() throws(ExportError) -> Changes {
        let written = try state.withLock { state throws(ExportError) in
            guard state.phase == .open else {
                throw .cannotWrite(path: path, reason: "the site folder was already committed or abandoned")
            }
            state.phase = .committing
            return state.written
        }
        do throws(ExportError) {
            var changes = Changes()
            // A new folder gets the umask's permissions; a previous one keeps the user's.
            var rootMode: mode_t?
            switch previous.contents {
            case .nothing, .file:
                changes.added = written.keys.sorted()
            case .folder(let manifest, let isForeign):
                if !isForeign, Self.isSame(written, as: manifest) {
                    // Every file the same and none gone: the folder is already what this run would make.
                    changes.unchanged = written.keys.sorted()
                    abandon()
                    return changes
                }
                var status = stat()
                guard lstat(path, &status) == 0 else { throw FileSystem.failure(path) }
                rootMode = status.st_mode & 0o7777
                var merge = PreviousOutputMerge(written: written, manifest: manifest, isForeign: isForeign)
                try merge.carry(into: self)
                changes = merge.changes
            }
            try SiteManifest.write(written.mapValues(\.hash), to: stagingPath + "/" + Self.manifestName)
            try staged.commit(permissions: rootMode)
            state.withLock { $0.phase = .finished }
            return changes
        } catch {
            abandon()
            throw error
        }
    }

    /// Whether this run wrote the same bytes at exactly the paths the previous one did.
    private static func isSame(_ written: [String: WrittenFile], as manifest: [String: ContentHash]) -> Bool {
        written.count == manifest.count && written.allSatisfy { $0.value.isUnchanged && manifest[$0.key] == $0.value.hash }
    }

    /// Removes the staging folder; the target is left as it was. Calling it again, or after ``commit()``, does
    /// nothing.
    public func abandon() {
        let isStaged = state.withLock { state in
            defer { state.phase = .finished }
            return state.phase != .finished
        }
        guard isStaged else { return }
        staged.discard()
    }

    /// Starts getting what is written so far onto the disk, on a thread of its own, so that the flush at
    /// ``commit()`` has less left to wait for; call it when the bulk of the files are written.
    public func startFlushing() {
        staged.startFlushing()
    }
}
