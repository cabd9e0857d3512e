import Foundation

/// The child processes of a batch that are running, to stop them when the batch is interrupted.
final class ChildProcesses: @unchecked Sendable {
    // Every access holds the lock; a Process is only started, signalled and asked whether it runs here.
    private let lock = NSLock()
    private var running: [ObjectIdentifier: Process] = [:]
    private var stopping = false

    /// Starts `process`, unless the batch is stopping.
    func run(_ process: Process) throws {
        lock.lock()
        defer { lock.unlock() }
        guard !stopping else { throw CocoaError(.userCancelled) }
        try process.run()
        running[ObjectIdentifier(process)] = process
    }

    /// Whether ``stopAll(signal:timeout:)`` was called: the batch is being interrupted.
    var isStopping: Bool {
        lock.withLock { stopping }
    }

    func remove(_ process: Process) {
        lock.lock()
        running[ObjectIdentifier(process)] = nil
        lock.unlock()
    }

    /// Sends `signal` to every child, starts no more, and waits up to `timeout` seconds for them to end: each
    /// removes its staged output on SIGINT, SIGTERM and SIGHUP.
    func stopAll(signal: Int32, timeout: Double = 10) {
        lock.lock()
        stopping = true
        let children = Array(running.values)
        lock.unlock()
        for child in children where child.isRunning { kill(child.processIdentifier, signal) }
        let deadline = Date().addingTimeInterval(timeout)
        while children.contains(where: \.isRunning), Date() < deadline { usleep(20_000) }
    }
}
