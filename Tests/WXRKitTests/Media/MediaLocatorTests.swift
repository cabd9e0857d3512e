import Foundation
import Testing
@testable import WXRKit

/// Media URLs of the old site mapped to one local scheme, `wp-content/uploads/…`, whatever host served them.
@Suite struct MediaLocatorTests {
    static let site = Site(link: "https://example.org/blog", baseSiteURL: "https://example.org", baseBlogURL: "https://example.org/blog")

    static func locate(_ url: String, site: Site = site, extraHosts: [String] = [],
                       sizeVariants: MediaLocator.SizeVariants = .asReferenced) -> MediaFile? {
        var locator = MediaLocator(site: site, extraHosts: extraHosts, sizeVariants: sizeVariants)
        return locator.locate(url)
    }

    /// Catches a host, scheme, port, `www.` or subfolder difference that would leave a site's own file behind.
    @Test(arguments: [
        ("https://example.org/wp-content/uploads/2020/01/a.jpg", "https://example.org/wp-content/uploads/2020/01/a.jpg"),
        ("http://www.example.org:8080/wp-content/uploads/2020/01/a.jpg", "http://www.example.org:8080/wp-content/uploads/2020/01/a.jpg"),
        ("//example.org/wp-content/uploads/2020/01/a.jpg", "https://example.org/wp-content/uploads/2020/01/a.jpg"),
        ("/wp-content/uploads/2020/01/a.jpg", "https://example.org/wp-content/uploads/2020/01/a.jpg"),
        ("https://example.org/blog/wp-content/uploads/2020/01/a.jpg", "https://example.org/blog/wp-content/uploads/2020/01/a.jpg"),
        ("  https://example.org/wp-content/uploads/2020/01/a.jpg?ver=2#top \n", "https://example.org/wp-content/uploads/2020/01/a.jpg"),
    ])
    func selfHosted(url: String, download: String) {
        let file = Self.locate(url)
        #expect(file?.path == "wp-content/uploads/2020/01/a.jpg")
        #expect(file?.sitePath == "/wp-content/uploads/2020/01/a.jpg")
        #expect(file?.downloadURL == download)
        #expect(file?.fallbackURL == nil)
    }

    /// Catches WordPress.com's files host or Jetpack's CDN being treated as another site, or their resize query
    /// reaching the file name or the download.
    @Test(arguments: [
        ("https://ada.files.wordpress.com/2020/01/a.jpg?w=300", "https://ada.files.wordpress.com/2020/01/a.jpg"),
        ("http://ada.files.wordpress.com/2020/01/a.jpg", "http://ada.files.wordpress.com/2020/01/a.jpg"),
        ("https://i0.wp.com/ada.wordpress.com/wp-content/uploads/2020/01/a.jpg?resize=300%2C200",
         "https://ada.wordpress.com/wp-content/uploads/2020/01/a.jpg"),
        ("https://i3.wp.com/ada.files.wordpress.com/2020/01/a.jpg?ssl=1", "https://ada.files.wordpress.com/2020/01/a.jpg"),
    ])
    func wordPressDotCom(url: String, download: String) {
        let site = Site(link: "https://ada.wordpress.com", baseSiteURL: "http://wordpress.com/", baseBlogURL: "https://ada.wordpress.com")
        let file = Self.locate(url, site: site)
        #expect(file?.path == "wp-content/uploads/2020/01/a.jpg")
        #expect(file?.downloadURL == download)
    }

    @Test func jetpackCDNServesTheSameFileAsItsOrigin() {
        var locator = MediaLocator(site: Self.site)
        let origin = locator.locate("https://example.org/wp-content/uploads/2020/01/a.jpg")
        let viaCDN = locator.locate("https://i1.wp.com/example.org/wp-content/uploads/2020/01/a.jpg?resize=300%2C200")
        #expect(viaCDN == origin)
        #expect(locator.files.count == 1)
    }

    /// Catches another site's files (or the CDN serving another site) being fetched as ours.
    @Test(arguments: [
        "https://other.example/wp-content/uploads/2020/01/a.jpg",
        "https://i0.wp.com/other.example/wp-content/uploads/2020/01/a.jpg",
        "https://bob.files.wordpress.com/2020/01/a.jpg",
        "https://example.org/2020/01/a-post/",
        "https://example.org/wp-content/themes/x/logo.png",
        "https://example.org/wp-content/uploads/2020/01/",
        "wp-content/uploads/2020/01/a.jpg",
        "mailto:someone@example.org",
        "data:image/png;base64,AAAA",
        "",
    ])
    func notOwnMedia(url: String) {
        #expect(Self.locate(url) == nil)
    }

    /// Catches attachment hosts and user-named hosts being ignored: a site whose uploads moved to a CDN.
    @Test func attachmentAndUserHostsCountAsOwn() {
        var locator = MediaLocator(site: Self.site, extraHosts: ["media.example.com", "https://static.example.net/x"])
        #expect(locator.locate("https://cdn.example.net/wp-content/uploads/2019/05/b.png") == nil)
        locator.addAttachmentURL("https://cdn.example.net/wp-content/uploads/2019/05/b.png")
        #expect(locator.locate("https://cdn.example.net/wp-content/uploads/2019/05/b.png")?.path == "wp-content/uploads/2019/05/b.png")
        #expect(locator.locate("https://media.example.com/wp-content/uploads/c.pdf")?.path == "wp-content/uploads/c.pdf")
        #expect(locator.locate("https://www.static.example.net/wp-content/uploads/d.zip")?.path == "wp-content/uploads/d.zip")
        // A custom-domain WordPress.com site names its files host only in its attachments.
        locator.addAttachmentURL("https://ada.files.wordpress.com/2018/02/e.jpg")
        #expect(locator.locate("https://ada.files.wordpress.com/2018/02/e.jpg?w=640")?.path == "wp-content/uploads/2018/02/e.jpg")
    }

    /// Catches a resized copy replacing the original, or the original being fetched with nothing to fall back on.
    @Test func sizeVariants() {
        let url = "https://example.org/wp-content/uploads/2020/01/photo-300x200.jpg?x=1"
        let kept = Self.locate(url)
        #expect(kept?.path == "wp-content/uploads/2020/01/photo-300x200.jpg")
        #expect(kept?.fallbackURL == nil)

        var locator = MediaLocator(site: Self.site, sizeVariants: .originals)
        let original = locator.locate(url)
        #expect(original?.path == "wp-content/uploads/2020/01/photo.jpg")
        #expect(original?.downloadURL == "https://example.org/wp-content/uploads/2020/01/photo.jpg")
        #expect(original?.fallbackURL == "https://example.org/wp-content/uploads/2020/01/photo-300x200.jpg")
        // Another size, or the original itself, is the same file.
        #expect(locator.locate("/wp-content/uploads/2020/01/photo-1024x683.jpg")?.path == original?.path)
        #expect(locator.locate("/wp-content/uploads/2020/01/photo.jpg")?.path == original?.path)
        #expect(locator.files.count == 1)
        // Only `-WIDTHxHEIGHT` right before the extension is a size.
        #expect(locator.locate("/wp-content/uploads/2020/01/map-1x.png")?.path == "wp-content/uploads/2020/01/map-1x.png")
        #expect(locator.locate("/wp-content/uploads/2020/01/800x600.png")?.path == "wp-content/uploads/2020/01/800x600.png")
    }

    @Test(arguments: [
        ("photo-300x200.jpg", "photo.jpg"),
        ("my-photo-1-1024x768.JPEG", "my-photo-1.JPEG"),
        ("photo-300x.jpg", nil),
        ("photo-x200.jpg", nil),
        ("photo300x200.jpg", nil),
        ("photo-300x200", nil),
        ("-300x200.jpg", nil),
    ] as [(String, String?)])
    func originalNames(variant: String, original: String?) {
        #expect(MediaLocator.originalName(ofSizeVariant: Substring(variant)) == original)
    }

    /// Catches a case-insensitive disk (macOS, Windows) merging two files, or one URL getting two paths.
    @Test func caseOnlyCollisionsAreNumberedInOrder() {
        var locator = MediaLocator(site: Self.site)
        #expect(locator.locate("/wp-content/uploads/2020/01/A.jpg")?.path == "wp-content/uploads/2020/01/A.jpg")
        #expect(locator.locate("/wp-content/uploads/2020/01/a.jpg")?.path == "wp-content/uploads/2020/01/a-2.jpg")
        #expect(locator.locate("/wp-content/uploads/2020/01/a%20.jpg")?.path == "wp-content/uploads/2020/01/a-3.jpg")
        #expect(locator.locate("https://example.org/wp-content/uploads/2020/01/a.jpg")?.path == "wp-content/uploads/2020/01/a-2.jpg")
        #expect(locator.locate("/wp-content/uploads/2020/01/A.jpg")?.path == "wp-content/uploads/2020/01/A.jpg")
        // A folder is spelled the way it was first seen, and never shares a name with a file.
        #expect(locator.locate("/wp-content/uploads/Photos/b.jpg")?.path == "wp-content/uploads/Photos/b.jpg")
        #expect(locator.locate("/wp-content/uploads/photos/c.jpg")?.path == "wp-content/uploads/Photos/c.jpg")
        #expect(locator.locate("/wp-content/uploads/2021")?.path == "wp-content/uploads/2021")
        #expect(locator.locate("/wp-content/uploads/2021/d.jpg")?.path == "wp-content/uploads/2021-2/d.jpg")
        #expect(locator.files.map(\.path) == [
            "wp-content/uploads/2020/01/A.jpg", "wp-content/uploads/2020/01/a-2.jpg", "wp-content/uploads/2020/01/a-3.jpg",
            "wp-content/uploads/Photos/b.jpg", "wp-content/uploads/Photos/c.jpg", "wp-content/uploads/2021",
            "wp-content/uploads/2021-2/d.jpg",
        ])
    }

    /// Catches a case-sensitive disk getting numbered names its links do not use, and a renamed file not flagged
    /// (the media step reports those: the site's links name the other file).
    @Test func caseSensitiveDiskKeepsNamesAndFlagsOnlyTrueCollisions() {
        var locator = MediaLocator(site: Self.site, caseSensitiveDisk: true)
        let upper = locator.locate("/wp-content/uploads/2020/01/A.jpg")
        let lower = locator.locate("/wp-content/uploads/2020/01/a.jpg")
        let spaced = locator.locate("/wp-content/uploads/2020/01/a%20.jpg")
        let folder = locator.locate("/wp-content/uploads/photos/c.jpg")
        let otherFolder = locator.locate("/wp-content/uploads/Photos/b.jpg")
        #expect([upper, lower, spaced, folder, otherFolder].map { $0?.path } == [
            "wp-content/uploads/2020/01/A.jpg", "wp-content/uploads/2020/01/a.jpg", "wp-content/uploads/2020/01/a-2.jpg",
            "wp-content/uploads/photos/c.jpg", "wp-content/uploads/Photos/b.jpg",
        ])
        #expect([upper, lower, spaced, folder, otherFolder].map { $0?.isRenamed } == [false, false, true, false, false])

        var folding = MediaLocator(site: Self.site)
        let renamed = ["A.jpg", "a.jpg", "photos/c.jpg", "Photos/b.jpg"].map {
            folding.locate("/wp-content/uploads/2020/" + $0)?.isRenamed
        }
        #expect(renamed == [false, true, false, true])
        for file in folding.files where !file.isRenamed {
            #expect(MediaLocator.sitePath(ofUpload: "/" + file.path) == file.sitePath)
        }
    }

    /// Catches a URL that writes outside the output folder, or a name a file system refuses.
    @Test(arguments: [
        ("/wp-content/uploads/../../../etc/passwd", "wp-content/uploads/etc/passwd"),
        ("/wp-content/uploads/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "wp-content/uploads/etc/passwd"),
        ("/wp-content/uploads/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "wp-content/uploads/etc-passwd"),
        ("/wp-content/uploads/2020/./01//a.jpg", "wp-content/uploads/2020/01/a.jpg"),
        ("/wp-content/uploads/a%00b.jpg", "wp-content/uploads/a-b.jpg"),
        ("/wp-content/uploads/%00.jpg", "wp-content/uploads/file.jpg"),
        ("/wp-content/uploads/..\\..\\windows\\win.ini", "wp-content/uploads/windows-win.ini"),
        ("/wp-content/uploads/%5C..%5C..%5Ca.jpg", "wp-content/uploads/a.jpg"),
        ("/wp-content/uploads/a%0Ab%09c%7F.png", "wp-content/uploads/a-b-c.png"),
        ("/wp-content/uploads/CON", "wp-content/uploads/CON-"),
        ("/wp-content/uploads/aux.jpg", "wp-content/uploads/aux-.jpg"),
        ("/wp-content/uploads/Com1.tar.gz", "wp-content/uploads/Com1-.tar.gz"),
        ("/wp-content/uploads/lpt1/x.jpg", "wp-content/uploads/lpt1-/x.jpg"),
        ("/wp-content/uploads/.htaccess", "wp-content/uploads/htaccess"),
        ("/wp-content/uploads/...jpg", "wp-content/uploads/file.jpg"),
        ("/wp-content/uploads/a.jpg.", "wp-content/uploads/a.jpg"),
        ("/wp-content/uploads/a%3Cb%3E%3A%22%7C%3F%2A.jpg", "wp-content/uploads/a-b.jpg"),
        ("/wp-content/uploads/My%20Photo%20(1).JPG", "wp-content/uploads/My-Photo-1.JPG"),
        ("/wp-content/uploads/%F0%9F%98%80smile%F0%9F%98%80.png", "wp-content/uploads/smile.png"),
        ("/wp-content/uploads/%F0%9F%98%80.png", "wp-content/uploads/file.png"),
        ("/wp-content/uploads/%D0%BA%D0%B8%D1%97%D0%B2.jpg", "wp-content/uploads/київ.jpg"),
        ("/wp-content/uploads/%zz.jpg", "wp-content/uploads/zz.jpg"),
    ])
    func hostileURLsStayInside(url: String, path: String) {
        let file = Self.locate(url)
        #expect(file?.path == path)
        if let file { Self.expectSafe(file.path) }
    }

    /// Catches a local copy of the old uploads being read outside itself, or a file's name as stored being lost.
    @Test(arguments: [
        ("https://example.org/wp-content/uploads/2020/01/My%20Photo.JPG?w=3", "2020/01/My Photo.JPG"),
        ("https://i0.wp.com/example.org/wp-content/uploads/2020/01/a.jpg", "2020/01/a.jpg"),
        ("/wp-content/uploads/a%2F..%2F..%2Fetc%5Cpasswd", "a/etc/passwd"),
        ("/wp-content/uploads/a%00b.jpg", nil),
    ] as [(String, String?)])
    func sourcePaths(url: String, sourcePath: String?) {
        #expect(Self.locate(url)?.sourcePath == sourcePath)
    }

    /// Catches NFD names (as macOS writes them) becoming a second file beside their NFC twin.
    @Test func decomposedNamesAreComposed() {
        var locator = MediaLocator(site: Self.site)
        let composed = locator.locate("/wp-content/uploads/caf%C3%A9.jpg")          // é
        let decomposed = locator.locate("/wp-content/uploads/cafe%CC%81.jpg")       // e + combining acute
        #expect(composed?.path == "wp-content/uploads/café.jpg")
        #expect(decomposed?.path == composed?.path)
        #expect(Array(decomposed?.path.utf8 ?? "".utf8) == Array("wp-content/uploads/caf\u{E9}.jpg".utf8))
        #expect(locator.files.count == 1)
    }

    /// Catches a name too long for a file system (255 bytes), or a cut that loses the extension.
    @Test func longNamesAreCutBeforeTheExtension() throws {
        let long = String(repeating: "é", count: 300)
        let file = try #require(Self.locate("/wp-content/uploads/2020/01/\(long).jpeg"))
        let name = try #require(file.path.split(separator: "/").last)
        #expect(name.hasSuffix("é.jpeg"))
        #expect(name.utf8.count <= PathComponent.maximumLength)
        let deep = (1...40).map { "d\($0)" }.joined(separator: "/")
        let deepFile = try #require(Self.locate("/wp-content/uploads/\(deep)/x.jpg"))
        #expect(deepFile.path == "wp-content/uploads/d1/d2/d3/d4/d5/d6/x.jpg")
    }

    /// Every byte 0…255, percent-encoded, in a folder and a file name: none may make an unsafe path.
    @Test func everyByteGivesASafePath() {
        var locator = MediaLocator(site: Self.site)
        for byte in 0...255 {
            let hex = String(format: "%%%02X", byte)
            for url in ["/wp-content/uploads/\(hex)\(hex)/x\(hex).jpg", "/wp-content/uploads/\(hex)", "/wp-content/uploads/a/\(hex)\(hex)\(hex)"] {
                if let file = locator.locate(url) { Self.expectSafe(file.path) }
            }
        }
    }

    static func expectSafe(_ path: String) {
        #expect(path.hasPrefix("wp-content/uploads/"), "\(path)")
        for segment in path.split(separator: "/", omittingEmptySubsequences: false) {
            #expect(!segment.isEmpty && segment != "." && segment != "..", "\(path)")
            #expect(!segment.hasPrefix(".") && !segment.hasSuffix("."), "\(path)")
            #expect(segment.utf8.count <= PathComponent.maximumLength + 4, "\(path)")
        }
        #expect(!path.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || "\\:*?\"<>|%".unicodeScalars.contains($0) },
                "\(path)")
    }
}
