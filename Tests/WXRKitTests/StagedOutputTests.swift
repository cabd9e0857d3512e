import Foundation
import Testing
@testable import WXRKit

/// Every output, file or folder, staged beside its target and put in place whole: on a real file system, each
/// test with a registry of its own, as the CLI has one per run.
struct StagedOutputTests {
    /// A fresh parent folder; the targets are inside it.
    let parent: String
    let registry = StagingRegistry()

    init() throws {
        parent = try Paths.temporaryDirectory().path
    }

    func names() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: parent).sorted()
    }

    func text(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    func stage(_ kind: StagedOutput.Kind, _ name: String, replacing: Bool = false,
               swapMethod: StagedOutput.SwapMethod = .exchange) throws -> StagedOutput {
        try StagedOutput(kind, at: parent + "/" + name, replacing: replacing, registry: registry, swapMethod: swapMethod)
    }

    /// Writes `text` into the staging: the file itself, or `index.md` in the folder.
    func fill(_ output: StagedOutput, with text: String) throws {
        let path = output.kind == .file ? output.stagingPath : output.stagingPath + "/index.md"
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    /// Runs a program to its end and returns its process id, now free: the pid of a run that was killed.
    func endedProcessID() throws -> pid_t {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exit 0"]
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    /// Makes a staging folder with a file inside, as a run with process `processID` would have left it.
    @discardableResult
    func leaveStaging(of target: String, processID: pid_t, suffix: String = "a1B2c3") throws -> String {
        let path = parent + "/" + StagingName.template(for: target, processID: processID).replacingOccurrences(of: "XXXXXX", with: suffix)
        try FileManager.default.createDirectory(atPath: path + "/content", withIntermediateDirectories: true)
        try "half".write(toFile: path + "/content/half.md", atomically: false, encoding: .utf8)
        return path
    }

    // MARK: Commit and discard

    /// Catches a target written in place (a half-written file seen by others) or a staging name left behind.
    @Test(arguments: [StagedOutput.Kind.file, .folder])
    func commitPutsTheOutputInPlaceWhole(kind: StagedOutput.Kind) throws {
        let output = try stage(kind, "site.out")
        try fill(output, with: "new")
        #expect(try names() == [URL(fileURLWithPath: output.stagingPath).lastPathComponent])
        #expect(output.stagingPath.hasPrefix(parent + "/.site.out.wxr-\(getpid())-"))
        try output.commit()
        #expect(try names() == ["site.out"])
        #expect(try text(parent + (kind == .file ? "/site.out" : "/site.out/index.md")) == "new")
        #expect(throws: ExportError.self) { try output.commit() }
    }

    /// Catches a committed file left readable by its owner only, as mkstemp makes it.
    @Test func committedFileGetsTheUmasksPermissions() throws {
        let output = try stage(.file, "site.json")
        try output.commit()
        var status = stat()
        #expect(lstat(parent + "/site.json", &status) == 0)
        #expect(status.st_mode & 0o777 == 0o666 & ~(try SiteDirectoryTests.currentUmask()))
    }

    /// Catches a discard that touches the target, or leaves the staging behind.
    @Test(arguments: [StagedOutput.Kind.file, .folder])
    func discardLeavesTheTargetAsItWas(kind: StagedOutput.Kind) throws {
        let target = parent + "/site.out"
        if kind == .file {
            try "old".write(toFile: target, atomically: false, encoding: .utf8)
        } else {
            try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
            try "old".write(toFile: target + "/index.md", atomically: false, encoding: .utf8)
        }
        let output = try stage(kind, "site.out", replacing: true)
        try fill(output, with: "new")
        output.discard()
        output.discard()
        #expect(try names() == ["site.out"])
        #expect(try text(kind == .file ? target : target + "/index.md") == "old")
        #expect(throws: ExportError.self) { try output.commit() }
    }

    /// Catches a swap that merges the trees, keeps the old one beside the target, or loses the new one.
    @Test(arguments: [StagedOutput.SwapMethod.exchange, .renameAside])
    func folderSwapsWithTheExistingOne(swapMethod: StagedOutput.SwapMethod) throws {
        let target = parent + "/site"
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
        try "old".write(toFile: target + "/old.md", atomically: false, encoding: .utf8)
        let output = try stage(.folder, "site", replacing: true, swapMethod: swapMethod)
        try fill(output, with: "new")
        try output.commit(permissions: 0o750)
        #expect(try names() == ["site"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: target) == ["index.md"])
        #expect(try text(target + "/index.md") == "new")
        var status = stat()
        #expect(lstat(target, &status) == 0 && status.st_mode & 0o7777 == 0o750)
    }

    /// Catches an existing output replaced without `replacing` (no --force), whether it was there at the start
    /// or appeared during the run.
    @Test(arguments: [StagedOutput.Kind.file, .folder])
    func targetIsNeverReplacedWithoutReplacing(kind: StagedOutput.Kind) throws {
        let target = parent + "/site.out"
        try "theirs".write(toFile: target, atomically: false, encoding: .utf8)
        #expect(throws: ExportError.outputExists(path: target)) { try stage(kind, "site.out") }
        #expect(try names() == ["site.out"])

        try FileManager.default.removeItem(atPath: target)
        let output = try stage(kind, "site.out")
        try fill(output, with: "ours")
        try "theirs".write(toFile: target, atomically: false, encoding: .utf8)
        let error = #expect(throws: ExportError.self) { try output.commit() }
        #expect(error == .cannotWrite(path: target, reason: "it appeared during the export; nothing was changed"))
        #expect(try text(target) == "theirs")
        #expect(try names() == ["site.out"])
    }

    // MARK: Leftovers of killed runs

    /// Catches leftovers of a killed run that pile up beside the output, or that are removed without a word.
    @Test func stagingOfAKilledRunIsRemovedByTheNextAndReported() throws {
        let dead = try endedProcessID()
        let folder = try leaveStaging(of: "site", processID: dead)
        let file = parent + "/" + StagingName.template(for: "site", processID: dead).replacingOccurrences(of: "XXXXXX", with: "Zz9876")
        try "half".write(toFile: file, atomically: false, encoding: .utf8)

        let output = try stage(.folder, "site")
        #expect(registry.removedLeftovers == [folder, file].sorted())
        #expect(try names() == [URL(fileURLWithPath: output.stagingPath).lastPathComponent])
        try output.commit()
        #expect(try names() == ["site"])
    }

    /// Catches a run that removes the staging of another run still going (into this output or another one in
    /// the same folder), or of its own, or a folder that a killed swap left aside and may be the only copy.
    @Test func onlyLeftoversOfThisTargetWhoseProcessIsGoneAreRemoved() throws {
        let running = Process()
        running.executableURL = URL(fileURLWithPath: "/bin/sleep")
        running.arguments = ["30"]
        try running.run()
        // SIGKILL, as the run the test stands for was killed; it also reaches a child that ignores SIGTERM.
        defer { if running.isRunning { kill(running.processIdentifier, SIGKILL) } }
        let dead = try endedProcessID()
        let live = try leaveStaging(of: "site", processID: running.processIdentifier)
        let another = try leaveStaging(of: "site.json", processID: dead)
        let ours = try stage(.folder, "site")
        let aside = try leaveStaging(of: "site", processID: dead, suffix: "q1W2e3-previous")
        let unrelated = try leaveStaging(of: "site", processID: dead, suffix: "not-a-staging-name")

        let second = try stage(.folder, "site")
        #expect(registry.removedLeftovers.isEmpty)
        for path in [live, another, ours.stagingPath, aside, unrelated] {
            #expect(FileSystem.exists(path), "removed: \(path)")
        }
        second.discard()

        kill(running.processIdentifier, SIGKILL)
        running.waitUntilExit()
        _ = try stage(.folder, "site")
        #expect(registry.removedLeftovers == [live])
        #expect(FileSystem.exists(ours.stagingPath))
    }

    @Test(arguments: [
        (".site.wxr-4242-a8Kq0Z", "site", 4242 as pid_t?),
        (".site.json.wxr-1-000000", "site.json", 1),
        (".site.json.wxr-4242-a8Kq0Z", "site", nil),           // another target's
        (".site.wxr-a8Kq0Z", "site", nil),                      // an earlier version's: no process to ask
        (".site.wxr-4242-a8Kq0Z-previous", "site", nil),       // a previous tree set aside
        (".site.wxr-4242-a8Kq0", "site", nil),
        (".site.wxr-4242-a8Kq0Z!", "site", nil),
        (".site.wxr--a8Kq0Z", "site", nil),
        (".site.wxr-0-a8Kq0Z", "site", nil),
        ("site.wxr-4242-a8Kq0Z", "site", nil),
    ])
    func stagingNames(name: String, target: String, processID: pid_t?) {
        #expect(StagingName(parsing: name, target: target)?.processID == processID)
    }

    @Test func templateIsParsedBack() {
        let name = StagingName.template(for: "my site", processID: 31337).replacingOccurrences(of: "XXXXXX", with: "AbC123")
        #expect(name == ".my site.wxr-31337-AbC123")
        #expect(StagingName(parsing: name, target: "my site") == StagingName(parsing: ".my site.wxr-31337-zzzzzz", target: "my site"))
    }

    // MARK: Interruption

    /// Catches staging left behind by an interrupted run, a committed output removed with it, or writes and
    /// new staging that go on after the interruption.
    @Test func registryRemovesWhatIsStagedAndStopsTheRest() throws {
        let committed = try stage(.file, "done.json")
        try committed.commit()
        let file = try stage(.file, "site.json")
        try fill(file, with: "{")
        let site = try SiteDirectory(path: parent + "/site", replacing: false, staging: registry)
        try site.write("# Half\n", to: "content/posts/half.md")
        let folder = try stage(.folder, "other")

        registry.removeAll()
        #expect(registry.isInterrupted)
        #expect(try names() == ["done.json"])
        #expect(throws: ExportError.cannotWrite(path: "late.md", reason: "interrupted")) { try site.write("late", to: "late.md") }
        #expect(throws: ExportError.self) { try stage(.file, "later.json") }
        #expect(throws: ExportError.self) { try folder.commit() }
        #expect(try names() == ["done.json"])
    }

    /// Catches a registry shared between runs: one run's interruption must not touch another's staging.
    @Test func registriesAreIndependent() throws {
        let other = StagingRegistry()
        let mine = try stage(.folder, "mine")
        let theirs = try StagedOutput(.folder, at: parent + "/theirs", replacing: false, registry: other)
        other.removeAll()
        #expect(FileSystem.exists(mine.stagingPath))
        #expect(!FileSystem.exists(theirs.stagingPath))
        try mine.commit()
        #expect(try names() == ["mine"])
    }
}
