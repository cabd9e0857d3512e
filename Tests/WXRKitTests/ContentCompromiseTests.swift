import Testing
@testable import WXRKit

/// What the engine could not write as plain Markdown is said, post by post, and gathered for the report.
@Suite struct ContentCompromiseTests {
    static let renderer = ContentRenderer()

    /// Catches a compromise going unsaid, or a clean post said to have one.
    @Test func renderingSaysWhereItCompromised() {
        #expect(Self.renderer.render("<p>Plain <em>words</em> and a <a href=\"/x\">link</a>.</p>").isClean)
        let iframe = Self.renderer.render("<p>Look:</p>\n<iframe src=\"https://maps.example/embed?q=1\"></iframe>")
        #expect(iframe.compromises.map(\.kind) == [.rawHTML])
        #expect(iframe.compromises.first?.construct == "iframe")
        #expect(iframe.compromises.first?.excerpt.hasPrefix("<iframe") == true)
        let shortcode = Self.renderer.render("Before [contact-form-7 id=\"5\" title=\"Contact\"] after")
        #expect(shortcode.compromises.map(\.kind) == [.unknownShortcode])
        #expect(shortcode.compromises.first?.construct == "contact-form-7")
    }

    /// Catches an excerpt that spans lines or runs on.
    @Test func excerptsAreOneShortLine() {
        let compromise = ContentCompromise(.rawHTML, construct: "div", excerpt: "<div>\n   " + String(repeating: "word ", count: 40))
        #expect(!compromise.excerpt.contains("\n"))
        #expect(!compromise.excerpt.contains("  "))
        #expect((ContentCompromise.excerptLength - 5...ContentCompromise.excerptLength + 1).contains(compromise.excerpt.count))
        #expect(compromise.excerpt.hasSuffix("…"))
    }

    /// Catches a post counted twice for one construct, a post left out of a finding, or a wrong clean share.
    @Test func theTallyNamesEveryPostOncePerConstruct() {
        let tally = CompromiseTally()
        let iframe = ContentCompromise(.rawHTML, construct: "iframe", excerpt: "<iframe src=a>")
        tally.record([iframe, iframe], postID: 1, line: 10)
        tally.record([ContentCompromise(.rawHTML, construct: "iframe", excerpt: "<iframe src=b>")], postID: 2, line: 20)
        tally.record([], postID: 3, line: 30)
        tally.record([ContentCompromise(.unknownShortcode, construct: "foo", excerpt: "[foo x=1]")], postID: 4, line: 40)
        let findings = tally.findings()
        #expect(findings.map(\.code) == [.contentRawHTML, .contentClean], "unknown shortcodes are the validation's")
        #expect(findings[0].postIDs == [1, 2])
        #expect(findings[0].message.hasPrefix("<iframe> kept as HTML in 2 posts"))
        #expect(findings[0].message.hasSuffix("<iframe src=a>"))
        #expect(findings[0].line == 10)
        #expect(findings[1].message.hasPrefix("1 of 4 posts (25.0%)"))
        #expect(CompromiseTally().findings().isEmpty)
    }

    /// Catches the validation reporting a shortcode the renderer shows as code (a false alarm it cannot act on):
    /// both look in inline `<code>`, where WordPress expands shortcodes too, and neither in `<pre>` or a code plugin.
    @Test func codeHoldsNoShortcodes() {
        let content = """
            <pre>$a = "[quote]" . $b . "[/quote]";</pre> <code>[gallery-x id="2"]</code>
            [sourcecode language="php"]echo "[note]x[/note]";[/sourcecode]
            <p>But [note]this[/note] is one.</p>
            """
        #expect(UnknownShortcodeCheck().unknownShortcodes(in: content) == ["gallery-x", "note"])
        #expect(Self.renderer.render(content).compromises.map(\.construct) == ["gallery-x", "note"])
    }
}
