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
