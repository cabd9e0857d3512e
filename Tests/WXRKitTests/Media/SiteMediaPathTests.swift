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
}
