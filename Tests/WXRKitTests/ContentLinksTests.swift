import Testing
@testable import WXRKit

/// The URLs the unresolved-link check reads in a post's HTML, without rendering it.
@Suite struct ContentLinksTests {
    @Test(arguments: [
        (#"<a href="/about/">About</a>"#, ["/about/"]),
        (#"<A HREF='https://x.example/a'>a</A> <a title="t" href=https://x.example/b>b</a>"#,
         ["https://x.example/a", "https://x.example/b"]),
        (#"<img src="/a.jpg" srcset="/a-300.jpg 300w, /a-600.jpg 600w" alt="">"#, ["/a.jpg", "/a-300.jpg", "/a-600.jpg"]),
        (#"<a href="/?cat=1&amp;p=12">x</a> <a href="/?cat=1&#038;p=13">y</a>"#, ["/?cat=1&p=12", "/?cat=1&p=13"]),
        (#"<video src="/v.mp4" poster="/p.jpg"></video><iframe src="/embed/"></iframe>"#, ["/v.mp4", "/p.jpg", "/embed/"]),
        // Not links: comments (Gutenberg's delimiters too), scripts, attributes that hold no URL, other tags.
        (#"<!-- wp:image {"url":"/x.jpg"} --><!-- <a href="/old/">old</a> -->"#, []),
        (#"<script>var a = '<a href="/js/">';</script><style>a{background:url(/s.png)}</style>"#, []),
        (#"<a class="/not-a-link/" data-href="/nor/">x</a><link href="/style.css"><div src="/no/"></div>"#, []),
        // A URL alone on its line is an embed; in <pre> it is text.
        ("Watch:\n  https://x.example/?p=5  \nmore text https://x.example/?p=6\n", ["https://x.example/?p=5"]),
        ("<pre>\nhttps://x.example/?p=7\n</pre>\nhttps://x.example/?p=8", ["https://x.example/?p=8"]),
    ])
    func urls(html: String, expected: [String]) {
        #expect(ContentLinks.urls(in: html) == expected)
    }

    @Test func aTagCutOffAtTheEndOfTheTextGivesWhatItHas() {
        #expect(ContentLinks.urls(in: #"<a href="/cut"#) == ["/cut"])
        #expect(ContentLinks.urls(in: "<a href=").isEmpty)
        #expect(ContentLinks.urls(in: "<").isEmpty)
    }
}
