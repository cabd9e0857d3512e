import Testing
@testable import WXRKit

/// Post HTML as a browser reads it: lowercase names, decoded text, unclosed and misnested tags repaired, and
/// nesting deep enough to exhaust a stack flattened.
@Suite struct HTMLParserTests {
    static func element(_ nodes: [HTMLNode], at index: Int = 0) -> HTMLElement? {
        guard nodes.indices.contains(index), case .element(let element) = nodes[index] else { return nil }
        return element
    }

    @Test func namesAreLowercaseAndAttributesKeepTheirOrder() throws {
        let nodes = HTMLParser.parse(#"<P CLASS="a b" Id=x data-Z='1'>Hi</P>"#)
        let p = try #require(Self.element(nodes))
        #expect(p.name == "p")
        #expect(p.attributes.map(\.name) == ["class", "id", "data-z"])
        #expect(p.classes == ["a", "b"])
        #expect(p[attribute: "id"] == "x")
        #expect(p.children == [.text("Hi")])
    }

    @Test func textIsDecodedAndCommentsKept() {
        let nodes = HTMLParser.parse("a &amp; b &lt;c&gt; &eacute;&#8217;&nbsp;<!-- more -->")
        #expect(nodes == [.text("a & b <c> é’\u{A0}"), .comment(" more ")])
    }

    @Test func unclosedParagraphsCloseAsInABrowser() throws {
        let nodes = HTMLParser.parse("<p>one<p>two<ul><li>x<li>y</ul>")
        #expect(nodes.compactMap { Self.element([$0])?.name } == ["p", "p", "ul"])
        let list = try #require(Self.element(nodes, at: 2))
        #expect(list.children.compactMap { Self.element([$0])?.textContent } == ["x", "y"])
    }

    @Test func referencesBrowsersReadOtherwise() {
        // C1 controls as Windows-1252, as browsers do; a surrogate or NUL becomes U+FFFD.
        #expect(HTMLParser.parse("&#x85;&#150;") == [.text("…–")])
        #expect(HTMLParser.parse("a&#xD800;b&#0;c") == [.text("a\u{FFFD}b\u{FFFD}c")])
        // Legacy names without their semicolon are read; a longer name, or a query's `&copy=`, is not one.
        #expect(HTMLParser.parse("&lt/script&gt &amp &copy 2009") == [.text("</script> & © 2009")])
        #expect(HTMLParser.parse("&ltx &copyright &lt;b&gt;") == [.text("&ltx &copyright <b>")])
        let link = HTMLParser.parse(#"<a href="/?a=1&copy=2&lt">x</a>"#)
        #expect(Self.element(link)?[attribute: "href"] == "/?a=1&copy=2<")
    }

    @Test func cdataInHTMLIsABogusComment() {
        let nodes = HTMLParser.parse("x<![CDATA[hidden]]>y")
        #expect(!nodes.contains(.text("hidden")))
        #expect(nodes.contains { if case .text(let text) = $0 { text.contains("x") } else { false } })
    }

    @Test func hostileNestingIsFlattenedNotACrash() {
        let depth = 10_000
        let nodes = HTMLParser.parse(String(repeating: "<div>", count: depth) + "deep" + String(repeating: "</div>", count: depth))
        var deepest = 0
        func walk(_ nodes: [HTMLNode], _ level: Int) {
            deepest = max(deepest, level)
            for case .element(let element) in nodes { walk(element.children, level + 1) }
        }
        walk(nodes, 0)
        #expect(deepest <= HTMLParser.maximumDepth + 1)
        #expect(nodes.map { node -> String in if case .element(let e) = node { e.textContent } else { "" } }.joined().contains("deep"))
    }

    @Test func emptyInputIsNothing() {
        #expect(HTMLParser.parse("").isEmpty)
    }
}
