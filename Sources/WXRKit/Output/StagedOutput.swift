internal import CSystemCalls
import Foundation
import Synchronization

/// An output, file or folder, built under a staging name beside its target and put in place whole by
/// ``commit(permissions:)``: until then the target is not touched, so a run that fails, is interrupted or is
/// killed never leaves a half-written output.
///
/// The staging name is `.NAME.wxr-PID-XXXXXX` (``StagingName``). Staging an output first removes what runs into
/// the same target left under such names when they were killed (their process is gone), and records those paths
/// in the registry's ``StagingRegistry/removedLeftovers``; the staging of a run still going is never touched.
///
/// ```swift
/// let staging = StagingRegistry()                      // emptied by the signal handler
/// let output = try StagedOutput(.file, at: "site.json", replacing: false, registry: staging)
/// do {
///     try Data("{}".utf8).write(to: URL(fileURLWithPath: output.stagingPath))
///     try output.commit()                              // renamed into place; refused if site.json appeared
/// } catch {
///     output.discard()
///     throw error
/// }
/// ```
public final class StagedOutput: Sendable {
    /// What is staged.
    public enum Kind: Sendable {
        case file
        case folder
    }

    /// How a finished folder replaces an existing one.
    enum SwapMethod: Sendable {
        /// One renameat2(RENAME_EXCHANGE), falling back to ``renameAside`` where the system lacks it.
        case exchange
        /// The old folder renamed aside, then the new one into place: not atomic, but never loses either.
        case renameAside
    }

    private enum Phase { case staged, committing, finished }

    public let kind: Kind
    /// Where the output goes.
    public let targetPath: String
    /// The staging file or folder beside ``targetPath``.
    public let stagingPath: String
    /// Whether an existing target is replaced; if not, the target must not exist, neither when the output is
    /// staged nor at the commit, which refuses rather than replace one that appeared meanwhile.
    public let replacesTarget: Bool

    private let registry: StagingRegistry
    private let swapMethod: SwapMethod
    /// A folder's permissions under the umask, found when the folder was empty (a file's are found at commit).
    private let newFolderMode: mode_t
    private let phase = Mutex(Phase.staged)
    /// The early flush of ``startFlushing()``, while it runs.
    private let flushing = Mutex<DispatchGroup?>(nil)

    /// Removes the leftovers of killed runs into `targetPath`, then creates the staging file or folder beside it.
    /// - Throws: ``ExportError/outputExists(path:)`` when something is at `targetPath` and `replacing` is false;
    ///   ``ExportError/cannotWrite(path:reason:)`` when the staging name cannot be made, or once the registry
    ///   was emptied by an interruption.
    public convenience init(_ kind: Kind, at targetPath: String, replacing: Bool, registry: StagingRegistry)
        throws(ExportError)
    {
        try self.init(kind, at: targetPath, replacing: replacing, registry: registry, swapMethod: .exchange)
    }

    init(_ kind: Kind, at targetPath: String, replacing: Bool, registry: StagingRegistry, swapMethod: SwapMethod)
        throws(ExportError)
    {
        if !replacing, FileSystem.exists(targetPath) { throw .outputExists(path: targetPath) }
        self.kind = kind
        self.targetPath = targetPath
        self.replacesTarget = replacing
        self.registry = registry
        self.swapMethod = swapMethod
        registry.record(removedLeftovers: Self.removeLeftovers(of: targetPath))
        let url = URL(fileURLWithPath: targetPath)
        let folder = url.deletingLastPathComponent().path
        let template = folder + "/" + StagingName.template(for: url.lastPathComponent)
        stagingPath = try registry.stage(for: targetPath) { () throws(ExportError) -> String in
            try Self.create(kind, from: template, in: folder)
        }
        newFolderMode = kind == .folder ? Self.newFolderMode(in: stagingPath) : 0
    }

    deinit {
        if phase.withLock({ $0 }) == .staged { discard() }
    }

    /// Whether the run was interrupted (``StagingRegistry/removeAll()``): the staging is gone or going, and
    /// nothing more should be written to it.
    public var isInterrupted: Bool {
        registry.isInterrupted
    }

    /// Makes the file or folder with mkstemp or mkdtemp; returns its path.
    private static func create(_ kind: Kind, from template: String, in folder: String) throws(ExportError) -> String {
        var name = Array(template.utf8CString)
        let made = name.withUnsafeMutableBufferPointer { buffer -> Bool in
            switch kind {
            case .file:
                let descriptor = mkstemp(buffer.baseAddress!)
                guard descriptor >= 0 else { return false }
                close(descriptor)
                return true
            case .folder:
                return mkdtemp(buffer.baseAddress!) != nil
            }
        }
        guard made else { throw FileSystem.failure(folder) }
        return String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    // MARK: Committing

    /// Gives the file or folder its permissions, gets the staged bytes onto the disk, and puts it at the target
    /// in one rename: renameat2(RENAME_NOREPLACE) when the target must not exist, rename() for a file that
    /// replaces one, renameat2(RENAME_EXCHANGE) for a folder that replaces one (then the previous tree, now under
    /// the staging name, is removed). On failure the staging is removed and the target left as it was.
    /// - Parameter permissions: The mode to give it; nil gives what a new file or folder gets under the umask.
    /// - Throws: ``ExportError/cannotWrite(path:reason:)``, for instance when a target that must not exist
    ///   appeared during the run, or when the output was committed or discarded already.
    public func commit(permissions: mode_t? = nil) throws(ExportError) {
        let isStaged = phase.withLock { phase in
            defer { if phase == .staged { phase = .committing } }
            return phase == .staged
        }
        guard isStaged else {
            throw .cannotWrite(path: targetPath, reason: "the output was already committed or discarded")
        }
        do throws(ExportError) {
            let mode = permissions ?? (kind == .folder ? newFolderMode : Self.newFileMode())
            guard chmod(stagingPath, mode) == 0 else { throw FileSystem.failure(stagingPath) }
            try syncToDisk()
            let previousTree = try swapIn()
            phase.withLock { $0 = .finished }
            if let previousTree {
                FileSystem.removeTree(previousTree)
                registry.release(previousTree)
            }
        } catch {
            phase.withLock { $0 = .staged }
            discard()
            throw error
        }
    }

    /// Removes the staging file or folder; the target is left as it was. Calling it again, or after a commit,
    /// does nothing.
    public func discard() {
        let isStaged = phase.withLock { phase in
            defer { phase = .finished }
            return phase == .staged
        }
        guard isStaged else { return }
        FileSystem.removeTree(stagingPath)
        registry.release(stagingPath)
    }

    /// Starts getting what is staged so far onto the disk, on a thread of its own, so that the commit has less
    /// left to wait for; call it when the bulk of the output is written.
    public func startFlushing() {
        let stagingPath = stagingPath
        let group = DispatchGroup()
        group.enter()
        Thread.detachNewThread {
            let descriptor = open(stagingPath, O_RDONLY | O_CLOEXEC)
            if descriptor >= 0 {
                _ = wxr_syncfs(descriptor)
                close(descriptor)
            }
            group.leave()
        }
        flushing.withLock { $0 = group }
    }

    /// Gets every staged byte onto the disk before the swap, so that even a power cut leaves one whole output:
    /// fsync for a file, syncfs for a folder's many files.
    private func syncToDisk() throws(ExportError) {
        flushing.withLock { $0 }?.wait()
        let descriptor = open(stagingPath, O_RDONLY | O_CLOEXEC | (kind == .folder ? O_DIRECTORY : 0))
        guard descriptor >= 0 else { throw FileSystem.failure(stagingPath) }
        defer { close(descriptor) }
        let synced = kind == .folder ? wxr_syncfs(descriptor) : fsync(descriptor)
        guard synced == 0 else { throw FileSystem.failure(stagingPath) }
    }

    /// Puts the staging at the target; returns where the previous tree now is, to be removed.
    private func swapIn() throws(ExportError) -> String? {
        // Holding the registry's lock keeps an interrupt from removing a tree mid-swap: it waits, then removes
        // whichever tree is no longer the output.
        try registry.withPathsLocked { paths throws(ExportError) -> String? in
            if !replacesTarget {
                try moveWithoutReplacing()
                paths.remove(stagingPath)
                return nil
            }
            if kind == .file {
                guard rename(stagingPath, targetPath) == 0 else { throw FileSystem.failure(targetPath) }
                paths.remove(stagingPath)
                return nil
            }
            if swapMethod == .exchange {
                // The previous tree is now at the staging name, still registered: an interrupt removes it.
                if wxr_rename_exchange(stagingPath, targetPath) == 0 { return stagingPath }
                guard errno == ENOSYS || errno == EINVAL else { throw FileSystem.failure(targetPath) }
            }
            let aside = stagingPath + "-previous"
            guard rename(targetPath, aside) == 0 else { throw FileSystem.failure(targetPath) }
            guard rename(stagingPath, targetPath) == 0 else {
                let reason = String(cString: strerror(errno))
                if rename(aside, targetPath) == 0 { throw .cannotWrite(path: targetPath, reason: reason) }
                throw .cannotWrite(path: targetPath, reason: "\(reason); the previous folder is at \(aside)")
            }
            paths.remove(stagingPath)
            paths.insert(aside)
            return aside
        }
    }

    /// renameat2(RENAME_NOREPLACE); where the system lacks it, link() and unlink() for a file (link refuses to
    /// replace) and rename() for a folder (which replaces only an empty folder).
    private func moveWithoutReplacing() throws(ExportError) {
        if wxr_rename_noreplace(stagingPath, targetPath) == 0 { return }
        if errno == ENOSYS || errno == EINVAL {
            switch kind {
            case .file: if link(stagingPath, targetPath) == 0, unlink(stagingPath) == 0 { return }
            case .folder: if rename(stagingPath, targetPath) == 0 { return }
            }
        }
        throw errno == EEXIST || errno == ENOTEMPTY
            ? .cannotWrite(path: targetPath, reason: "it appeared during the export; nothing was changed")
            : FileSystem.failure(targetPath)
    }

    // MARK: Permissions

    /// The mode mkdir gives a new folder under the current umask (and any default ACL), found without changing
    /// the umask, which other threads may be relying on.
    private static func newFolderMode(in folder: String) -> mode_t {
        let probe = folder + "/.mode"
        var status = stat()
        defer { rmdir(probe) }
        guard mkdir(probe, 0o777) == 0, lstat(probe, &status) == 0 else { return 0o755 }
        return status.st_mode & 0o777
    }

    /// mkstemp makes files readable by their owner only; a committed file gets the usual permissions.
    private static func newFileMode() -> mode_t {
        let mask = umask(0)
        umask(mask)
        return 0o666 & ~mask
    }
}
