#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// `scripts/media-test-server.py` on a free loopback port, for as long as this object lives: the real HTTP server the
/// media fetcher's tests talk to, so that no test ever reaches the internet.
///
/// ```swift
/// let server = try MediaTestServer()                       // throws Externals.Missing when python3 is not here
/// let image = server.url("/_test/flaky/a/2/cat.jpg")       // "http://127.0.0.1:41873/_test/flaky/a/2/cat.jpg"
/// // … fetch it twice with retries, then:
/// #expect(try server.requestCounts()["/_test/flaky/a/2/cat.jpg"] == 3)
/// ```
/// The scripted paths under `/_test/` are listed at the top of the script. The server exits in ``stop()``, in
/// `deinit`, or when this process ends, even by a crash: it watches its standard input, which only we hold open.
///
/// `@unchecked Sendable` so that a suite can share one server in a `static let`: the only mutable state, whether the
/// server was stopped, is read and written under `lock`, and the process is only signalled there.
public final class MediaTestServer: @unchecked Sendable {
    /// The loopback port the server listens on.
    public let port: Int
    private let process: Process
    private let standardInput: Pipe
    private let errorLog: URL?
    private let lock = NSLock()
    private var isStopped = false

    /// Starts the server and waits (up to `startTimeoutSeconds`) for its `READY <port>` line.
    /// - Parameters:
    ///   - root: A folder whose files are served at their path (`--root`); nil serves only `/_test/`.
    ///   - latencyMilliseconds: Delay before every answer (`--latency-ms`), for the benchmark.
    ///   - verbose: Lets the server log each request on this process's standard error.
    /// - Throws: ``Externals/Missing`` naming python3 when it is not on `PATH` (a test skips on that), or
    ///   ``Externals/Failed`` with the server's standard error when it does not start.
    public init(root: URL? = nil, latencyMilliseconds: Int = 0, verbose: Bool = false,
                startTimeoutSeconds: Double = 10) throws {
        guard let python = Externals.tool("python3") else {
            throw Externals.Missing(what: "python3 on PATH (it runs scripts/media-test-server.py)")
        }
        let script = Externals.packageRoot.appendingPathComponent("scripts/media-test-server.py").path
        guard FileManager.default.fileExists(atPath: script) else { throw Externals.Missing(what: script) }

        var arguments = [script, "--port", "0", "--host", "127.0.0.1", "--exit-with-stdin"]
        if let root { arguments += ["--root", root.path] }
        if latencyMilliseconds > 0 { arguments += ["--latency-ms", String(latencyMilliseconds)] }
        if verbose { arguments.append("--verbose") }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = arguments
        let standardInput = Pipe(), standardOutput = Pipe()
        process.standardInput = standardInput
        process.standardOutput = standardOutput
        // Standard error to a file, not a pipe: nobody reads it while the server runs, and a full pipe blocks it.
        var errorLog: URL?
        if !verbose {
            let log = FileManager.default.temporaryDirectory
                .appendingPathComponent("wxr-media-test-server-\(UUID().uuidString).log")
            guard FileManager.default.createFile(atPath: log.path, contents: nil) else {
                throw Externals.Failed(command: "media-test-server.py", message: "cannot create \(log.path)")
            }
            process.standardError = try FileHandle(forWritingTo: log)
            errorLog = log
        }
        try process.run()
        // Only the child may hold these ends: our copy of the output's write end would hide the child's exit.
        try? standardOutput.fileHandleForWriting.close()
        try? standardInput.fileHandleForReading.close()

        let ready = Self.readReadyLine(from: standardOutput.fileHandleForReading.fileDescriptor,
                                       deadline: Date().addingTimeInterval(startTimeoutSeconds))
        try? standardOutput.fileHandleForReading.close()   // the server writes nothing after READY
        guard case .success(let port) = ready else {
            Self.end(process)
            try? standardInput.fileHandleForWriting.close()
            let log = errorLog.flatMap { try? String(contentsOf: $0, encoding: .utf8) } ?? ""
            if let errorLog { try? FileManager.default.removeItem(at: errorLog) }
            let reason = if case .failure(let reason) = ready { reason } else { "" }
            throw Externals.Failed(command: "\(python) \(arguments.joined(separator: " "))",
                                   message: "\(reason); standard error: \(log.isEmpty ? "(empty)" : log)")
        }
        self.port = port
        self.process = process
        self.standardInput = standardInput
        self.errorLog = errorLog
    }

    deinit { stop() }

    /// The address of `path` on this server: `url("/_test/ok/a.jpg")` is `http://127.0.0.1:PORT/_test/ok/a.jpg`.
    public func url(_ path: String) -> String {
        "http://127.0.0.1:\(port)\(path.hasPrefix("/") ? "" : "/")\(path)"
    }

    /// A GET of `path` through ``LoopbackHTTP``, not through the client under test. It is counted like any other.
    public func get(_ path: String, headers: [String: String] = [:]) throws -> LoopbackHTTP.Response {
        try LoopbackHTTP.get(path, port: port, headers: headers)
    }

    /// How many requests each request target (path and query, as sent) received since start or the last reset,
    /// from `/_test/count`. The control endpoints themselves are not counted.
    public func requestCounts() throws -> [String: Int] {
        try JSONDecoder().decode([String: Int].self, from: Data(control("/_test/count").body))
    }

    /// The `User-Agent` of the last request to each target, from `/_test/user-agents`.
    public func userAgents() throws -> [String: String] {
        try JSONDecoder().decode([String: String].self, from: Data(control("/_test/user-agents").body))
    }

    /// Forgets counts, user agents, and which flaky and throttled keys were already asked for.
    public func reset() throws {
        _ = try control("/_test/reset")
    }

    /// Stops the server: SIGTERM, then SIGKILL if it has not exited within two seconds. Safe to call twice.
    public func stop() {
        lock.withLock {
            guard !isStopped else { return }
            isStopped = true
            Self.end(process)
            try? standardInput.fileHandleForWriting.close()
            if let errorLog { try? FileManager.default.removeItem(at: errorLog) }
        }
    }

    private func control(_ path: String) throws -> LoopbackHTTP.Response {
        let response = try LoopbackHTTP.get(path, port: port)
        guard (200..<300).contains(response.status) else {
            throw LoopbackHTTP.Failure(target: path, port: port, reason: "status \(response.status)")
        }
        return response
    }

    private static func end(_ process: Process) {
        guard process.isRunning else { return process.waitUntilExit() }
        process.terminate()
        let deadline = Date().addingTimeInterval(2)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    private enum Ready { case success(Int), failure(String) }

    /// Reads `READY <port>` from the server's standard output, waiting at most until `deadline`.
    private static func readReadyLine(from descriptor: Int32, deadline: Date) -> Ready {
        var line: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        while true {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else {
                let readSoFar = String(decoding: line, as: UTF8.self)
                return .failure("no READY line within the timeout (read so far: '\(readSoFar)')")
            }
            var waiting = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&waiting, 1, Int32(min(remaining, 0.1) * 1000) + 1)
            if ready < 0 && errno != EINTR { return .failure("poll(): \(String(cString: strerror(errno)))") }
            guard ready > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return .failure("the server exited before it printed READY") }
            line += buffer[0..<count]
            guard let newline = line.firstIndex(of: UInt8(ascii: "\n")) else { continue }
            let text = String(decoding: line[..<newline], as: UTF8.self)
            let words = text.split(separator: " ")
            guard words.count == 2, words[0] == "READY", let port = Int(words[1]), port > 0 else {
                return .failure("expected 'READY <port>', got '\(text)'")
            }
            return .success(port)
        }
    }
}
