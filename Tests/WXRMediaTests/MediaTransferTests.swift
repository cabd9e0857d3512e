import Foundation
import Testing
import WXRKit
@testable import WXRMedia

/// Putting media in a site folder from a local copy of the old uploads: copied (hard-linked), recorded, left
/// alone when intact, taken again when changed, and never written outside the site.
@Suite struct MediaTransferTests {
    let root: String
    let uploads: String
    let site: String

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("wxr-media-\(UUID().uuidString)").path
        uploads = root + "/uploads"
        site = root + "/site"
        try FileManager.default.createDirectory(atPath: uploads + "/2020/01", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: site, withIntermediateDirectories: true)
        try Data([0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]).write(to: URL(fileURLWithPath: uploads + "/2020/01/a.jpg"))
        try Data([0x89, 0x50, 0x4E, 0x47, 9]).write(to: URL(fileURLWithPath: uploads + "/2020/01/b.png"))
    }

    func item(_ name: String) -> MediaItem {
        MediaItem(url: "https://example.org/wp-content/uploads/2020/01/\(name)",
                  path: "static/wp-content/uploads/2020/01/\(name)", sourcePath: "2020/01/\(name)", postIDs: [7])
    }

    func transfer(_ items: [MediaItem]) async throws -> MediaTransfer.Summary {
        try await MediaTransfer(siteFolder: site, options: .init(localCopy: uploads), staging: StagingRegistry()).run(items)
    }

    func inode(_ path: String) -> ino_t {
        var status = stat()
        stat(path, &status)
        return status.st_ino
    }

    @Test func copiesWhatTheLocalCopyHasAndReportsTheRest() async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let summary = try await transfer([item("a.jpg"), item("b.png"), item("c.gif")])
        #expect(summary.records.map(\.outcome) == [.copied, .copied, .missing])
        #expect(summary.records[2].error?.contains("not in") == true)
        let copied = site + "/static/wp-content/uploads/2020/01/a.jpg"
        #expect(FileManager.default.contents(atPath: copied) == Data([0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]))
        #expect(inode(copied) == inode(uploads + "/2020/01/a.jpg"), "hard-linked on one file system")
        #expect(summary.records[0].sha256 == SHA256.hex(of: [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]))
        #expect(summary.records[0].size == 7)

        let manifest = MediaManifest(siteFolder: site)
        #expect(manifest.records.count == 3)
        #expect(manifest["static/wp-content/uploads/2020/01/b.png"]?.outcome == .copied)
        #expect(manifest["static/wp-content/uploads/2020/01/c.gif"]?.outcome == .missing)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site + "/static/wp-content/uploads/2020/01")
        #expect(leftovers.sorted() == ["a.jpg", "b.png"], "no staging file left: \(leftovers)")
    }

    @Test func aSecondRunTakesNothingIntactAndTakesAChangedFileAgain() async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        _ = try await transfer([item("a.jpg"), item("b.png")])
        let again = try await transfer([item("a.jpg"), item("b.png")])
        #expect(again.records.map(\.outcome) == [.present, .present])
        #expect(again.bytes == 0)

        // The user replaced b.png in the site (a new file, not the linked one): it no longer matches the record.
        let placed = site + "/static/wp-content/uploads/2020/01/b.png"
        try FileManager.default.removeItem(atPath: placed)
        try Data([1, 2]).write(to: URL(fileURLWithPath: placed))
        let third = try await transfer([item("a.jpg"), item("b.png")])
        #expect(third.records.map(\.outcome) == [.present, .copied])
        #expect(FileManager.default.contents(atPath: placed) == Data([0x89, 0x50, 0x4E, 0x47, 9]))
    }

    @Test func nothingIsWrittenOutsideTheSite() async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        var hostile = item("a.jpg")
        hostile.path = "static/../../escaped.jpg"
        var absolute = item("a.jpg")
        absolute.path = "/tmp/escaped.jpg"
        // A symbolic link inside the site that leads out of it.
        try FileManager.default.createDirectory(atPath: root + "/outside", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: site + "/static", withDestinationPath: root + "/outside")
        let summary = try await transfer([hostile, absolute, item("a.jpg")])
        #expect(summary.records.map(\.outcome) == [.failed, .failed, .failed])
        #expect(!FileManager.default.fileExists(atPath: root + "/escaped.jpg"))
        #expect(try FileManager.default.subpathsOfDirectory(atPath: root + "/outside").isEmpty)
        #expect(summary.records[2].error?.contains("leads out of the site folder") == true, "\(summary.records[2])")
    }

    @Test func safePaths() {
        for path in ["a.jpg", "static/wp-content/uploads/2020/01/a.jpg", "media/a b.jpg"] {
            #expect(MediaTransfer.isSafe(path), "\(path)")
        }
        for path in ["", "/a.jpg", "../a.jpg", "a/../../b", "a/./b", "a//b", "a\\..\\b", "a\0b", "a/"] {
            #expect(!MediaTransfer.isSafe(path), "\(path)")
        }
    }
}
