import Testing
@testable import WXRKit

/// The plan of a whole export's media: each file once, with the posts that use it.
@Suite struct MediaPlanTests {
    static let site = Site(link: "https://example.org", baseSiteURL: "https://example.org", baseBlogURL: "https://example.org")

    /// Catches a file used before its attachment says which host is the site's being dropped, a featured image,
    /// a gallery or a parent's attachments not credited to their post, a trashed post's file planned, and a file
    /// no post uses reported without a name.
    @Test func filesAndTheirPosts() {
        var plan = MediaPlan(site: Self.site)
        plan.add(Post(id: 1, type: "post", status: "publish",
                      content: #"<img src="https://cdn.example.net/wp-content/uploads/2020/01/cdn.jpg">[gallery ids="11"]"#,
                      meta: [MetaEntry(key: "_thumbnail_id", value: "12")]))
        plan.add(Post(id: 11, type: "attachment", parentID: 1, attachmentURL: "https://cdn.example.net/wp-content/uploads/2020/01/g.jpg"))
        plan.add(Post(id: 12, type: "attachment", parentID: 3, attachmentURL: "https://example.org/wp-content/uploads/2020/01/f.jpg"))
        plan.add(Post(id: 13, type: "attachment", attachmentURL: "https://example.org/wp-content/uploads/2020/02/unused.pdf"))
        plan.add(Post(id: 2, type: "post", status: "trash", content: #"<img src="/wp-content/uploads/2020/03/trashed.jpg">"#))
        plan.add(Post(id: 3, type: "page", status: "publish", content: "[gallery]"))
        plan.add(Post(id: 4, type: "post", status: "publish", content: #"<img src="https://elsewhere.org/wp-content/uploads/x.jpg">"#))
        let entries = Dictionary(uniqueKeysWithValues: plan.entries().map { ($0.file.path, $0.postIDs) })
        #expect(entries == [
            "wp-content/uploads/2020/01/g.jpg": [1],
            "wp-content/uploads/2020/01/f.jpg": [1, 3],
            "wp-content/uploads/2020/02/unused.pdf": [13],
            "wp-content/uploads/2020/01/cdn.jpg": [1],
        ])
    }
}
