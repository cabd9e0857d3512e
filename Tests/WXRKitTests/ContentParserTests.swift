import Testing
@testable import WXRKit

/// The grammars under the content engine: Gutenberg block delimiters, shortcodes, block attributes.
struct ContentParserTests {
    @Test func blocksNestSelfCloseAndKeepNamespaces() {
        let content = """
            intro
            <!-- wp:group {"layout":{"type":"flex"}} --><div><!-- wp:acme/card {"n":1} /--><!-- wp:paragraph --><p>x</p><!-- /wp:paragraph --></div><!-- /wp:group -->
            """
        let blocks = BlockParser.parse(content)
        #expect(blocks.count == 2)
        #expect(blocks[0].name == nil)
        #expect(blocks[1].name == "core/group")
        #expect(blocks[1].attributes["layout"] == .object(["type": .string("flex")]))
        guard case .block(let card) = blocks[1].content[1], case .block(let paragraph) = blocks[1].content[2] else {
            Issue.record("children missing: \(blocks[1].content)")
            return
        }
        #expect(card.name == "acme/card" && card.content.isEmpty && card.attributes["n"]?.integer == 1)
        #expect(paragraph.name == "core/paragraph" && paragraph.content == [.html("<p>x</p>")])
    }

    @Test func attributesMayHoldClosingBraces() {
        // Gutenberg writes "--" in attributes as \u002d\u002d, so only "} -->" ends the object.
        let blocks = BlockParser.parse(#"<!-- wp:x {"a":"}\u002d\u002d>","b":{"c":[1,2]}} --><p>y</p><!-- /wp:x -->"#)
        #expect(blocks.count == 1)
        #expect(blocks[0].attributes["a"]?.string == "}-->")
        #expect(blocks[0].content == [.html("<p>y</p>")])
    }

    @Test func malformedDelimitersStayComments() {
        // No space after <!--, a capital letter, an unclosed opener, a closer without its opener.
        let blocks = BlockParser.parse("<!--wp:x --><!-- wp:Bad --><!-- /wp:nothing --><!-- wp:open --><p>z</p>")
        #expect(blocks.map(\.name) == [nil, "core/open"])
        #expect(blocks[0].content == [.html("<!--wp:x --><!-- wp:Bad -->")])
    }

    @Test func shortcodeAttributesAllForms() {
        let pieces = Shortcode.split(#"a [gallery ids="1,2" Columns='3' size=large "loose" bare] b"#) { $0 == "gallery" }
        #expect(pieces.count == 3)
        guard case .shortcode(let gallery) = pieces[1] else {
            Issue.record("no shortcode in \(pieces)")
            return
        }
        #expect(gallery.attributes == ["ids": "1,2", "columns": "3", "size": "large"])
        #expect(gallery.positional == ["loose", "bare"])
        #expect(gallery.content == nil)
    }

    @Test func enclosingSelfClosingAndEscaped() {
        let pieces = Shortcode.split("[caption]<img>Cap[/caption][embed /][[caption]]") { ["caption", "embed"].contains($0) }
        #expect(pieces == [
            .shortcode(Shortcode(name: "caption", content: "<img>Cap", source: "[caption]<img>Cap[/caption]")),
            .shortcode(Shortcode(name: "embed", source: "[embed /]")),
            .text("[caption]"),
        ])
    }

    @Test func unknownShortcodeNamesAreCountedNotWords() {
        let names = Shortcode.names(in: "[contact-form-7 id=\"1\"] [sic] [1] [button]Go[/button] [vc_row]")
        #expect(names == ["contact-form-7", "button", "vc_row"])
    }

    @Test func jsonValuesWithEscapes() {
        #expect(JSONValue(parsing: #"{"a":"\u00e9\ud83d\ude00\n\"","b":[true,null,-1.5e2]}"#)
            == .object(["a": .string("é😀\n\""), "b": .array([.bool(true), .null, .number(-150)])]))
        #expect(JSONValue(parsing: #"{"a":}"#) == nil)
        #expect(JSONValue(parsing: "[1,2") == nil)
    }

    @Test func unknownShortcodesAreTheOnesTheEngineKeeps() {
        let content = "[caption]<img>x[/caption] [contact-form-7 id=\"1\"] [php]echo 1;[/php] [vc_row][vc_row] [Contact-Form-7 id=\"2\"]"
        #expect(UnknownShortcodeCheck().unknownShortcodes(in: content) == ["contact-form-7", "vc_row"])
        #expect(UnknownShortcodeCheck().unknownShortcodes(in: "no brackets") == [])
    }
}
