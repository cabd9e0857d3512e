import Foundation
import Synchronization
internal import CSystemCalls

/// The output folder of a site export: built in a staging folder beside its target, swapped in whole on
/// ``commit()``, and on a re-run changed only where the content changed.
///
/// Until ``commit()`` the target is not touched, so a run that fails or is interrupted leaves the previous
/// folder as it was. Files are written from any number of threads at once.
///
/// A manifest at the folder's root (`.wxr-manifest.json`) records every file wxr generated with its
/// ``ContentHash``. On a re-run, a generated file whose content is the same is kept as it is (same inode, same
/// modification time); one whose content changed is replaced, unless the user edited it since, in which case
/// the user's version is kept and reported in ``Changes/keptEdits``. Everything else in the folder (the user's
/// own pages, theme, `public/`, `.git/`, symbolic links, empty folders) is kept untouched.
///
/// ```swift
/// let site = try SiteDirectory(path: "site", replacing: options.force)
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
    public static let manifestName = ".wxr-manifest.json"

    /// The output folder (a symbolic link to a folder is resolved to that folder).
    public let path: String
    /// The staging folder beside ``path``, holding everything written so far.
    public let stagingPath: String

    private let previous: Previous
    /// The permissions of a new folder under the process's umask, for the staging folder itself.
    private let folderMode: mode_t
    private let swapMethod: SwapMethod
    /// ``interruptions`` when this folder was staged.
    private let interruptionsAtStart: Int
    private let state = Mutex(State())

    /// What was at the target when the run started.
    private enum Previous {
        case nothing
        /// A folder: wxr's earlier output (with its manifest), an empty folder, or (with `replacing`) a folder of
        /// the user's, whose files all count as the user's.
        case folder(manifest: [String: ContentHash], isForeign: Bool)
        /// A file, or a symbolic link to something other than a folder, replaced as a whole (with `replacing`).
        case file
    }

    /// How the finished folder replaces an existing one.
    enum SwapMethod {
        /// One renameat2(RENAME_EXCHANGE), falling back to ``renameAside`` where the system lacks it.
        case exchange
        /// The old folder renamed aside, then the new one into place: not atomic, but never loses either.
        case renameAside
    }

    private enum Phase { case open, committing, finished }

    private struct State {
        var phase = Phase.open
        /// Every file written, by relative path.
        var written: [String: WrittenFile] = [:]
        /// Folders known to exist in the staging folder, by relative path.
        var folders: Set<String> = []
        /// The early flush, while it runs.
        var flushing: DispatchGroup?
    }

    private struct WrittenFile {
        var hash: ContentHash
        var size: Int
        /// The previous output has the same bytes at this path: nothing is written to the staging folder, and the
        /// commit either leaves the whole folder alone (when nothing changed) or links the old file in.
        var isUnchanged = false
    }

    /// Creates a staging folder beside `path`, named `.NAME.wxr-XXXXXX`.
    ///
    /// `path` may be missing (a fresh export), an empty folder, or a folder from an earlier wxr run (it has the
    /// manifest). Anything else (a folder with files but no manifest, a file) is refused unless `replacing`: then
    /// a folder's files all count as the user's and are kept, except where this run writes the same path, where
    /// the new file wins (reported in ``Changes/replaced``); a file is replaced by the folder. For an earlier wxr
    /// output `replacing` changes nothing: the user's edits are always kept.
    /// - Throws: ``ExportError/outputExists(path:)`` when `path` exists, is not wxr's, and may not be replaced;
    ///   ``ExportError/cannotWrite(path:reason:)`` when the staging folder cannot be made or the manifest read.
    public convenience init(path: String, replacing: Bool) throws(ExportError) {
        try self.init(path: path, replacing: replacing, swapMethod: .exchange)
    }

    init(path requestedPath: String, replacing: Bool, swapMethod: SwapMethod) throws(ExportError) {
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
        self.swapMethod = swapMethod
        previous = try Self.inspect(path, replacing: replacing)

        let url = URL(fileURLWithPath: path)
        let parent = url.deletingLastPathComponent().path
        var template = Array("\(parent)/.\(url.lastPathComponent).wxr-XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw .cannotWrite(path: parent, reason: String(cString: strerror(errno)))
        }
        let stagingPath = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        interruptionsAtStart = Self.pending.withLock { pending in
            pending.insert(stagingPath)
            return Self.interruptions.load(ordering: .sequentiallyConsistent)
        }
        self.stagingPath = stagingPath
        folderMode = Self.newFolderMode(in: stagingPath)
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
    ///   (a bug in the caller), a write after ``commit()`` or ``abandon()``, or a failing file system.
    ///
    /// `replacing` allows writing a path again in the same run (a post converted again once the whole export
    /// is known); the last write wins.
    public func write(_ bytes: [UInt8], to relativePath: String, replacing: Bool = false) throws(ExportError) {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(ExportError) in try write(buffer, to: relativePath, replacing: replacing) }
        }
        try result.get()
    }

    /// Writes one file from pieces made one after another, so that a large file (a site's redirect map) need
    /// not be held whole in memory; `produce` passes each piece to the closure it is given. Pieces may be as
    /// small as a line: they are written in blocks of 64 KB. Not for a path written before in this run.
    public func write(
        to relativePath: String, producing produce: (_ append: ([UInt8]) throws(ExportError) -> Void) throws(ExportError) -> Void
    ) throws(ExportError) {
        guard Self.interruptions.load(ordering: .sequentiallyConsistent) == interruptionsAtStart else {
            throw .cannotWrite(path: relativePath, reason: "interrupted")
        }
        try Self.validate(relativePath)
        try state.withLock { state throws(ExportError) in
            guard state.phase == .open else {
                throw .cannotWrite(path: relativePath, reason: "the site folder was already committed or abandoned")
            }
            guard state.written[relativePath] == nil else { throw .cannotWrite(path: relativePath, reason: "written twice in one run") }
        }
        if let slash = relativePath.utf8.lastIndex(of: UInt8(ascii: "/")) {
            try makeFolder(String(relativePath[..<slash]))
        }
        let fullPath = stagingPath + "/" + relativePath
        let descriptor = open(fullPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw Self.failure(relativePath) }
        var hash = ContentHash()
        var size = 0
        var block: [UInt8] = []
        func writeBlock() throws(ExportError) {
            let result = block.withUnsafeBytes { buffer in
                Result { () throws(ExportError) in try Self.writeAll(buffer, to: descriptor, path: relativePath) }
            }
            try result.get()
            block.removeAll(keepingCapacity: true)
        }
        do throws(ExportError) {
            try produce { (piece: [UInt8]) throws(ExportError) in
                piece.withUnsafeBytes { hash.update(with: $0) }
                size += piece.count
                block += piece
                if block.count >= 1 << 16 { try writeBlock() }
            }
            try writeBlock()
        } catch {
            close(descriptor)
            unlink(fullPath)
            throw error
        }
        guard close(descriptor) == 0 else { throw Self.failure(relativePath) }
        let isUnchanged = previousFile(relativePath, hasSizeAndHash: (size, hash))
        if isUnchanged { unlink(fullPath) }
        try state.withLock { state throws(ExportError) in
            guard state.written[relativePath] == nil else { throw .cannotWrite(path: relativePath, reason: "written twice in one run") }
            state.written[relativePath] = WrittenFile(hash: hash, size: size, isUnchanged: isUnchanged)
        }
    }

    /// Writes one file as UTF-8; see the `[UInt8]` overload.
    public func write(_ text: String, to relativePath: String, replacing: Bool = false) throws(ExportError) {
        var text = text
        let result = text.withUTF8 { buffer in
            Result { () throws(ExportError) in try write(UnsafeRawBufferPointer(buffer), to: relativePath, replacing: replacing) }
        }
        try result.get()
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
        guard let bytes = FileManager.default.contents(atPath: from) else { throw Self.failure(relativePath) }
        if !file.isUnchanged { unlink(from) }
        // Written afresh: the previous output may hold the same bytes under the new name, to be linked in.
        try write(change(Array(bytes)), to: newPath)
    }

    private func write(_ bytes: UnsafeRawBufferPointer, to relativePath: String, replacing: Bool) throws(ExportError) {
        guard Self.interruptions.load(ordering: .sequentiallyConsistent) == interruptionsAtStart else {
            throw .cannotWrite(path: relativePath, reason: "interrupted")
        }
        try Self.validate(relativePath)
        var hash = ContentHash()
        hash.update(with: bytes)
        let isRepeat = try state.withLock { state throws(ExportError) -> Bool in
            guard state.phase == .open else {
                throw .cannotWrite(path: relativePath, reason: "the site folder was already committed or abandoned")
            }
            let isRepeat = state.written.updateValue(WrittenFile(hash: hash, size: bytes.count), forKey: relativePath) != nil
            if isRepeat && !replacing { throw .cannotWrite(path: relativePath, reason: "written twice in one run") }
            return isRepeat
        }
        if isRepeat { unlink(stagingPath + "/" + relativePath) }
        if previousFile(relativePath, holds: bytes) {
            state.withLock { $0.written[relativePath]?.isUnchanged = true }
            return
        }
        if let slash = relativePath.utf8.lastIndex(of: UInt8(ascii: "/")) {
            try makeFolder(String(relativePath[..<slash]))
        }
        let fullPath = stagingPath + "/" + relativePath
        let descriptor = open(fullPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw Self.failure(relativePath) }
        do throws(ExportError) {
            try Self.writeAll(bytes, to: descriptor, path: relativePath)
        } catch {
            close(descriptor)
            throw error
        }
        guard close(descriptor) == 0 else { throw Self.failure(relativePath) }
    }

    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32, path: String) throws(ExportError) {
        var written = 0
        while written < bytes.count {
            let count = Foundation.write(descriptor, bytes.baseAddress! + written, bytes.count - written)
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(path)
            }
            written += count
        }
    }

    /// The previous output's regular file at `relativePath`, open for reading, when it is `size` bytes long.
    private func openPreviousFile(_ relativePath: String, size: Int) -> Int32? {
        guard case .folder = previous else { return nil }
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

    /// Whether the previous output's file at `relativePath` has this size and content hash.
    private func previousFile(_ relativePath: String, hasSizeAndHash expected: (size: Int, hash: ContentHash)) -> Bool {
        guard let descriptor = openPreviousFile(relativePath, size: expected.size) else { return false }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        guard let found = Self.contentHash(of: descriptor, buffer: &buffer) else { return false }
        return found.size == expected.size && found.hash == expected.hash
    }

    /// Whether the previous output's file at `relativePath` holds exactly `bytes`; compared here rather than in
    /// ``commit()`` so that the comparing runs on the writing threads.
    private func previousFile(_ relativePath: String, holds bytes: UnsafeRawBufferPointer) -> Bool {
        guard let descriptor = openPreviousFile(relativePath, size: bytes.count) else { return false }
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

    /// The content hash and size of what is left to read from `descriptor`; `nil` when reading fails.
    static func contentHash(of descriptor: Int32, buffer: inout [UInt8]) -> (hash: ContentHash, size: Int)? {
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

    /// Creates a folder and its parents in the staging folder; another thread making the same one is fine.
    /// - Throws: when a file written in this run has the folder's path.
    private func makeFolder(_ relativePath: String) throws(ExportError) {
        if state.withLock({ $0.folders.contains(relativePath) }) { return }
        var prefixes: [String] = []
        var current = Substring(relativePath)
        while !current.isEmpty, !state.withLock({ $0.folders.contains(String(current)) }) {
            prefixes.append(String(current))
            guard let slash = current.utf8.lastIndex(of: UInt8(ascii: "/")) else { break }
            current = current[..<slash]
        }
        for prefix in prefixes.reversed() {
            let folder = stagingPath + "/" + prefix
            if mkdir(folder, 0o777) != 0 {
                guard errno == EEXIST else { throw Self.failure(prefix) }
                var status = stat()
                guard lstat(folder, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
                    throw .cannotWrite(path: prefix, reason: "a file written in this run has the same path as this folder")
                }
            }
            state.withLock { _ = $0.folders.insert(prefix) }
        }
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
    /// Call it once every ``write(_:to:)`` has returned.
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
            var rootMode = folderMode
            switch previous {
            case .nothing, .file:
                changes.added = written.keys.sorted()
            case .folder(let manifest, let isForeign):
                if !isForeign, Self.isSame(written, as: manifest) {
                    // Every file the same and none gone: the folder is already what this run would make.
                    changes.unchanged = written.keys.sorted()
                    abandon()
                    return changes
                }
                var merge = Merge(written: written, manifest: manifest, isForeign: isForeign)
                var status = stat()
                guard lstat(path, &status) == 0 else { throw Self.failure(path) }
                rootMode = status.st_mode & 0o7777
                try merge.carry(folder: "", of: self)
                changes = merge.changes
            }
            try writeManifest(written)
            guard chmod(stagingPath, rootMode) == 0 else { throw Self.failure(stagingPath) }
            try syncFileSystem()
            let oldTree = try swapIn()
            state.withLock { $0.phase = .finished }
            if let oldTree { Self.removeTree(oldTree) }
            Self.pending.withLock { _ = $0.remove(oldTree ?? stagingPath) }
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
        Self.removeTree(stagingPath)
        Self.pending.withLock { _ = $0.remove(stagingPath) }
    }

    /// The manifest as ``Manifest`` encodes it (sorted keys, two-space indent), written a piece at a time: it
    /// lists every file, tens of thousands on a large site, and JSONEncoder would hold several copies at once.
    private func writeManifest(_ written: [String: WrittenFile]) throws(ExportError) {
        let manifestPath = stagingPath + "/" + Self.manifestName
        let descriptor = open(manifestPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw Self.failure(Self.manifestName) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1 << 16 + 1024)
        func flush(_ always: Bool = false) throws(ExportError) {
            guard always || bytes.count >= 1 << 16 else { return }
            let result = bytes.withUnsafeBytes { buffer in
                Result { () throws(ExportError) in try Self.writeAll(buffer, to: descriptor, path: Self.manifestName) }
            }
            try result.get()
            bytes.removeAll(keepingCapacity: true)
        }
        do throws(ExportError) {
            bytes += "{\n  \"files\" : {".utf8
            for (index, path) in written.keys.sorted().enumerated() {
                bytes += (index == 0 ? "\n    " : ",\n    ").utf8
                Self.appendJSONString(path, to: &bytes)
                bytes += " : \"".utf8
                bytes += written[path]!.hash.hex.utf8
                bytes.append(UInt8(ascii: "\""))
                try flush()
            }
            let manifest = Manifest(files: [:])
            bytes += "\n  },\n".utf8
            bytes += "  \"format\" : \"\(manifest.format)\",\n  \"hash\" : \"\(manifest.hash)\",\n  \"version\" : \(manifest.version)\n}".utf8
            try flush(true)
        } catch {
            close(descriptor)
            throw error
        }
        guard close(descriptor) == 0 else { throw Self.failure(Self.manifestName) }
    }

    /// `text` as a JSON string: quotes, backslashes and control characters escaped, the rest as it is.
    static func appendJSONString(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(byte)
            case 0x0A: bytes += "\\n".utf8
            case 0x0D: bytes += "\\r".utf8
            case 0x09: bytes += "\\t".utf8
            case ..<0x20:
                let digits = Array("0123456789abcdef".utf8)
                bytes += "\\u00".utf8
                bytes.append(digits[Int(byte >> 4)])
                bytes.append(digits[Int(byte & 0x0F)])
            default:
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Starts getting what is written so far onto the disk, on a thread of its own, so that the flush at
    /// ``commit()`` has less left to wait for; call it when the bulk of the files are written.
    public func startFlushing() {
        let stagingPath = stagingPath
        let flushing = DispatchGroup()
        flushing.enter()
        Thread.detachNewThread {
            let descriptor = open(stagingPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if descriptor >= 0 {
                _ = wxr_syncfs(descriptor)
                close(descriptor)
            }
            flushing.leave()
        }
        state.withLock { $0.flushing = flushing }
    }

    /// Gets every written byte onto the disk before the swap, so that even a power cut leaves one whole folder.
    private func syncFileSystem() throws(ExportError) {
        state.withLock { $0.flushing }?.wait()
        let descriptor = open(stagingPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.failure(stagingPath) }
        defer { close(descriptor) }
        guard wxr_syncfs(descriptor) == 0 else { throw Self.failure(stagingPath) }
    }

    /// Puts the staging folder at the target; returns where the previous output now is, to be removed.
    private func swapIn() throws(ExportError) -> String? {
        // Holding the registry's lock keeps an interrupt from removing a folder mid-swap: it waits, then removes
        // whichever tree is no longer the output.
        try Self.pending.withLock { pending throws(ExportError) -> String? in
            if case .nothing = previous {
                if wxr_rename_noreplace(stagingPath, path) == 0 { return nil }
                if errno == ENOSYS || errno == EINVAL, rename(stagingPath, path) == 0 { return nil }
                throw errno == EEXIST || errno == ENOTEMPTY
                    ? .cannotWrite(path: path, reason: "it appeared during the export; nothing was changed")
                    : Self.failure(path)
            }
            if swapMethod == .exchange {
                if wxr_rename_exchange(stagingPath, path) == 0 { return stagingPath }
                guard errno == ENOSYS || errno == EINVAL else { throw Self.failure(path) }
            }
            let aside = stagingPath + "-previous"
            guard rename(path, aside) == 0 else { throw Self.failure(path) }
            guard rename(stagingPath, path) == 0 else {
                let reason = String(cString: strerror(errno))
                if rename(aside, path) == 0 { throw .cannotWrite(path: path, reason: reason) }
                throw .cannotWrite(path: path, reason: "\(reason); the previous folder is at \(aside)")
            }
            pending.remove(stagingPath)
            pending.insert(aside)
            return aside
        }
    }

    // MARK: Interruption

    /// Staging folders not yet committed or abandoned (and previous trees being removed after a commit).
    private static let pending = Mutex<Set<String>>([])

    /// Removes every staging folder not yet committed or abandoned: call it when the process is interrupted.
    /// A commit in progress finishes its swap first, so the target is always one whole folder.
    public static func removeStagingFolders() {
        pending.withLock { paths in
            // Counted under the lock, so a folder is either staged before it (stopped and removed) or after.
            interruptions.add(1, ordering: .sequentiallyConsistent)
            for path in paths {
                // Writes already past their check may still add a file or a folder: remove until it stays gone.
                var status = stat()
                for _ in 0..<50 {
                    removeTree(path)
                    guard lstat(path, &status) == 0 else { break }
                    usleep(20_000)
                }
            }
            paths.removeAll()
        }
    }

    /// How many times ``removeStagingFolders()`` was called: a folder staged before an interruption starts no
    /// write after it, while one staged later (in a test, say) is unaffected.
    private static let interruptions = Atomic<Int>(0)

    // MARK: File system

    static func failure(_ path: String) -> ExportError {
        .cannotWrite(path: path, reason: String(cString: strerror(errno)))
    }

    /// The mode mkdir gives a new folder under the current umask, found without changing the umask (which
    /// other threads may be relying on).
    private static func newFolderMode(in folder: String) -> mode_t {
        let probe = folder + "/.mode"
        var status = stat()
        defer { rmdir(probe) }
        guard mkdir(probe, 0o777) == 0, lstat(probe, &status) == 0 else { return 0o755 }
        return status.st_mode & 0o777
    }

    private static func inspect(_ path: String, replacing: Bool) throws(ExportError) -> Previous {
        var status = stat()
        guard lstat(path, &status) == 0 else {
            if errno == ENOENT { return .nothing }
            throw failure(path)
        }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            if replacing { return .file }
            throw .outputExists(path: path)
        }
        let manifestPath = path + "/" + manifestName
        guard let data = FileManager.default.contents(atPath: manifestPath) else {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { throw failure(path) }
            if names.isEmpty { return .folder(manifest: [:], isForeign: false) }
            if replacing { return .folder(manifest: [:], isForeign: true) }
            throw .outputExists(path: path)
        }
        do {
            let manifest = try JSONDecoder().decode(Manifest.self, from: data)
            var hashes: [String: ContentHash] = [:]
            for (file, hex) in manifest.files {
                guard let hash = ContentHash(hex: hex) else { throw ManifestError.badHash(file: file) }
                hashes[file] = hash
            }
            return .folder(manifest: hashes, isForeign: false)
        } catch {
            if replacing { return .folder(manifest: [:], isForeign: true) }
            throw .cannotWrite(path: manifestPath, reason: "not a wxr manifest (\(error)); use --force to keep every "
                + "file in the folder as yours and write the export over it")
        }
    }

    /// The entries of a folder, `.` and `..` left out, with their types when the file system gives them.
    static func entries(of folder: String) throws(ExportError) -> [(name: String, type: UInt8)] {
        guard let directory = opendir(folder) else { throw failure(folder) }
        defer { closedir(directory) }
        var entries: [(name: String, type: UInt8)] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            entries.append((name, entry.pointee.d_type))
        }
        return entries
    }

    /// Removes a file, or a folder and everything in it, never following symbolic links.
    static func removeTree(_ path: String) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            unlink(path)
            return
        }
        // A read-only folder of the user's must be writable for its entries to go.
        if status.st_mode & 0o700 != 0o700 { chmod(path, status.st_mode & 0o7777 | 0o700) }
        for entry in (try? entries(of: path)) ?? [] {
            let child = path + "/" + entry.name
            if entry.type == DT_DIR || entry.type == DT_UNKNOWN {
                removeTree(child)
            } else {
                unlink(child)
            }
        }
        rmdir(path)
    }
}

// MARK: - Merging with the previous output

extension SiteDirectory {
    /// The manifest's JSON.
    struct Manifest: Codable {
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

    /// Walks the previous output and carries into the staging folder what the new one keeps from it.
    private struct Merge {
        let written: [String: WrittenFile]
        let manifest: [String: ContentHash]
        /// The previous folder had no manifest: every file in it is the user's, and the new files win.
        let isForeign: Bool
        var changes = Changes()
        /// Written paths found in the previous output; the rest are added.
        var found: Set<String> = []
        private var buffer = [UInt8](repeating: 0, count: 1 << 16)

        init(written: [String: WrittenFile], manifest: [String: ContentHash], isForeign: Bool) {
            self.written = written
            self.manifest = manifest
            self.isForeign = isForeign
        }

        mutating func carry(folder: String, of site: SiteDirectory) throws(ExportError) {
            try walk(folder, of: site)
            changes.added = written.keys.filter { !found.contains($0) }
            // Found the same during the run, but not there now: its bytes are in neither folder.
            if let lost = changes.added.first(where: { written[$0]?.isUnchanged == true }) {
                throw .cannotWrite(path: lost, reason: "it was removed from the folder during the export; run again")
            }
            changes.sort()
        }

        private mutating func walk(_ folder: String, of site: SiteDirectory) throws(ExportError) {
            let oldFolder = folder.isEmpty ? site.path : site.path + "/" + folder
            let entries = try SiteDirectory.entries(of: oldFolder)
            if entries.isEmpty, !folder.isEmpty {
                do { try site.makeFolder(folder) } catch { throw SiteDirectory.conflict(folder) }
            }
            for entry in entries {
                let relative = folder.isEmpty ? entry.name : folder + "/" + entry.name
                if relative == SiteDirectory.manifestName { continue }
                let oldPath = oldFolder + "/" + entry.name
                var type = Int(entry.type)
                var status = stat()
                if type == Int(DT_UNKNOWN) || type == Int(DT_DIR) {
                    guard lstat(oldPath, &status) == 0 else { throw SiteDirectory.failure(oldPath) }
                    type = switch status.st_mode & S_IFMT {
                    case S_IFDIR: Int(DT_DIR)
                    case S_IFREG: Int(DT_REG)
                    default: Int(DT_UNKNOWN)
                    }
                }
                if type == Int(DT_DIR) {
                    try walk(relative, of: site)
                    // The user's permissions on their folders are kept; a folder left empty goes.
                    if site.state.withLock({ $0.folders.contains(relative) }) {
                        chmod(site.stagingPath + "/" + relative, status.st_mode & 0o7777)
                    }
                } else if type == Int(DT_REG) {
                    try carryFile(relative, from: oldPath, of: site)
                } else {
                    try carryOther(relative, from: oldPath, of: site)
                }
            }
        }

        private mutating func carryFile(_ relative: String, from oldPath: String, of site: SiteDirectory)
            throws(ExportError)
        {
            if let new = written[relative] {
                found.insert(relative)
                if new.isUnchanged {
                    changes.unchanged.append(relative)
                    try site.link(oldPath, to: relative, replacing: false)
                    return
                }
                let (old, size) = try hash(oldPath)
                if size == new.size, old == new.hash {
                    changes.unchanged.append(relative)
                } else if isForeign {
                    changes.replaced.append(relative)
                    return
                } else if manifest[relative] == old {
                    changes.updated.append(relative)
                    return
                } else {
                    changes.keptEdits.append(relative)
                }
                try site.link(oldPath, to: relative, replacing: true)
            } else if let recorded = manifest[relative] {
                if try hash(oldPath).hash == recorded {
                    changes.removed.append(relative)
                } else {
                    changes.keptEdits.append(relative)
                    try site.link(oldPath, to: relative, replacing: false)
                }
            } else {
                try site.link(oldPath, to: relative, replacing: false)
            }
        }

        /// A symbolic link, FIFO, socket or device: never wxr's, so the user's.
        private mutating func carryOther(_ relative: String, from oldPath: String, of site: SiteDirectory)
            throws(ExportError)
        {
            if written[relative] != nil {
                found.insert(relative)
                if isForeign {
                    changes.replaced.append(relative)
                    return
                }
                changes.keptEdits.append(relative)
                try site.link(oldPath, to: relative, replacing: true)
            } else {
                if manifest[relative] != nil { changes.keptEdits.append(relative) }
                try site.link(oldPath, to: relative, replacing: false)
            }
        }

        private mutating func hash(_ path: String) throws(ExportError) -> (hash: ContentHash, size: Int) {
            let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
            guard descriptor >= 0 else { throw SiteDirectory.failure(path) }
            defer { close(descriptor) }
            guard let found = SiteDirectory.contentHash(of: descriptor, buffer: &buffer) else { throw SiteDirectory.failure(path) }
            return found
        }
    }

    /// Puts an entry of the previous output into the staging folder: a hard link to the same file, so nothing in
    /// the previous folder is ever modified, or a copy where the file system refuses the link.
    private func link(_ oldPath: String, to relative: String, replacing: Bool) throws(ExportError) {
        if let slash = relative.utf8.lastIndex(of: UInt8(ascii: "/")) {
            let folder = String(relative[..<slash])
            do { try makeFolder(folder) } catch { throw Self.conflict(folder) }
        }
        let newPath = stagingPath + "/" + relative
        if replacing { unlink(newPath) }
        if linkat(AT_FDCWD, oldPath, AT_FDCWD, newPath, 0) == 0 { return }
        if errno == EEXIST { throw Self.conflict(relative) }
        try Self.copy(oldPath, to: newPath)
    }

    static func conflict(_ relative: String) -> ExportError {
        .cannotWrite(path: relative, reason: "this run writes a file where the previous output has a folder, or "
            + "the other way round, and the old one holds your files; move it away and run again")
    }

    /// Copies a file (contents, permissions, modification time) or recreates a symbolic link.
    static func copy(_ oldPath: String, to newPath: String) throws(ExportError) {
        var status = stat()
        guard lstat(oldPath, &status) == 0 else { throw failure(oldPath) }
        switch status.st_mode & S_IFMT {
        case S_IFLNK:
            var target = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(oldPath, &target, target.count - 1)
            guard count >= 0 else { throw failure(oldPath) }
            target[count] = 0
            guard symlink(target, newPath) == 0 else { throw failure(newPath) }
        case S_IFREG:
            let source = open(oldPath, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
            guard source >= 0 else { throw failure(oldPath) }
            defer { close(source) }
            let destination = open(newPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, status.st_mode & 0o7777)
            guard destination >= 0 else { throw failure(newPath) }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(source, $0.baseAddress!, $0.count) }
                if count == 0 { break }
                if count < 0, errno == EINTR { continue }
                var written = 0
                while count > 0, written < count {
                    let step = chunk.withUnsafeBytes { Foundation.write(destination, $0.baseAddress! + written, count - written) }
                    if step < 0, errno == EINTR { continue }
                    guard step > 0 else { break }
                    written += step
                }
                guard count > 0, written == count else {
                    let error = failure(count < 0 ? oldPath : newPath)
                    close(destination)
                    throw error
                }
            }
            var times = [status.st_atim, status.st_mtim]
            futimens(destination, &times)
            fchmod(destination, status.st_mode & 0o7777)
            guard close(destination) == 0 else { throw failure(newPath) }
        default:
            throw .cannotWrite(path: oldPath, reason: "a special file that cannot be linked or copied into the new folder")
        }
    }
}

// MARK: - Changes

extension SiteDirectory {
    /// What a commit changed in the output folder compared with the previous run; every list holds relative
    /// paths, sorted.
    public struct Changes: Sendable, Equatable {
        /// Written now, not there before (or deleted by the user since, and restored).
        public var added: [String] = []
        /// Written before, unedited since, and different now: replaced.
        public var updated: [String] = []
        /// The same bytes as the file already there: the old file is kept as it is.
        public var unchanged: [String] = []
        /// Written before, unedited since, and no longer written: deleted.
        public var removed: [String] = []
        /// Files the user changed since wxr wrote them (or made where wxr now writes) that this run would have
        /// replaced or deleted: left as the user has them.
        public var keptEdits: [String] = []
        /// Files of a folder that was not wxr's output (accepted with `replacing`) that this run wrote over.
        public var replaced: [String] = []

        public init() {}

        /// One line for the user: `12 added, 3 updated, 1,980 unchanged, 2 removed; 1 file you edited kept`.
        public var summary: String {
            var text = "\(Counted.grouped(added.count)) added, \(Counted.grouped(updated.count)) updated, "
                + "\(Counted.grouped(unchanged.count)) unchanged, \(Counted.grouped(removed.count)) removed"
            if !replaced.isEmpty { text += ", \(Counted.grouped(replaced.count)) replaced" }
            if !keptEdits.isEmpty { text += "; \(Counted(keptEdits.count, "file")) you edited kept" }
            return text
        }

        mutating func sort() {
            added.sort()
            updated.sort()
            unchanged.sort()
            removed.sort()
            keptEdits.sort()
            replaced.sort()
        }
    }
}
