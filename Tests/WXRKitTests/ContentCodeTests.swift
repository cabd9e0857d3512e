import Foundation
import Testing
@testable import WXRKit

/// Code as the highlighter plugins, the editors and the code block leave it, and the fence a reader should get:
/// LF line ends, the characters the browser showed, the language through every wrapping.
struct ContentCodeTests {
    typealias Case = RenderCase

    static func markdown(_ input: String) -> String {
        ContentRenderer().render(input, postID: 1).markdown
    }

    // Each would catch a CR left at a line end, or a blank line left at the end of the fence.
    static let lineEnds: [Case] = [
        Case(name: "pre with CRLF", input: "<pre>first\r\nsecond\r\n</pre>", expected: "```\nfirst\nsecond\n```\n"),
        Case(name: "pre code with lone CR", input: "<pre><code>up\rdown\r</code></pre>", expected: "```\nup\ndown\n```\n"),
        Case(name: "sourcecode shortcode with CRLF", input: "[sourcecode language=\"ruby\"]\r\nputs 1\r\n\r\nputs 2\r\n[/sourcecode]",
             expected: "```ruby\nputs 1\n\nputs 2\n```\n"),
        Case(name: "wp:code block with CRLF", input: "<!-- wp:code -->\r\n<pre class=\"wp-block-code\"><code>x = 1\r\ny = 2\r\n</code></pre>\r\n<!-- /wp:code -->",
             expected: "```\nx = 1\ny = 2\n```\n"),
        Case(name: "WP-Syntax pre with CRLF", input: "<pre lang=\"c\">\r\nint a;\r\nint b;\r\n</pre>", expected: "```c\nint a;\nint b;\n```\n"),
    ]

    // Each would catch code shown escaped (`-&gt;`) where the browser showed `->`, or decoded twice.
    static let entities: [Case] = [
        Case(name: "WP-Syntax body from the visual editor", input: "<pre lang=\"c\">n-&gt;next = a &lt; b &amp;&amp; c;</pre>",
             expected: "```c\nn->next = a < b && c;\n```\n"),
        Case(name: "WP-Syntax raw body stays literal", input: "<pre lang=\"php\">if ($a < $b) echo \"&lt;br&gt;\";</pre>",
             expected: "```php\nif ($a < $b) echo \"&lt;br&gt;\";\n```\n"),
        Case(name: "WP-Syntax escaped flag", input: "<pre lang=\"php\" escaped=\"true\">&lt;?php echo 1; ?&gt;</pre>",
             expected: "```php\n<?php echo 1; ?>\n```\n"),
        Case(name: "sourcecode body from the visual editor", input: "[sourcecode]if (a &lt; b &amp;&amp; c) say(&quot;hi&quot;);[/sourcecode]",
             expected: "```\nif (a < b && c) say(\"hi\");\n```\n"),
        Case(name: "code shortcode raw body stays literal", input: "[code]x = \"&amp;\" if a > b[/code]",
             expected: "```\nx = \"&amp;\" if a > b\n```\n"),
        Case(name: "sourcecode with the visual editor's own tags decoded once", input: "[sourcecode]<p>x-&gt;y<br />\nz &amp;= 1</p>[/sourcecode]",
             expected: "```\n<p>x->y<br />\nz &= 1</p>\n```\n"),
        Case(name: "code shortcode with an arrow typed raw stays literal", input: "[code]$p->q = \"&lt;b&gt;\";[/code]",
             expected: "```\n$p->q = \"&lt;b&gt;\";\n```\n"),
        Case(name: "code shortcode escaped twice decoded once", input: "[code]&amp;lt;div&amp;gt;[/code]",
             expected: "```\n&lt;div&gt;\n```\n"),
        Case(name: "pre holding escaped HTML", input: "<pre>&lt;div class=&quot;box&quot;&gt;&lt;/div&gt;</pre>",
             expected: "```\n<div class=\"box\"></div>\n```\n"),
        Case(name: "pre escaped twice shows one escape", input: "<pre>&amp;lt;b&amp;gt;</pre>", expected: "```\n&lt;b&gt;\n```\n"),
        Case(name: "pre with highlighting spans shows the text", input: "<pre><span style=\"color:red\">x</span> = <span class=\"num\">1</span></pre>",
             expected: "```\nx = 1\n```\n"),
        Case(name: "pre code escaped", input: "<pre><code>a &lt;= b</code></pre>", expected: "```\na <= b\n```\n"),
        Case(name: "code block with a lang code from the visual editor", input: "<pre class=\"wp-block-code\"><code lang=\"cpp\">p-&gt;q;\nr &amp;= 1;</code></pre>",
             expected: "```cpp\np->q;\nr &= 1;\n```\n"),
    ]

    // Each would catch a language lost to a wrapper, or written as typed rather than lowercased.
    static let languages: [Case] = [
        Case(name: "sourcecode inside pre", input: "<pre>[sourcecode language=\"ruby\"]\nputs :a\n[/sourcecode]</pre>", expected: "```ruby\nputs :a\n```\n"),
        Case(name: "brush class", input: "<pre class=\"brush: ruby\">puts :b</pre>", expected: "```ruby\nputs :b\n```\n"),
        Case(name: "brush class without space, more options", input: "<pre class=\"brush:ruby; gutter:false\">puts :c</pre>",
             expected: "```ruby\nputs :c\n```\n"),
        Case(name: "language class on code", input: "<pre><code class=\"language-Ruby\">puts :d</code></pre>", expected: "```ruby\nputs :d\n```\n"),
        Case(name: "block code with a lang code", input: "<pre class=\"wp-block-code\"><code lang=\"ruby\">puts :e\nputs :f</code></pre>",
             expected: "```ruby\nputs :e\nputs :f\n```\n"),
        Case(name: "wp:code language attribute", input: "<!-- wp:code {\"language\":\"Ruby\"} -->\n<pre class=\"wp-block-code\"><code>puts :g</code></pre>\n<!-- /wp:code -->",
             expected: "```ruby\nputs :g\n```\n"),
        Case(name: "code lang unquoted", input: "[code lang=ruby]puts :h[/code]", expected: "```ruby\nputs :h\n```\n"),
        Case(name: "code language quoted", input: "[code language=\"RUBY\"]puts :i[/code]", expected: "```ruby\nputs :i\n```\n"),
        Case(name: "php shortcode", input: "[php]echo $j;[/php]", expected: "```php\necho $j;\n```\n"),
        Case(name: "js shortcode", input: "[js]let k = 1;[/js]", expected: "```js\nlet k = 1;\n```\n"),
        Case(name: "ruby shortcode", input: "[ruby]puts :l[/ruby]", expected: "```ruby\nputs :l\n```\n"),
        Case(name: "CodeColorer cc lang", input: "[cc lang=\"php\"]\necho $m;\n[/cc]", expected: "```php\necho $m;\n```\n"),
        Case(name: "WP-Syntax with line numbers", input: "<pre lang=\"PHP\" line=\"1\">echo $n;</pre>", expected: "```php\necho $n;\n```\n"),
        Case(name: "Crayon lang class", input: "<pre class=\"lang:php decode:true\">echo $o;</pre>", expected: "```php\necho $o;\n```\n"),
    ]

    @Test(arguments: lineEnds + entities + languages)
    func converts(_ example: Case) {
        #expect(Self.markdown(example.input) == example.expected, "\(example.name)")
    }

    /// Every CR gone from every code path at once: the corpus's CRLF exports mix them all.
    @Test func markdownHasNoCarriageReturn() {
        let input = (Self.lineEnds + Self.entities + Self.languages).map(\.input).joined(separator: "\r\n\r\n")
        #expect(!Self.markdown(input).contains("\r"))
    }

    // MARK: Read back by cmark

    struct Reading: CustomTestStringConvertible, Sendable {
        var input: String
        var language: String?
        /// The characters the `<code>` of cmark's HTML holds, decoded.
        var code: String
        var testDescription: String { input }
    }

    static let readings: [Reading] = [
        Reading(input: "<pre lang=\"c\">n-&gt;next = a &lt; b &amp;&amp; c;</pre>", language: "c", code: "n->next = a < b && c;\n"),
        Reading(input: "[sourcecode language=\"ruby\"]\r\nx = \"a\" &lt;&lt; b\r\n[/sourcecode]", language: "ruby", code: "x = \"a\" << b\n"),
        Reading(input: "<pre>&lt;div&gt;\r\n```\r\n&lt;/div&gt;\r\n</pre>", language: nil, code: "<div>\n```\n</div>\n"),
        Reading(input: "[code]&amp;lt;b&amp;gt;[/code]", language: nil, code: "&lt;b&gt;\n"),
        Reading(input: "<!-- wp:code {\"language\":\"Python\"} -->\n<pre class=\"wp-block-code\"><code>if a &gt; b:\n    pass</code></pre>\n<!-- /wp:code -->",
                language: "python", code: "if a > b:\n    pass\n"),
    ]

    /// A CommonMark reader other than ours gets the code and the language back: catches a fence or info string that
    /// only looks right.
    @Test(.enabled(if: Externals.tool("cmark-gfm", "cmark") != nil, "skipped: needs cmark-gfm or cmark (Debian packages)"), arguments: readings)
    func cmarkReadsTheCode(_ reading: Reading) throws {
        let html = try run(Externals.tool("cmark-gfm", "cmark")!, [], stdin: Self.markdown(reading.input)).stdout
        let open = reading.language.map { "<pre><code class=\"language-\($0)\">" } ?? "<pre><code>"
        let start = try #require(html.range(of: open), "\(html)")
        let end = try #require(html.range(of: "</code></pre>", range: start.upperBound..<html.endIndex))
        // cmark escapes exactly these four in code.
        let code = html[start.upperBound..<end.lowerBound].replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&amp;", with: "&")
        #expect(code == reading.code)
    }
}
