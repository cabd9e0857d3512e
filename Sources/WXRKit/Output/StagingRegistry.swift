import Synchronization

/// The staged outputs of one run that are not yet committed or discarded, for ``removeAll()`` to remove when the
/// run is interrupted, and the leftovers of killed runs that staging them removed, for the caller to report.
///
/// Made once by whoever handles the signals and passed to every output; nothing in WXRKit keeps one of its own.
///
/// ```swift
/// let staging = StagingRegistry()
/// let interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
/// interrupt.setEventHandler { staging.removeAll(); _exit(130) }
/// signal(SIGINT, SIG_IGN)
/// interrupt.resume()
/// let exporter = try JSONExporter(output: .file(path: "site.json", replacing: false), staging: staging)
/// for path in staging.removedLeftovers { print("removed \(path), left by an interrupted run") }
/// ```
public final class StagingRegistry: Sendable {
    private struct State {
        /// Staging names (and previous trees being removed after a swap) to remove on an interruption.
        var paths: Set<String> = []
        var removedLeftovers: [String] = []
        var isInterrupted = false
    }

    private let state = Mutex(State())
    /// ``State/isInterrupted``, readable without the lock: a site export checks it before every file.
    private let interrupted = Atomic<Bool>(false)

    public init() {}

    /// Staging files and folders that runs killed before they could clean up (SIGKILL, a power cut) had left
    /// beside the outputs staged through this registry, removed when those outputs were staged; full paths, in
    /// the order they were removed.
    public var removedLeftovers: [String] {
        state.withLock { $0.removedLeftovers }
    }

    /// Whether ``removeAll()`` was called: an output staged through this registry starts no write after it.
    public var isInterrupted: Bool {
        interrupted.load(ordering: .sequentiallyConsistent)
    }

    /// Removes every staged output not yet committed or discarded: call it when the process is interrupted,
    /// then exit. A commit in progress finishes its swap first, so each target is one whole file or folder.
    ///
    /// It takes a lock and may wait on a swap, so call it from a dispatch signal source (a normal thread), never
    /// from the signal handler itself. Staging afterwards fails, and every staged output stops writing.
    public func removeAll() {
        state.withLock { state in
            // Set under the lock: an output is either staged before it (and removed here) or refused after.
            state.isInterrupted = true
            interrupted.store(true, ordering: .sequentiallyConsistent)
            for path in state.paths {
                // Writes already past their check may still add a file or a folder: remove until it stays gone.
                FileSystem.removeTreeUntilGone(path)
            }
            state.paths.removeAll()
        }
    }

    /// Runs `create`, which makes the staging file or folder of `targetPath` and returns its path, and registers
    /// the path, both under the lock, so that an interruption cannot fall between the two.
    /// - Throws: ``ExportError/cannotWrite(path:reason:)`` without calling `create` once ``removeAll()`` ran.
    func stage(for targetPath: String, _ create: () throws(ExportError) -> String) throws(ExportError) -> String {
        try state.withLock { state throws(ExportError) -> String in
            guard !state.isInterrupted else { throw .cannotWrite(path: targetPath, reason: "interrupted") }
            let path = try create()
            state.paths.insert(path)
            return path
        }
    }

    /// Runs `body` on the registered paths while ``removeAll()`` waits: a swap holds it, so that an
    /// interruption removes whichever tree is no longer the output, never one mid-rename.
    func withPathsLocked<Outcome: Sendable>(_ body: (inout Set<String>) throws(ExportError) -> Outcome)
        throws(ExportError) -> Outcome
    {
        try state.withLock { state throws(ExportError) -> Outcome in try body(&state.paths) }
    }

    /// Forgets a path that was committed, discarded or removed.
    func release(_ path: String) {
        state.withLock { _ = $0.paths.remove(path) }
    }

    func record(removedLeftovers paths: [String]) {
        guard !paths.isEmpty else { return }
        state.withLock { $0.removedLeftovers += paths }
    }
}
