import Testing
@testable import WXRKit

/// Posts put aside on disk come back exactly as they went.
@Suite struct PostCodingTests {
    @Test func everyFieldRoundTrips() throws {
        let comment = Comment(
            id: 7, parentID: 3, author: "Ana Ž", authorEmail: "a@example.org", authorURL: "https://example.org", authorIP: "192.0.2.1",
            date: "2022-10-11T10:03:17", dateGMT: "2022-10-11T09:03:17Z", content: "Hi\n\nthere", approved: "1", type: "",
            userID: nil, meta: [MetaEntry(key: "rating", value: "5")], line: 40)
        let post = Post(
            id: 14, type: "post", status: "publish", title: "Київ “quoted”", slug: "%d0%ba", link: "https://example.org/?p=14",
            guid: nil, authorLogin: "ana", date: "2022-10-11T09:12:04", dateGMT: "2022-10-11T08:12:04Z", modified: nil,
            modifiedGMT: "", content: "<p>émoji 🎉</p>", excerpt: "", parentID: nil, menuOrder: -3, commentStatus: "open",
            pingStatus: nil, password: "secret", isSticky: true, attachmentURL: nil,
            terms: [PostTerm(taxonomy: "category", slug: nil, name: "News"), PostTerm(taxonomy: "post_tag", slug: "a-b", name: "A B")],
            meta: [MetaEntry(key: "_thumbnail_id", value: "15"), MetaEntry(key: "empty", value: "")], comments: [comment, Comment()],
            line: 120)
        let job = SiteJob(
            post: post, kind: .page, isDraft: true, file: "content/a/index.md", url: "/a/", commentsFile: nil, aliases: ["/old/", "/старе/"])
        let back = try SiteJob(spooled: job.spooled())
        #expect(back.post == post)
        #expect(back.kind == .page && back.isDraft && back.file == job.file && back.url == job.url)
        #expect(back.commentsFile == nil && back.aliases == job.aliases)
    }

    @Test func cutOffBytesAreAnErrorNotACrash() {
        let job = SiteJob(
            post: Post(id: 1, title: "t"), kind: .post, isDraft: false, file: "f.md", url: "/f/", commentsFile: "c.yaml", aliases: [])
        let bytes = job.spooled()
        for cut in [0, 1, 9, bytes.count / 2, bytes.count - 1] {
            #expect(throws: (any Error).self) { try SiteJob(spooled: Array(bytes.prefix(cut))) }
        }
    }
}
