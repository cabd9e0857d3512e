import Foundation
import Testing
@testable import WXRKit

/// The site's content links a file exactly where the media step puts it, whatever form the old URL took.
@Suite struct SiteMediaPathTests {
    static let site = Site(link: "https://oldblog.wordpress.com", baseSiteURL: "http://wordpress.com",
                           baseBlogURL: "https://oldblog.wordpress.com")

    @Test(arguments: [
        "https://oldblog.files.wordpress.com/2020/01/photo.jpg?w=300",
        "https://oldblog.files.wordpress.com/2020/01/photo-300x200.jpg",
        "https://i0.wp.com/oldblog.wordpress.com/wp-content/uploads/2020/01/a.jpg?resize=300%2C200",
        "https://i2.wp.com/oldblog.files.wordpress.com/2020/01/b.png?ssl=1",
        "https://oldblog.wordpress.com/wp-content/uploads/2020/01/My%20Photo%20(1).JPG",
        "/wp-content/uploads/2021/12/caf%C3%A9%20cr%C3%A8me.jpg",
        "https://oldblog.wordpress.com/wp-content/uploads/2020/01/../../../etc/passwd",
    ])
    func contentLinksWhereTheFileGoes(url: String) throws {
        var locator = MediaLocator(site: Self.site)
        let located = locator.locate(url)
        let file = try #require(located, "\(url) is the site's own file")
        guard case .upload(let uploadPath)? = SiteAddress(site: Self.site).target(of: url)?.target else {
            Issue.record("\(url) is not an upload to the site")
            return
        }
        #expect(MediaLocator.sitePath(ofUpload: uploadPath) == file.sitePath, "\(url)")
        #expect(!file.sitePath.contains(".."))
    }

    /// Asked for originals, the content links the original the media step fetches, not the resized copy.
    @Test(arguments: [
        "https://oldblog.files.wordpress.com/2020/01/photo-300x200.jpg",
        "https://oldblog.wordpress.com/wp-content/uploads/2020/01/My%20Photo-1024x768.JPG",
        "https://oldblog.wordpress.com/wp-content/uploads/2020/01/plain.jpg",
    ])
    func originalsAreLinkedWhereTheyGo(url: String) throws {
        var locator = MediaLocator(site: Self.site, sizeVariants: .originals)
        let located = locator.locate(url)
        let file = try #require(located)
        guard case .upload(let uploadPath)? = SiteAddress(site: Self.site).target(of: url)?.target else {
            Issue.record("\(url) is not an upload to the site")
            return
        }
        #expect(MediaLocator.sitePath(ofUpload: uploadPath, originals: true) == file.sitePath, "\(url)")
        #expect(!file.sitePath.contains("x768") && !file.sitePath.contains("300x200"))
    }

    @Test func anotherSitesCDNImageIsNotOurs() {
        #expect(SiteAddress(site: Self.site).target(of: "https://i0.wp.com/elsewhere.org/wp-content/uploads/a.jpg") == nil)
    }

    /// Catches an offload CDN's files left linked to the old host, silently: posts after the first attachment
    /// served from it link the new site's copy, the ones before are a finding that names the flag, and with the
    /// host named up front every post does.
    @Test(arguments: [false, true])
    func attachmentHostsAreTheSitesOwn(named: Bool) throws {
        let site = Site(title: "T", link: "https://example.org", baseSiteURL: "https://example.org",
                        baseBlogURL: "https://example.org")
        let image = "https://cdn.example.net/wp-content/uploads/2020/01/a.jpg"
        let posts = [
            Post(id: 1, type: "post", status: "publish", title: "Before", slug: "before", date: "2020-01-01 00:00:00",
                 content: "<img src=\"\(image)\" alt=\"a\">"),
            Post(id: 2, type: "attachment", status: "inherit", title: "a", slug: "a", parentID: 1, attachmentURL: image),
            Post(id: 3, type: "post", status: "publish", title: "After", slug: "after", date: "2020-01-02 00:00:00",
                 content: "<img src=\"\(image)\" alt=\"a\">"),
        ]
        let folder = try Paths.temporaryDirectory().appendingPathComponent("site")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        var options = MarkdownSiteOptions(flavor: .plain, jobs: 1)
        if named { options.mediaHosts = ["cdn.example.net"] }
        let exporter = try MarkdownSiteExporter(path: folder.path, options: options)
        try exporter.begin(site: site)
        for post in posts { try exporter.write(post: post) }
        _ = try exporter.finish(findings: [])
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder.path)
        func content(_ slug: String) throws -> String {
            let path = try #require(files.first { $0.hasSuffix(".md") && $0.contains(slug) }, "\(slug) in \(files)")
            return try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
        }
        #expect(try content("after").contains("(/wp-content/uploads/2020/01/a.jpg)"))
        #expect(try content("before").contains(named ? "(/wp-content/uploads/2020/01/a.jpg)" : "(\(image))"))
        let late = exporter.exportFindings.filter { $0.code == .siteLateMediaHost }
        #expect(late.count == (named ? 0 : 1), "\(late)")
        #expect(late.allSatisfy { $0.hint?.contains("--media-hosts cdn.example.net") == true })
    }
}
