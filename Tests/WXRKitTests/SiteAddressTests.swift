import Testing
@testable import WXRKit

/// How a query names an item, as WordPress reads it: the names `SiteAddress` knows, in any case.
@Suite struct SiteAddressQueryTests {
    static let address = SiteAddress(site: Site(link: "https://example.org"))

    @Test(arguments: [
        ("https://example.org/?p=12", "?p=12"),
        ("https://example.org/?PAGE_ID=3&p=12", "?page_id=3"),
        ("/?attachment_id=9", "?attachment_id=9"),
        ("/?cat=4&amp=1", "?cat=4"),
        ("/?tag=Travel", "?tag=travel"),
        ("/?p=0&cat=4", "?cat=4"),
        ("/?p=abc&p=7", "?p=7"),
        ("/?p=7&p=abc", "?p=7"),
        ("/?p=&page_id=", nil),
        ("/?=5", nil),
    ])
    func queryKeys(url: String, key: String?) {
        let target = Self.address.target(of: url)?.target
        if let key {
            #expect(target == .item(key: key))
        } else {
            #expect(target != .item(key: "?p=5"))
            if case .item(let found)? = target { #expect(!found.hasPrefix("?"), "\(found)") }
        }
    }
}

/// An old multisite's uploads (`/files/2010/05/a.jpg`, `blogs.dir/N/files/…`) are the uploads folder's files.
@Suite struct SiteAddressMultisiteTests {
    static let address = SiteAddress(site: Site(link: "https://sub.example.org"))

    /// Catches a multisite image left on the old host, and a page that happens to be called `files` taken for one.
    @Test(arguments: [
        ("https://sub.example.org/files/2010/05/a.jpg", "/wp-content/uploads/2010/05/a.jpg"),
        ("/blog/files/2011/12/b%20c.png", "/blog/wp-content/uploads/2011/12/b%20c.png"),
        ("https://sub.example.org/wp-content/blogs.dir/5/files/2010/05/a-300x200.jpg", "/wp-content/uploads/2010/05/a-300x200.jpg"),
        ("https://sub.example.org/files/", nil),
        ("https://sub.example.org/files/report/", nil),
        ("https://sub.example.org/files/20100/05/a.jpg", nil),
        ("https://elsewhere.org/files/2010/05/a.jpg", nil),
    ])
    func multisiteFiles(url: String, upload: String?) {
        let target = Self.address.target(of: url)?.target
        if let upload {
            #expect(target == .upload(path: upload))
        } else if case .upload? = target {
            Issue.record("\(url) taken for an upload")
        }
    }

    /// Catches the media step and the site's links disagreeing on where a multisite file goes.
    @Test func locatedWhereTheSiteLinksIt() {
        var locator = MediaLocator(site: Site(link: "https://sub.example.org"))
        let file = locator.locate("https://sub.example.org/files/2010/05/a.jpg")
        #expect(file?.path == "wp-content/uploads/2010/05/a.jpg")
        #expect(file?.downloadURL == "https://sub.example.org/files/2010/05/a.jpg")
        #expect(file?.sourcePath == "2010/05/a.jpg")
    }
}
