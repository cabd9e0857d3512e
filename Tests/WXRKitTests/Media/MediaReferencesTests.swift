import Testing
@testable import WXRKit

/// Every kind of media reference a post can hold, each in a small fixture of its own.
@Suite struct MediaReferencesTests {
    static func urls(_ content: String) -> [String] {
        MediaReferences(content: content).urls.map { "\($0.kind.rawValue) \($0.url)" }
    }

    static func ids(_ content: String) -> [String] {
        MediaReferences(content: content).attachmentIDs.map { "\($0.kind.rawValue) \($0.id)" }
    }

    /// Catches an HTML attribute that shows media being missed, or one that does not being taken.
    @Test(arguments: [
        (#"<img class="x" SRC="/wp-content/uploads/a.jpg" alt="">"#, ["imageSource /wp-content/uploads/a.jpg"]),
        (#"<img src="/a.jpg" srcset="/a-300x200.jpg 300w,/a-1024x683.jpg   1024w, /a.jpg 2x">"#,
         ["imageSource /a.jpg", "sourceSetCandidate /a-300x200.jpg", "sourceSetCandidate /a-1024x683.jpg", "sourceSetCandidate /a.jpg"]),
        (#"<a href="/files/report.PDF?dl=1">r</a><a href="/about/">a</a><a href="/archive.zip">z</a><a href="/2020/01/">p</a>"#,
         ["fileLink /files/report.PDF?dl=1", "fileLink /archive.zip"]),
        (#"<a href="https://example.org/wp-content/uploads/big.jpg"><img src="https://example.org/wp-content/uploads/big-150x150.jpg"></a>"#,
         ["fileLink https://example.org/wp-content/uploads/big.jpg", "imageSource https://example.org/wp-content/uploads/big-150x150.jpg"]),
        (#"<video src="/v.mp4" poster="/p.jpg" controls></video>"#, ["videoSource /v.mp4", "videoPoster /p.jpg"]),
        (#"<audio controls src='/a.mp3'></audio>"#, ["audioSource /a.mp3"]),
        (#"<video><source src="/v.webm" type="video/webm"><source src=/v.mp4></video>"#, ["mediaSource /v.webm", "mediaSource /v.mp4"]),
        (#"<picture><source srcset="/a.avif 1x, /a2.avif 2x"><img src="/a.jpg"></picture>"#,
         ["sourceSetCandidate /a.avif", "sourceSetCandidate /a2.avif", "imageSource /a.jpg"]),
        (#"<div style="background-image: url('/bg.jpg')">x</div><p style='background:URL( "/b2.png" ) no-repeat'>y</p>"#,
         ["inlineStyle /bg.jpg", "inlineStyle /b2.png"]),
        (#"<div style="background:url(&quot;/q.jpg&quot;), Url(/r.jpg)"></div>"#, ["inlineStyle /q.jpg", "inlineStyle /r.jpg"]),
        (#"<img src="/a.jpg?w=1&amp;h=2"><img src="/a.jpg?w=1&amp;h=2">"#, ["imageSource /a.jpg?w=1&h=2"]),
        (#"<img src="data:image/gif;base64,R0lG" data-src="/lazy.jpg"><img data-lazy-src="/l2.png" src="/ph.gif">"#,
         ["lazyImageSource /lazy.jpg", "lazyImageSource /l2.png", "imageSource /ph.gif"]),
        (#"<object data="/f/player.swf"><param name="movie" value="/f/player.swf"><embed src="/f/doc.pdf"></object>"#,
         ["embeddedObject /f/player.swf", "embeddedObject /f/doc.pdf"]),
        // Not media: data URIs, comments, scripts, styles, attributes that show nothing, fragment links.
        (#"<img src="data:image/png;base64,AAAA"><!-- <img src="/c.jpg"> --><script>x='<img src="/s.jpg">'</script>"#, []),
        (##"<style>p{background:url(/css.png)}</style><div data-src="/d.jpg" class="url(/e.jpg)"></div><a href="#top">t</a>"##, []),
    ])
    func htmlAttributes(content: String, expected: [String]) {
        #expect(Self.urls(content) == expected)
    }

    /// Catches a shortcode's file or ids being missed, in any of the attribute names WordPress accepts.
    @Test func shortcodes() {
        #expect(Self.urls(#"[audio mp3="/a.mp3" ogg="/a.ogg" m4a=/a.m4a wav='/a.wav' src="/s.mp3"]"#)
            == ["audioShortcode /s.mp3", "audioShortcode /a.mp3", "audioShortcode /a.m4a", "audioShortcode /a.ogg", "audioShortcode /a.wav"])
        #expect(Self.urls(#"[video width="640" mp4="/v.mp4" webm="/v.webm" ogv="/v.ogv" m4v="/v.m4v" poster="/p.jpg"][/video]"#)
            == ["videoShortcode /v.mp4", "videoShortcode /v.m4v", "videoShortcode /v.webm", "videoShortcode /v.ogv", "videoShortcode /p.jpg"])
        #expect(Self.ids(#"[gallery columns="2" ids="12, 13,14"] [gallery include="15"]"#)
            == ["galleryShortcode 12", "galleryShortcode 13", "galleryShortcode 14", "galleryShortcode 15"])
        #expect(Self.ids(#"[playlist type="audio" ids="7,8"]"#) == ["playlistShortcode 7", "playlistShortcode 8"])
        #expect(MediaReferences(content: "[gallery]").showsOwnAttachments)
        #expect(!MediaReferences(content: "[gallery ids=\"1\"] [[gallery]]").showsOwnAttachments)
        #expect(MediaReferences(content: #"[video poster="/p.jpg"][/video]"#).showsOwnAttachments)
        #expect(!MediaReferences(content: #"[audio mp3="/a.mp3"]"#).showsOwnAttachments)
        // Inside a caption, and escaped: found, and not.
        #expect(Self.urls(#"[caption id="x"][video src="/in.mp4"][/caption] [[audio src="/escaped.mp3"]]"#) == ["videoShortcode /in.mp4"])
    }

    /// Catches a block attribute that holds a file or an attachment id being missed, nested blocks included.
    @Test func gutenbergBlocks() {
        let content = #"""
            <!-- wp:image {"id":12,"sizeSlug":"large","url":"https:\/\/example.org\/wp-content\/uploads\/i.jpg"} -->
            <figure class="wp-block-image"><img src="https://example.org/wp-content/uploads/i-1024x683.jpg"/></figure>
            <!-- /wp:image -->
            <!-- wp:cover {"url":"/cover.jpg","id":13} --><div class="wp-block-cover"></div><!-- /wp:cover -->
            <!-- wp:file {"id":14,"href":"/doc.pdf"} /-->
            <!-- wp:media-text {"mediaId":15,"mediaLink":"https://example.org/?attachment_id=15","mediaType":"image","mediaUrl":"/mt.jpg"} -->
            <!-- wp:media-text {"mediaLink":"/direct.png"} /-->
            <!-- /wp:media-text -->
            <!-- wp:gallery {"ids":[16,"17"],"images":[{"url":"/g1.jpg","fullUrl":"/g1-full.jpg","id":"18"}]} -->
            <!-- wp:image {"id":19} /-->
            <!-- /wp:gallery -->
            <!-- wp:jetpack/tiled-gallery {"ids":[20,21]} /-->
            """#
        #expect(Self.urls(content) == [
            "imageSource https://example.org/wp-content/uploads/i-1024x683.jpg",
            "blockAttribute https://example.org/wp-content/uploads/i.jpg", "blockAttribute /cover.jpg",
            "blockAttribute /doc.pdf", "blockAttribute /mt.jpg", "blockAttribute /direct.png", "blockAttribute /g1.jpg",
            "blockAttribute /g1-full.jpg",
        ])
        #expect(MediaReferences(content: content).attachmentIDs.map(\.id) == [12, 13, 14, 15, 16, 17, 18, 19, 20, 21])
    }

    /// Catches post meta references (featured image, podcast enclosures) being missed or misread.
    @Test func postMeta() {
        let post = Post(id: 1, content: #"<img src="/a.jpg">"#, meta: [
            MetaEntry(key: "_thumbnail_id", value: " 42 "),
            MetaEntry(key: "enclosure", value: "https://example.org/wp-content/uploads/ep1.mp3\n247042\naudio/mpeg"),
            MetaEntry(key: "enclosure", value: "https://example.org/ep2.m4a\r\n1\r\naudio/mp4\r\n"),
            MetaEntry(key: "_thumbnail_id", value: "0"),
            MetaEntry(key: "_wp_attached_file", value: "2020/01/a.jpg"),
        ])
        let references = MediaReferences(post: post)
        #expect(references.urls.map { "\($0.kind.rawValue) \($0.url)" } == [
            "imageSource /a.jpg", "enclosure https://example.org/wp-content/uploads/ep1.mp3", "enclosure https://example.org/ep2.m4a",
        ])
        #expect(references.attachmentIDs == [AttachmentReference(id: 42, kind: .featuredImage)])
    }

    @Test func emptyAndPlainContentHoldNothing() {
        #expect(MediaReferences(content: "") == MediaReferences(content: "Just words, [sic] and a < sign."))
        #expect(MediaReferences(content: "").urls.isEmpty)
        #expect(MediaReferences(post: Post()).attachmentIDs.isEmpty)
    }
}
