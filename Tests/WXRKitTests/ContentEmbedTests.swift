import Foundation
import Testing
@testable import WXRKit

/// Embeds written the way old posts wrote them (pasted players, Flash, WordPress.com shortcodes), the
/// `<!--more-->` marker per site flavor, and which bracketed text counts as an unknown shortcode.
struct ContentEmbedTests {
    typealias Case = RenderCase

    static func markdown(_ input: String, embeds: RenderOptions.EmbedStyle) -> String {
        ContentRenderer(options: RenderOptions(embeds: embeds)).render(input).markdown
    }

    static let youTubePlayer = "<iframe src=\"https://www.youtube-nocookie.com/embed/abc123XYZ00\" width=\"560\" height=\"315\" frameborder=\"0\" allowfullscreen=\"\">\n</iframe>\n"

    // MARK: Players pasted as HTML

    static let players: [Case] = [
        Case(name: "youtube iframe", input: "<iframe width=\"420\" height=\"315\" src=\"http://www.youtube.com/embed/abc123XYZ00\" frameborder=\"0\" allowfullscreen></iframe>",
             expected: "{{< youtube abc123XYZ00 >}}\n", embeds: .hugo),
        Case(name: "youtube iframe", input: "<iframe width=\"420\" height=\"315\" src=\"http://www.youtube.com/embed/abc123XYZ00\" frameborder=\"0\" allowfullscreen></iframe>",
             expected: "<http://www.youtube.com/embed/abc123XYZ00>\n"),
        Case(name: "youtube iframe", input: "<iframe width=\"420\" height=\"315\" src=\"http://www.youtube.com/embed/abc123XYZ00\" frameborder=\"0\" allowfullscreen></iframe>",
             expected: youTubePlayer, embeds: .html),
        Case(name: "youtube-nocookie iframe, protocol-relative, in a paragraph",
             input: "Watch:\n<iframe src=\"//www.youtube-nocookie.com/embed/abc123XYZ00?rel=0\"></iframe>\nThanks.",
             expected: "Watch:\n\n{{< youtube abc123XYZ00 >}}\n\nThanks.\n", embeds: .hugo),
        Case(name: "youtube flash object", input: youTubeObject, expected: "{{< youtube abc123XYZ00 >}}\n", embeds: .hugo),
        Case(name: "youtube flash object", input: youTubeObject, expected: "<https://www.youtube.com/watch?v=abc123XYZ00>\n"),
        Case(name: "youtube flash embed alone",
             input: "<embed src=\"http://www.youtube.com/v/abc123XYZ00&hl=en\" type=\"application/x-shockwave-flash\" width=\"425\" height=\"344\"></embed>",
             expected: "{{< youtube abc123XYZ00 >}}\n", embeds: .hugo),
        Case(name: "vimeo moogaloop object", input: vimeoObject, expected: "{{< vimeo 1234567 >}}\n", embeds: .hugo),
        Case(name: "vimeo moogaloop object", input: vimeoObject, expected: "<https://vimeo.com/1234567>\n"),
        Case(name: "vimeo iframe", input: "<iframe src=\"https://player.vimeo.com/video/76979871?title=0&amp;byline=0\" width=\"500\" height=\"281\"></iframe>",
             expected: "<iframe src=\"https://player.vimeo.com/video/76979871\" width=\"560\" height=\"315\" frameborder=\"0\" allowfullscreen=\"\">\n</iframe>\n", embeds: .html),
        Case(name: "vimeo iframe in a block", input: "<!-- wp:html -->\n<p><iframe src=\"https://player.vimeo.com/video/76979871\"></iframe></p>\n<!-- /wp:html -->",
             expected: "{{< vimeo 76979871 >}}\n", embeds: .hugo),
        Case(name: "dailymotion iframe", input: "<iframe frameborder=\"0\" width=\"480\" height=\"270\" src=\"//www.dailymotion.com/embed/video/x7tgad0\"></iframe>",
             expected: "<https://www.dailymotion.com/embed/video/x7tgad0>\n", embeds: .hugo),
        Case(name: "dailymotion iframe", input: "<iframe frameborder=\"0\" width=\"480\" height=\"270\" src=\"//www.dailymotion.com/embed/video/x7tgad0\"></iframe>",
             expected: "<iframe src=\"https://www.dailymotion.com/embed/video/x7tgad0\" width=\"560\" height=\"315\" frameborder=\"0\" allowfullscreen=\"\">\n</iframe>\n", embeds: .html),
        Case(name: "slideshare iframe", input: "<iframe src=\"https://www.slideshare.net/slideshow/embed_code/key/abcDEF123\" width=\"595\" height=\"485\"></iframe>",
             expected: "<https://www.slideshare.net/slideshow/embed_code/key/abcDEF123>\n", embeds: .hugo),
        Case(name: "unknown provider's iframe stays HTML",
             input: "<iframe width='720' height='405' src='https://videopress.com/embed/r0l8GmDi?hd=0' frameborder='0' allowfullscreen></iframe>",
             expected: "<iframe width=\"720\" height=\"405\" src=\"https://videopress.com/embed/r0l8GmDi?hd=0\" frameborder=\"0\" allowfullscreen=\"\">\n</iframe>\n", embeds: .hugo),
    ]

    static let youTubeObject = """
        <object width="425" height="344"><param name="movie" value="http://www.youtube.com/v/abc123XYZ00&hl=en&fs=1"></param>\
        <param name="allowFullScreen" value="true"></param><embed src="http://www.youtube.com/v/abc123XYZ00&hl=en&fs=1" \
        type="application/x-shockwave-flash" allowfullscreen="true" width="425" height="344"></embed></object>
        """
    static let vimeoObject = """
        <object width="400" height="225"><param name="allowfullscreen" value="true" />\
        <param name="movie" value="http://vimeo.com/moogaloop.swf?clip_id=1234567&amp;server=vimeo.com&amp;show_title=1" />\
        <embed src="http://vimeo.com/moogaloop.swf?clip_id=1234567&amp;server=vimeo.com" type="application/x-shockwave-flash" \
        width="400" height="225"></embed></object>
        """

    @Test(arguments: players)
    func pastedPlayersBecomeTheFlavorsEmbed(_ test: Case) {
        #expect(Self.markdown(test.input, embeds: test.options.embeds) == test.expected)
    }

    @Test func anUnknownPlayerIsRawHTMLAndAnUnknownEmbedALinkBothNoted() {
        let renderer = ContentRenderer(options: RenderOptions(embeds: .hugo))
        let iframe = renderer.render("<iframe src=\"https://videopress.com/embed/r0l8GmDi\"></iframe>")
        #expect(iframe.compromises.map(\.kind) == [.rawHTML])
        let bare = renderer.render("Look:\n\nhttps://example.org/a/page/\n\nhttps://youtu.be/abc123XYZ00")
        #expect(bare.markdown == "Look:\n\n<https://example.org/a/page/>\n\n{{< youtube abc123XYZ00 >}}\n")
        #expect(bare.compromises == [ContentCompromise(.unknownEmbed, construct: "example.org", excerpt: "https://example.org/a/page/")])
        // A known provider written as a link (the link style, or a tweet in any) is no compromise.
        #expect(ContentRenderer().render("https://youtu.be/abc123XYZ00\n\nhttps://twitter.com/jack/status/20").isClean)
    }

    // MARK: WordPress.com shortcodes

    static let shortcodes: [Case] = [
        Case(name: "youtube with the editor's link inside",
             input: "[youtube <a href=\"https://www.youtube.com/watch?v=abc123XYZ00\">https://www.youtube.com/watch?v=abc123XYZ00</a>]",
             expected: "{{< youtube abc123XYZ00 >}}\n", embeds: .hugo),
        Case(name: "youtube=URL", input: "[youtube=http://www.youtube.com/watch?v=abc123XYZ00&amp;w=640&amp;h=385]",
             expected: "{{< youtube abc123XYZ00 >}}\n", embeds: .hugo),
        Case(name: "youtube=URL", input: "[youtube=http://www.youtube.com/watch?v=abc123XYZ00&amp;w=640&amp;h=385]",
             expected: "<http://www.youtube.com/watch?v=abc123XYZ00&w=640&h=385>\n"),
        Case(name: "youtube URL in a sentence", input: "Before [youtube https://youtu.be/abc123XYZ00] after.",
             expected: "Before\n\n{{< youtube abc123XYZ00 >}}\n\nafter.\n", embeds: .hugo),
        Case(name: "vimeo id", input: "[vimeo 1234567]", expected: "{{< vimeo 1234567 >}}\n", embeds: .hugo),
        Case(name: "vimeo id", input: "[vimeo 1234567 w=400 h=300]", expected: "<https://vimeo.com/1234567>\n"),
        Case(name: "vimeo URL", input: "[vimeo https://vimeo.com/1234567]", expected: youTubePlayer
            .replacingOccurrences(of: "www.youtube-nocookie.com/embed/abc123XYZ00", with: "player.vimeo.com/video/1234567"), embeds: .html),
        Case(name: "googlemaps", input: "[googlemaps https://maps.google.com/maps?q=Dublin&amp;output=embed&amp;w=425&amp;h=350]",
             expected: "<https://maps.google.com/maps?q=Dublin&output=embed&w=425&h=350>\n", embeds: .hugo),
        Case(name: "tweet URL", input: "[tweet https://twitter.com/jack/status/20]", expected: "<https://twitter.com/jack/status/20>\n", embeds: .hugo),
        Case(name: "tweet id", input: "[tweet 20]", expected: "<https://twitter.com/i/status/20>\n"),
        Case(name: "soundcloud", input: "[soundcloud url=\"https://api.soundcloud.com/tracks/123\" params=\"auto_play=false\" width=\"100%\" height=\"166\" iframe=\"true\" /]",
             expected: "<https://api.soundcloud.com/tracks/123>\n", embeds: .hugo),
        Case(name: "slideshare", input: "[slideshare id=5342235&doc=a-talk-100608&w=425]",
             expected: "<https://www.slideshare.net/slideshow/embed_code/5342235>\n"),
        Case(name: "instagram", input: "[instagram url=https://www.instagram.com/p/BQ0eAlwhDrw/ width=400]",
             expected: "<https://www.instagram.com/p/BQ0eAlwhDrw/>\n", embeds: .hugo),
        Case(name: "dailymotion", input: "[dailymotion id=x8oma9]", expected: "<https://www.dailymotion.com/video/x8oma9>\n"),
    ]

    @Test(arguments: shortcodes)
    func wordPressComShortcodesBecomeEmbeds(_ test: Case) {
        let rendered = ContentRenderer(options: test.options).render(test.input)
        #expect(rendered.markdown == test.expected)
        #expect(rendered.isClean, "a known provider is no compromise")
    }

    @Test func youtubeEqualsURLIsParsedAsTheYoutubeShortcode() throws {
        let pieces = Shortcode.split("[youtube=https://youtu.be/abc123XYZ00]", isKnown: { $0 == "youtube" })
        let shortcode = try #require(pieces.first.flatMap { if case .shortcode(let found) = $0 { found } else { nil } })
        #expect(shortcode.name == "youtube")
        #expect(shortcode.positional == ["https://youtu.be/abc123XYZ00"])
        #expect(UnknownShortcodeCheck().unknownShortcodes(in: "[youtube=https://youtu.be/abc123XYZ00] [vimeo 1]") == [])
    }

    // MARK: Unknown shortcodes

    @Test func referenceLabelsAndBracketedWordsAreText() {
        // From a real blog: Markdown-style reference labels WordPress never treated as shortcodes.
        let text = "[CAN-SPAM] [linux-any] [1] [Foo Bar] [sic] [see http://a.example/?b=c] [2019-05] [Note: later]"
        #expect(Shortcode.names(in: text) == [])
        #expect(UnknownShortcodeCheck().unknownShortcodes(in: text) == [])
        let rendered = ContentRenderer().render(text)
        #expect(rendered.unknownShortcodes.isEmpty && rendered.isClean)
    }

    @Test func whatWordPressWouldParseIsReported() {
        let text = """
            [contact-form-7 id="1" title="Contact"] [products] [vc_row] [su_box title="x"]y[/su_box] [et_pb_section] \
            [myplugin_widget /] [box]inside[/box] [my-gallery size="large"] [wpforms]
            """
        let expected = ["contact-form-7", "products", "vc_row", "su_box", "et_pb_section", "myplugin_widget", "box", "my-gallery", "wpforms"]
        #expect(Shortcode.names(in: text) == expected)
        #expect(UnknownShortcodeCheck().unknownShortcodes(in: text) == expected)
        let rendered = ContentRenderer().render(text)
        #expect(rendered.unknownShortcodes == Dictionary(uniqueKeysWithValues: expected.map { ($0, 1) }))
        #expect(rendered.compromises.map(\.construct) == expected)
    }

    // MARK: The more marker per flavor

    static let site = Site(title: "Café", link: "https://old.example.org", language: "en", wxrVersion: "1.2",
                           baseSiteURL: "https://old.example.org", baseBlogURL: "https://old.example.org")

    static func exportPosts(_ flavor: SiteFlavor) throws -> (folder: URL, teaser: String, excerpted: String) {
        let folder = try Paths.temporaryDirectory().appendingPathComponent("site")
        let exporter = try MarkdownSiteExporter(path: folder.path, options: MarkdownSiteOptions(flavor: flavor, jobs: 1))
        try exporter.begin(site: site)
        try exporter.write(post: Post(id: 1, type: "post", status: "publish", title: "Teaser", slug: "teaser",
                                      link: "https://old.example.org/teaser/", date: "2022-10-08 09:30:00",
                                      content: "Teaser <em>text</em>.\n<!--more-->\nThe rest."))
        try exporter.write(post: Post(id: 2, type: "post", status: "publish", title: "Excerpted", slug: "excerpted",
                                      link: "https://old.example.org/excerpted/", date: "2022-10-09 09:30:00",
                                      content: "Opening.\n<!--more-->\nMore.", excerpt: "Its own excerpt."))
        _ = try exporter.finish(findings: [])
        let layout = flavor.layout
        return (folder, layout.postFile(name: "teaser", day: "2022-10-08", isDraft: false),
                layout.postFile(name: "excerpted", day: "2022-10-09", isDraft: false))
    }

    @Test(arguments: SiteFlavor.allCases)
    func moreMarkerStaysWhereTheGeneratorReadsItElseTheSummaryGoesToFrontMatter(flavor: SiteFlavor) throws {
        let (folder, teaser, excerpted) = try Self.exportPosts(flavor)
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let text = try String(contentsOf: folder.appendingPathComponent(teaser), encoding: .utf8)
        let body = text.components(separatedBy: "---\n").last ?? ""
        let front = try SiteLayoutTests.frontMatter(folder.appendingPathComponent(teaser))
        let excerptFront = try SiteLayoutTests.frontMatter(folder.appendingPathComponent(excerpted))
        #expect(excerptFront[flavor.layout.excerptKey] as? String == "Its own excerpt.", "the post's own excerpt wins")
        switch flavor {
        case .hugo:
            #expect(body == "\nTeaser *text*.\n\n<!--more-->\n\nThe rest.\n")
            #expect(front["summary"] == nil, "Hugo splits at the marker itself")
        case .jekyll:
            #expect(body == "\nTeaser *text*.\n\n<!--more-->\n\nThe rest.\n")
            #expect(front["excerpt_separator"] as? String == "<!--more-->")
            #expect(front["excerpt"] == nil)
        case .eleventy, .astro, .plain:
            #expect(body == "\nTeaser *text*.\n\nThe rest.\n")
            #expect(front["summary"] as? String == "Teaser *text*.")
        }
    }

    @Test func markdownWithoutMoreMarkerTakesOutOnlyTheMarkerBlock() {
        let rendered = ContentRenderer().render("A.\n<!--more-->\nB.\n\n<!--more-->")
        #expect(rendered.markdown == "A.\n\n<!--more-->\n\nB.\n\n<!--more-->\n")
        #expect(rendered.markdownWithoutMoreMarker == "A.\n\nB.\n")
        #expect(ContentRenderer().render("No marker.").markdownWithoutMoreMarker == "No marker.\n")
    }
}
