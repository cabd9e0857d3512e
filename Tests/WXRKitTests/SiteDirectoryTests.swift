import Foundation
import Synchronization
import Testing
@testable import WXRKit

/// The site export's output folder on a real file system: staged beside the target, swapped in whole, and
/// incremental on re-runs. Staging, swapping and removal on an interruption are ``StagedOutput``'s
/// (StagedOutputTests), and tried on the binary, interrupted (SiteExportTests).
@Suite(.serialized)
struct SiteDirectoryTests {
    typealias Changes = SiteDirectory.Changes

    /// A fresh parent folder; the output is `site` inside it.
    let parent: String
    var target: String { parent + "/site" }

    init() throws {
        parent = try Paths.temporaryDirectory().path
    }

    static let firstRun = [
        "config.yaml": "title: Example\n",
        "content/posts/kerch-bridge.md": "# Kerch bridge\n",
        "content/posts/old.md": "# Old\n",
        "content/about/index.md": "# About\n",
    ]

    @discardableResult
    func export(_ files: [String: String], replacing: Bool = false,
                swapMethod: StagedOutput.SwapMethod = .exchange) throws -> Changes {
        let site = try SiteDirectory(path: target, replacing: replacing, staging: StagingRegistry(), swapMethod: swapMethod)
        for (path, text) in files { try site.write(text, to: path) }
        return try site.commit()
    }

    /// Everything under `path`, by relative path: type, content or link target, permissions, inode, mtime.
    func snapshot(_ path: String, withIdentity: Bool = true) throws -> [String: String] {
        var result: [String: String] = [:]
        func walk(_ relative: String) throws {
            let full = relative.isEmpty ? path : path + "/" + relative
            for name in try FileManager.default.contentsOfDirectory(atPath: full) {
                let child = relative.isEmpty ? name : relative + "/" + name
                var status = stat()
                try #require(lstat(full + "/" + name, &status) == 0)
                let identity = withIdentity ? " \(status.st_ino) \(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec)" : ""
                let mode = String(status.st_mode & 0o7777, radix: 8)
                switch status.st_mode & S_IFMT {
                case S_IFDIR:
                    result[child] = "folder \(mode)"
                    try walk(child)
                case S_IFLNK:
                    result[child] = "link " + (try FileManager.default.destinationOfSymbolicLink(atPath: full + "/" + name))
                default:
                    let text = try String(contentsOfFile: full + "/" + name, encoding: .utf8)
                    result[child] = "file \(mode)\(identity) \(text)"
                }
            }
        }
        try walk("")
        return result
    }

    func read(_ relative: String) throws -> String {
        try String(contentsOfFile: target + "/" + relative, encoding: .utf8)
    }

    func exists(_ relative: String) -> Bool {
        var status = stat()
        return lstat(target + "/" + relative, &status) == 0
    }

    /// The names in the parent folder: only `site` once a run is over.
    func besideTarget() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: parent).sorted()
    }

    /// Sets every file's modification time to 2001, so a rewrite is seen even within the same second.
    func backdate(_ relatives: [String]) throws {
        for relative in relatives {
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceReferenceDate: 0)],
                                                  ofItemAtPath: target + "/" + relative)
        }
    }

    // MARK: A fresh export

    @Test func freshExportAppearsOnlyOnCommit() throws {
        let site = try SiteDirectory(path: target, replacing: false)
        for (path, text) in Self.firstRun { try site.write(text, to: path) }
        #expect(!FileManager.default.fileExists(atPath: target))
        #expect(try besideTarget() == [URL(fileURLWithPath: site.stagingPath).lastPathComponent])
        #expect(site.stagingPath.hasPrefix(parent + "/.site.wxr-"))

        let changes = try site.commit()
        #expect(changes.added == Self.firstRun.keys.sorted())
        #expect(changes.updated.isEmpty && changes.unchanged.isEmpty && changes.removed.isEmpty)
        #expect(try besideTarget() == ["site"])
        #expect(try read("content/posts/kerch-bridge.md") == "# Kerch bridge\n")
        #expect(exists(SiteDirectory.manifestName))
    }

    @Test func permissionsFollowTheUmask() throws {
        try export(Self.firstRun)
        let mask = try Self.currentUmask()
        let tree = try snapshot(target, withIdentity: false)
        #expect(tree["content"] == "folder \(String(0o777 & ~mask, radix: 8))")
        #expect(tree["config.yaml"] == "file \(String(0o666 & ~mask, radix: 8)) title: Example\n")
        var status = stat()
        #expect(lstat(target, &status) == 0)
        #expect(status.st_mode & 0o7777 == 0o777 & ~mask)
    }

    /// Read from the kernel, so the test does not change the umask under other threads.
    static func currentUmask() throws -> mode_t {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("Umask:") })
        return try #require(mode_t(line.dropFirst(6).trimmingCharacters(in: .whitespaces), radix: 8))
    }

    @Test func manifestListsWhatWasWrittenButNotItself() throws {
        try export(Self.firstRun)
        let data = try #require(FileManager.default.contents(atPath: target + "/" + SiteDirectory.manifestName))
        let manifest = try JSONDecoder().decode(SiteManifest.self, from: data)
        #expect(manifest.files.keys.sorted() == Self.firstRun.keys.sorted())
        #expect(manifest.files["config.yaml"] == ContentHash(of: Array("title: Example\n".utf8)).hex)
    }

    @Test func abandonLeavesNothing() throws {
        let site = try SiteDirectory(path: target, replacing: false)
        for (path, text) in Self.firstRun { try site.write(text, to: path) }
        site.abandon()
        #expect(try besideTarget().isEmpty)
        #expect(throws: ExportError.self) { try site.write("late", to: "late.md") }
        #expect(throws: ExportError.self) { try site.commit() }
    }

    @Test func droppedWithoutCommitLeavesNothing() throws {
        do {
            let site = try SiteDirectory(path: target, replacing: false)
            try site.write("draft", to: "draft.md")
        }
        #expect(try besideTarget().isEmpty)
    }

    // MARK: Re-runs

    @Test(arguments: [StagedOutput.SwapMethod.exchange, .renameAside])
    func rerunWithSameContentTouchesNothing(swapMethod: StagedOutput.SwapMethod) throws {
        try export(Self.firstRun, swapMethod: swapMethod)
        try backdate(Array(Self.firstRun.keys))
        let before = try snapshot(target)

        let changes = try export(Self.firstRun, swapMethod: swapMethod)
        #expect(changes.unchanged == Self.firstRun.keys.sorted())
        #expect(changes.added.isEmpty && changes.updated.isEmpty && changes.removed.isEmpty && changes.keptEdits.isEmpty)
        #expect(changes.summary == "0 added, 0 updated, 4 unchanged, 0 removed")
        var after = try snapshot(target)
        // The manifest is rewritten every run; every other file is the very same inode with the same mtime.
        after[SiteDirectory.manifestName] = before[SiteDirectory.manifestName]
        #expect(after == before)
        #expect(try besideTarget() == ["site"])
    }

    /// The manifest, written by hand, reads back for names JSON must escape.
    @Test func manifestKeepsNamesJSONEscapes() throws {
        let files = ["posts/a \"quoted\" \\ name.md": "1", "posts/tab\there.md": "2", "posts/кириллица é.md": "3", "x.md": ""]
        try export(files)
        let data = try #require(FileManager.default.contents(atPath: target + "/" + SiteDirectory.manifestName))
        let manifest = try JSONDecoder().decode(SiteManifest.self, from: data)
        #expect(manifest.files.keys.sorted() == files.keys.sorted())
        #expect(manifest.files["x.md"] == ContentHash(of: []).hex)
        #expect(try export(files).unchanged == files.keys.sorted())
    }

    /// The manifest's bytes are the ones earlier versions wrote (JSONEncoder's, pretty-printed, keys sorted,
    /// slashes as they are): a manifest rewritten with nothing changed would show in every user's `git diff`.
    @Test func manifestBytesAreTheEarlierLayout() throws {
        let files = ["content/posts/a \"quoted\" name.md": "1", "config.yaml": "2", "content/кириллица é.md": "3"]
        try export(files)
        let bytes = try #require(FileManager.default.contents(atPath: target + "/" + SiteDirectory.manifestName))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let expected = try encoder.encode(SiteManifest(files: files.mapValues { ContentHash(of: Array($0.utf8)).hex }))
        #expect(String(decoding: bytes, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
    }

    /// A file written in pieces: the bytes joined, the same inode kept on a re-run with the same bytes, a
    /// change seen as one, and a failing producer leaving no file behind.
    @Test func fileWrittenInPieces() throws {
        let pieces = (0..<300).map { Array("line \($0): \(String(repeating: "é", count: $0 % 17))\n".utf8) }
        func run(_ pieces: [[UInt8]]) throws -> Changes {
            let site = try SiteDirectory(path: target, replacing: false)
            try site.write("# About\n", to: "content/about/index.md")
            try site.write(to: "wxr/redirects.csv") { append throws(ExportError) in
                for piece in pieces { try append(piece) }
            }
            return try site.commit()
        }
        #expect(try run(pieces).added == ["content/about/index.md", "wxr/redirects.csv"])
        let written = try #require(FileManager.default.contents(atPath: target + "/wxr/redirects.csv"))
        #expect(Array(written) == pieces.flatMap { $0 })
        try backdate(["wxr/redirects.csv"])
        let before = try snapshot(target)["wxr/redirects.csv"]

        #expect(try run(pieces).unchanged == ["content/about/index.md", "wxr/redirects.csv"])
        #expect(try snapshot(target)["wxr/redirects.csv"] == before, "the same bytes keep the same file")
        var changed = pieces
        changed[150] = Array("line 150 changed\n".utf8)
        #expect(try run(changed).updated == ["wxr/redirects.csv"])

        let site = try SiteDirectory(path: target, replacing: false)
        #expect(throws: ExportError.self) {
            try site.write(to: "wxr/broken.csv") { append throws(ExportError) in
                try append(Array("half".utf8))
                throw .cannotWrite(path: "wxr/broken.csv", reason: "the producer failed")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: site.stagingPath + "/wxr/broken.csv"))
        try site.write("x", to: "wxr/once.csv")
        #expect(throws: ExportError.self) { try site.write(to: "wxr/once.csv") { _ throws(ExportError) in } }
        site.abandon()
    }

    @Test(arguments: [StagedOutput.SwapMethod.exchange, .renameAside])
    func rerunReportsWhatChanged(swapMethod: StagedOutput.SwapMethod) throws {
        try export(Self.firstRun, swapMethod: swapMethod)
        var second = Self.firstRun
        second["content/posts/kerch-bridge.md"] = "# Kerch bridge, updated\n"
        second["content/posts/old.md"] = nil
        second["content/posts/new.md"] = "# New\n"

        let changes = try export(second, swapMethod: swapMethod)
        var expected = Changes()
        expected.added = ["content/posts/new.md"]
        expected.updated = ["content/posts/kerch-bridge.md"]
        expected.unchanged = ["config.yaml", "content/about/index.md"]
        expected.removed = ["content/posts/old.md"]
        #expect(changes == expected)
        #expect(try read("content/posts/kerch-bridge.md") == "# Kerch bridge, updated\n")
        #expect(!exists("content/posts/old.md"))
        #expect(try read("content/posts/new.md") == "# New\n")
        #expect(try besideTarget() == ["site"])
    }

    @Test func rerunWithNothingChangedLeavesTheFolderAlone() throws {
        try export(Self.firstRun)
        try "mine\n".write(toFile: target + "/notes.txt", atomically: false, encoding: .utf8)
        try backdate(Array(Self.firstRun.keys))
        var status = stat()
        try #require(lstat(target, &status) == 0)
        let folder = status.st_ino
        let before = try snapshot(target)

        let changes = try export(Self.firstRun)
        #expect(changes.unchanged == Self.firstRun.keys.sorted())
        #expect(changes.added.isEmpty && changes.updated.isEmpty && changes.removed.isEmpty)
        #expect(try snapshot(target) == before)
        try #require(lstat(target, &status) == 0)
        #expect(status.st_ino == folder, "the same folder, not a copy swapped in")
        #expect(try besideTarget() == ["site"])

        // One file changed: the rest are still the same files, linked into the new folder.
        var second = Self.firstRun
        second["config.yaml"] = "title: Changed\n"
        #expect(try export(second).updated == ["config.yaml"])
        let after = try snapshot(target)
        for path in ["content/posts/kerch-bridge.md", "content/about/index.md", "notes.txt"] {
            #expect(after[path] == before[path])
        }
    }

    @Test func unchangedFileRemovedDuringTheRunIsAnError() throws {
        try export(Self.firstRun)
        let site = try SiteDirectory(path: target, replacing: false)
        var second = Self.firstRun
        second["config.yaml"] = "title: Changed\n"
        for (path, text) in second { try site.write(text, to: path) }
        // Found the same while writing, gone before the commit: neither folder has its bytes any more.
        try FileManager.default.removeItem(atPath: target + "/content/about/index.md")
        #expect(throws: ExportError.self) { try site.commit() }
        #expect(try read("config.yaml") == "title: Example\n", "the previous folder is left as it was")
        #expect(try besideTarget() == ["site"])
    }

    @Test func unchangedFileMovedOnARerun() throws {
        for _ in 0..<2 {
            let site = try SiteDirectory(path: target, replacing: false)
            try site.write("# Parent\n", to: "content/parent/index.md")
            try site.write("# Child\n", to: "content/parent/child/index.md")
            try site.move("content/parent/index.md", to: "content/parent/_index.md") { $0 + Array("moved\n".utf8) }
            _ = try site.commit()
        }
        #expect(try read("content/parent/_index.md") == "# Parent\nmoved\n")
        #expect(!exists("content/parent/index.md"))
        #expect(try read("content/parent/child/index.md") == "# Child\n")
    }

    @Test func folderLeftEmptyByRemovalsGoes() throws {
        try export(Self.firstRun)
        var second = Self.firstRun
        second["content/about/index.md"] = nil
        let changes = try export(second)
        #expect(changes.removed == ["content/about/index.md"])
        #expect(!exists("content/about"))
    }

    @Test func userFilesAreKept() throws {
        try export(Self.firstRun)
        let fileManager = FileManager.default
        try fileManager.createDirectory(atPath: target + "/themes/mine/layouts", withIntermediateDirectories: true)
        try "<html>".write(toFile: target + "/themes/mine/layouts/page.html", atomically: false, encoding: .utf8)
        try "notes".write(toFile: target + "/content/posts/my-notes.txt", atomically: false, encoding: .utf8)
        try fileManager.createDirectory(atPath: target + "/.git/objects/ab", withIntermediateDirectories: true)
        try "ref: refs/heads/main\n".write(toFile: target + "/.git/HEAD", atomically: false, encoding: .utf8)
        try fileManager.createDirectory(atPath: target + "/static/empty", withIntermediateDirectories: true)
        try fileManager.createSymbolicLink(atPath: target + "/layouts", withDestinationPath: "themes/mine/layouts")
        try fileManager.createSymbolicLink(atPath: target + "/dangling", withDestinationPath: "/nowhere/at/all")
        chmod(target + "/themes/mine", 0o750)
        let userPaths = ["themes", "themes/mine", "themes/mine/layouts", "themes/mine/layouts/page.html",
                         "content/posts/my-notes.txt", ".git", ".git/objects", ".git/objects/ab", ".git/HEAD",
                         "static", "static/empty", "layouts", "dangling"]
        let before = try snapshot(target).filter { userPaths.contains($0.key) }
        #expect(before.count == userPaths.count)

        var second = Self.firstRun
        second["content/posts/old.md"] = nil
        let changes = try export(second)
        #expect(changes.removed == ["content/posts/old.md"])
        #expect(changes.keptEdits.isEmpty)
        let after = try snapshot(target).filter { userPaths.contains($0.key) }
        #expect(after == before)
        #expect(after["layouts"] == "link themes/mine/layouts")
        #expect(after["themes/mine"] == "folder 750")
    }

    @Test func editedFilesAreKeptAndReported() throws {
        try export(Self.firstRun)
        try "# About, by me\n".write(toFile: target + "/content/about/index.md", atomically: false, encoding: .utf8)
        try "# Old, kept\n".write(toFile: target + "/content/posts/old.md", atomically: false, encoding: .utf8)
        try "mine\n".write(toFile: target + "/content/posts/new.md", atomically: false, encoding: .utf8)

        var second = Self.firstRun
        second["content/about/index.md"] = "# About, regenerated\n"
        second["content/posts/old.md"] = nil
        second["content/posts/new.md"] = "# New\n"
        let changes = try export(second)
        #expect(changes.keptEdits == ["content/about/index.md", "content/posts/new.md", "content/posts/old.md"])
        #expect(changes.added.isEmpty && changes.removed.isEmpty && changes.updated.isEmpty)
        #expect(changes.summary == "0 added, 0 updated, 2 unchanged, 0 removed; 3 files you edited kept")
        #expect(try read("content/about/index.md") == "# About, by me\n")
        #expect(try read("content/posts/old.md") == "# Old, kept\n")
        #expect(try read("content/posts/new.md") == "mine\n")

        // Still the user's on the next run; old.md is no longer wxr's at all.
        let third = try export(second)
        #expect(third.keptEdits == ["content/about/index.md", "content/posts/new.md"])
        #expect(try read("content/posts/old.md") == "# Old, kept\n")
    }

    @Test func deletedGeneratedFileIsRestored() throws {
        try export(Self.firstRun)
        unlink(target + "/config.yaml")
        let changes = try export(Self.firstRun)
        #expect(changes.added == ["config.yaml"])
        #expect(try read("config.yaml") == "title: Example\n")
    }

    @Test func targetThroughSymbolicLinkKeepsTheLink() throws {
        let real = parent + "/real"
        try FileManager.default.createDirectory(atPath: real, withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: target, withDestinationPath: real)
        try export(Self.firstRun)
        try export(Self.firstRun)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: target) == real)
        #expect(try read("config.yaml") == "title: Example\n")
        #expect(try besideTarget() == ["real", "site"])
    }

    // MARK: Someone else's folder

    @Test func foreignFolderRefusedUnlessReplacing() throws {
        try FileManager.default.createDirectory(atPath: target + "/content", withIntermediateDirectories: true)
        try "mine".write(toFile: target + "/config.yaml", atomically: false, encoding: .utf8)
        try "keep".write(toFile: target + "/content/mine.md", atomically: false, encoding: .utf8)
        #expect(throws: ExportError.outputExists(path: target)) { try SiteDirectory(path: target, replacing: false) }
        #expect(try besideTarget() == ["site"])

        let changes = try export(Self.firstRun, replacing: true)
        #expect(changes.replaced == ["config.yaml"])
        #expect(changes.added == Self.firstRun.keys.sorted().filter { $0 != "config.yaml" })
        #expect(changes.summary == "3 added, 0 updated, 0 unchanged, 0 removed, 1 replaced")
        #expect(try read("config.yaml") == "title: Example\n")
        #expect(try read("content/mine.md") == "keep")
    }

    /// A folder whose manifest is not one wxr wrote is said to be so, and kept; replacing writes over it.
    @Test func unreadableManifestRefusedUnlessReplacing() throws {
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        try "not json".write(toFile: target + "/" + SiteManifest.fileName, atomically: false, encoding: .utf8)
        let error = #expect(throws: ExportError.self) { try SiteDirectory(path: target, replacing: false) }
        guard case .outputNotRecognized(let path, let reason) = error else {
            Issue.record("expected outputNotRecognized, got \(String(describing: error))")
            return
        }
        #expect(path == target)
        #expect(reason.contains("is not a wxr manifest"), "\(reason)")
        #expect(!"\(error!)".contains("--"), "a library error names no flag: \(error!)")
        #expect(try besideTarget() == ["site"])
        let changes = try export(Self.firstRun, replacing: true)
        #expect(changes.added.count == 4)
    }

    @Test func fileRefusedUnlessReplacing() throws {
        try "a file".write(toFile: target, atomically: false, encoding: .utf8)
        #expect(throws: ExportError.outputExists(path: target)) { try SiteDirectory(path: target, replacing: false) }
        let changes = try export(Self.firstRun, replacing: true)
        #expect(changes.added.count == 4)
        #expect(try read("config.yaml") == "title: Example\n")
        #expect(try besideTarget() == ["site"])
    }

    @Test func emptyFolderNeedsNoForce() throws {
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
        let changes = try export(Self.firstRun)
        #expect(changes.added.count == 4)
    }

    @Test func unreadableManifestRefused() throws {
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
        try "{\"files\": 3}".write(toFile: target + "/" + SiteDirectory.manifestName, atomically: false, encoding: .utf8)
        #expect(throws: ExportError.self) { try SiteDirectory(path: target, replacing: false) }
        #expect(try export(Self.firstRun, replacing: true).added.count == 4)
    }

    // MARK: Paths

    @Test(arguments: ["../x", "/etc/x", "a//b", "a/\u{0}b", "", "a/", "./a", "a/./b", "a/../../b", "..",
                      SiteDirectory.manifestName])
    func pathOutsideRejected(path: String) throws {
        let site = try SiteDirectory(path: target, replacing: false)
        defer { site.abandon() }
        #expect(throws: ExportError.self) { try site.write("x", to: path) }
        #expect(try besideTarget().count == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.stagingPath).isEmpty)
    }

    @Test func sameFileTwiceRejected() throws {
        let site = try SiteDirectory(path: target, replacing: false)
        defer { site.abandon() }
        try site.write("one", to: "a/b.md")
        #expect(throws: ExportError.cannotWrite(path: "a/b.md", reason: "written twice in one run")) {
            try site.write("two", to: "a/b.md")
        }
        #expect(throws: ExportError.self) { try site.write("folder", to: "a/b.md/c.md") }
    }

    @Test func dotFilesAndUnicodeAllowed() throws {
        let changes = try export([".nojekyll": "", "content/київ/index.md": "# Київ\n", "a/.wxr-manifest.json": "{}"])
        #expect(changes.added.count == 3)
        #expect(try read("content/київ/index.md") == "# Київ\n")
    }

    // MARK: Threads

    @Test func concurrentWrites() throws {
        let site = try SiteDirectory(path: target, replacing: false)
        let failures = Mutex<[ExportError]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for index in 0..<500 {
                do throws(ExportError) {
                    // Threads share folders, so they race to make them.
                    try site.write("\(thread)-\(index)\n", to: "content/\(index % 7)/\(index % 3)/\(thread)-\(index).md")
                } catch {
                    failures.withLock { $0.append(error) }
                }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        let changes = try site.commit()
        #expect(changes.added.count == 4000)
        #expect(try read("content/2/1/7-499.md") == "7-499\n")
        let files = try snapshot(target, withIdentity: false).filter { $0.value.hasPrefix("file") }
        #expect(files.count == 4001)
    }

    // MARK: Failures

    @Test func interruptedRunLeavesPreviousFolderAsItWas() throws {
        try export(Self.firstRun)
        try "notes".write(toFile: target + "/notes.txt", atomically: false, encoding: .utf8)
        let before = try snapshot(target)

        let site = try SiteDirectory(path: target, replacing: false)
        for (path, text) in Self.firstRun { try site.write(text + "changed", to: path) }
        try site.write("new", to: "content/new.md")
        site.abandon()
        #expect(try snapshot(target) == before)
        #expect(try besideTarget() == ["site"])
    }

    @Test func failedCommitLeavesPreviousFolderAsItWas() throws {
        try export(Self.firstRun)
        try "mine".write(toFile: target + "/content/about/mine.md", atomically: false, encoding: .utf8)
        let before = try snapshot(target)

        // "content/about" becomes a file, but the old folder holds a file of the user's: nothing can win.
        let site = try SiteDirectory(path: target, replacing: false)
        try site.write("about", to: "content/about")
        #expect(throws: ExportError.self) { try site.commit() }
        #expect(try snapshot(target) == before)
        #expect(try besideTarget() == ["site"])
    }

    /// The fallback where a file system refuses hard links.
    @Test func copyKeepsContentPermissionsTimeAndLinks() throws {
        let old = parent + "/old.txt"
        try String(repeating: "x", count: 100_000).write(toFile: old, atomically: false, encoding: .utf8)
        chmod(old, 0o640)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceReferenceDate: 0)], ofItemAtPath: old)
        try FileManager.default.createSymbolicLink(atPath: parent + "/old-link", withDestinationPath: "old.txt")
        try FileSystem.copy(old, to: parent + "/new.txt")
        try FileSystem.copy(parent + "/old-link", to: parent + "/new-link")
        let tree = try snapshot(parent)
        let oldEntry = try #require(tree["old.txt"]).split(separator: " ")
        let newEntry = try #require(tree["new.txt"]).split(separator: " ")
        #expect(newEntry[1] == "640" && newEntry[3] == "978307200.0" && newEntry[4...] == oldEntry[4...])
        #expect(newEntry[2] != oldEntry[2])
        #expect(tree["new-link"] == "link old.txt")
    }

    // MARK: Values

    @Test func summaryGroupsThousands() {
        var changes = Changes()
        changes.added = Array(repeating: "a", count: 12)
        changes.updated = Array(repeating: "u", count: 3)
        changes.unchanged = Array(repeating: "s", count: 1980)
        changes.removed = ["r", "r"]
        changes.keptEdits = ["k"]
        #expect(changes.summary == "12 added, 3 updated, 1,980 unchanged, 2 removed; 1 file you edited kept")
    }

    @Test(arguments: [("", "cbf29ce484222325"), ("a", "af63dc4c8601ec8c"), ("hello", "a430d84680aabd0b")])
    func contentHash(text: String, hex: String) {
        #expect(ContentHash(of: Array(text.utf8)).hex == hex)
        #expect(ContentHash(hex: hex) == ContentHash(of: Array(text.utf8)))
    }
}
