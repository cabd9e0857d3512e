import Foundation
import Testing
@testable import WXRKit

/// Media references and their local paths over the real exports of ../shared/corpus.
@Suite(.enabled(if: Paths.shared != nil, "skipped: ../shared/corpus is not beside the package"))
struct MediaCorpusTests {
    static var files: [String] { CorpusTests.files }

    static func path(_ file: String) -> String {
        Paths.shared!.appendingPathComponent("corpus").appendingPathComponent(file).path
    }

    /// What one export gives: the locator after every reference was located, and counts.
    struct Located {
        var locator: MediaLocator
        var references = 0
        var unresolvedIDs = 0
        var files: [MediaFile] { locator.files }
    }

    static func locateAll(_ result: ReadResult) -> Located {
        var located = Located(locator: MediaLocator(site: result.sites.first ?? Site()))
        var attachmentURLs: [Int: String] = [:]
        for post in result.posts where post.type == "attachment" {
            guard let url = post.attachmentURL, !url.isEmpty else { continue }
            located.locator.addAttachmentURL(url)
            if let id = post.id { attachmentURLs[id] = url }
        }
        for post in result.posts {
            let references = MediaReferences(post: post)
            located.references += references.urls.count + references.attachmentIDs.count
            for reference in references.urls { _ = located.locator.locate(reference.url) }
            for reference in references.attachmentIDs {
                if let url = attachmentURLs[reference.id] { _ = located.locator.locate(url) } else { located.unresolvedIDs += 1 }
            }
        }
        return located
    }

    /// Catches a real-world URL that escapes the output folder, or media that is found nowhere.
    @Test(arguments: files)
    func everyPathStaysInsideTheUploadsFolder(file: String) throws {
        guard let result = try? ReadResult(path: Self.path(file)) else { return }   // the malformed ones: CorpusTests
        let located = Self.locateAll(result)
        for media in located.files { MediaLocatorTests.expectSafe(media.path) }
        #expect(Set(located.files.map { $0.path.lowercased() }).count == located.files.count, "\(file): two files share a path")
        if file.hasPrefix("WordPress__theme-test-data/") || file.hasPrefix("parchlinux__") || file.hasPrefix("bhardin__") {
            #expect(!located.files.isEmpty, "\(file): \(located.references) references, no file of the site's own")
        }
    }

    /// Every `NAME.files.wordpress.com` URL of the site's own in an export's text, read with a pattern of its own
    /// (not our scanners), maps to `wp-content/uploads/` plus its path, query dropped.
    /// Catches WordPress.com media left pointing at the old host.
    @Test(arguments: files.filter { (try? String(contentsOfFile: path($0), encoding: .utf8))?.contains(".files.wordpress.com") == true })
    func wordPressDotComFilesMapToUploads(file: String) throws {
        let text = try String(contentsOfFile: Self.path(file), encoding: .utf8)
        let result = try ReadResult(path: Self.path(file))
        var locator = Self.locateAll(result).locator
        let pattern = /https?:\/\/([a-z0-9-]+)\.files\.wordpress\.com(\/[A-Za-z0-9\/_.%-]*)(\?[^\s"'<>\]\\]*)?/
        var ownNames: Set<String> = []
        for url in [result.site.link, result.site.baseBlogURL].compactMap({ $0 }) {
            if let match = url.firstMatch(of: /\/\/(?:www\.)?([a-z0-9-]+)\.wordpress\.com/) { ownNames.insert(String(match.1)) }
        }
        for post in result.posts where post.type == "attachment" {
            if let match = post.attachmentURL?.firstMatch(of: pattern) { ownNames.insert(String(match.1)) }
        }
        var checked = 0
        for match in text.matches(of: pattern) where ownNames.contains(String(match.1)) {
            let url = String(match.0)
            let decodedPath = String(match.2).removingPercentEncoding ?? String(match.2)
            let media = locator.locate(url)
            if decodedPath.wholeMatch(of: /(\/[A-Za-z0-9_-][A-Za-z0-9_.-]*[A-Za-z0-9_])+/) != nil {
                #expect(media?.path == "wp-content/uploads" + decodedPath, "\(file): \(url)")
            } else {
                #expect(media?.path.hasPrefix("wp-content/uploads/") == true, "\(file): \(url)")
            }
            checked += 1
        }
        #expect(checked > 0, "\(file): no own files.wordpress.com URL found")
    }

    /// The theme unit test data holds the kinds of reference WordPress's own themes are tested with (its `[video]`
    /// shortcodes name no file).
    /// Catches a kind that real markup writes differently from our fixtures.
    @Test func themeTestDataHoldsEveryKind() throws {
        var kinds: Set<MediaReference.Kind> = []
        for name in ["themeunittestdata.wordpress.xml", "64-block-test-data.xml"] {
            let result = try ReadResult(path: Self.path("WordPress__theme-test-data/" + name))
            for post in result.posts {
                let references = MediaReferences(post: post)
                kinds.formUnion(references.urls.map(\.kind))
                kinds.formUnion(references.attachmentIDs.map(\.kind))
            }
        }
        let expected: Set<MediaReference.Kind> = [
            .imageSource, .fileLink, .audioShortcode, .galleryShortcode, .blockAttribute, .featuredImage,
            .enclosure,
        ]
        #expect(expected.subtracting(kinds).isEmpty, "missing: \(expected.subtracting(kinds).map(\.rawValue).sorted())")
    }
}
