import Testing
@testable import WXRKit

/// Small inputs and the Markdown a person would write for them, one construct at a time.
struct ContentGoldenTests {
    typealias Case = RenderCase

    static let context: ContentContext = {
        var context = ContentContext()
        context.attachments[7] = .init(url: "https://example.org/wp-content/uploads/a.jpg", parentID: 1, alt: "First")
        context.attachments[8] = .init(url: "https://example.org/wp-content/uploads/b.jpg", parentID: 1, alt: "Second", menuOrder: 1)
        context.reusableBlocks[90] = "<!-- wp:paragraph -->\n<p>Reusable text.</p>\n<!-- /wp:paragraph -->"
        return context
    }()

    static let cases: [Case] = [
        // wpautop
        Case(name: "classic paragraphs", input: "First paragraph.\n\nSecond paragraph.", expected: "First paragraph.\n\nSecond paragraph.\n"),
        Case(name: "classic line break", input: "Line one\nline two", expected: "Line one\\\nline two\n"),
        Case(name: "classic blank lines with spaces", input: "A\n \t\nB\r\n\r\nC", expected: "A\n\nB\n\nC\n"),
        Case(name: "classic block not wrapped", input: "Intro\n<h2>Title</h2>\nAfter", expected: "Intro\n\n## Title\n\nAfter\n"),
        Case(name: "classic pre untouched", input: "Text\n\n<pre>a\n\nb\nc</pre>", expected: "Text\n\n```\na\n\nb\nc\n```\n"),
        Case(name: "classic inline markup across newline", input: "Some <em>very\nimportant</em> words", expected: "Some *very\\\nimportant* words\n"),
        Case(name: "classic more marker", input: "Teaser.\n<!--more-->\nRest.", expected: "Teaser.\n\n<!--more-->\n\nRest.\n"),
        Case(name: "classic br kept once", input: "One<br />\nTwo", expected: "One\\\nTwo\n"),
        Case(name: "classic list", input: "<ul>\n\t<li>one</li>\n\t<li>two</li>\n</ul>", expected: "- one\n- two\n"),
        Case(name: "classic blockquote paragraphs", input: "<blockquote>Quoted\n\nTwice</blockquote>", expected: "> Quoted\n>\n> Twice\n"),
        // Gutenberg
        Case(name: "block paragraph and heading", input: "<!-- wp:paragraph -->\n<p>Hello</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:heading {\"level\":3} -->\n<h3 class=\"wp-block-heading\">Head</h3>\n<!-- /wp:heading -->", expected: "Hello\n\n### Head\n"),
        Case(name: "block list ordered with start", input: "<!-- wp:list {\"ordered\":true,\"start\":3} -->\n<ol start=\"3\"><li>c</li><li>d</li></ol>\n<!-- /wp:list -->", expected: "3. c\n4. d\n"),
        Case(name: "block nested list", input: "<!-- wp:list -->\n<ul><li>a<ul><li>a1</li></ul></li><li>b</li></ul>\n<!-- /wp:list -->", expected: "- a\n  - a1\n- b\n"),
        Case(name: "block quote with cite", input: "<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\"><p>Words</p><cite>Someone</cite></blockquote>\n<!-- /wp:quote -->", expected: "> Words\n>\n> <cite>Someone</cite>\n"),
        Case(name: "block image with caption", input: "<!-- wp:image {\"id\":7} -->\n<figure class=\"wp-block-image\"><img src=\"https://example.org/a.jpg\" alt=\"A cat\"/><figcaption>The cat</figcaption></figure>\n<!-- /wp:image -->", expected: "![A cat](https://example.org/a.jpg)\n\nThe cat\n"),
        Case(name: "block code", input: "<!-- wp:code -->\n<pre class=\"wp-block-code\"><code>if a &lt; b {\n  print(\"`x`\")\n}</code></pre>\n<!-- /wp:code -->", expected: "```\nif a < b {\n  print(\"`x`\")\n}\n```\n"),
        Case(name: "block verse", input: "<!-- wp:verse -->\n<pre class=\"wp-block-verse\">Roses are red\nViolets are blue</pre>\n<!-- /wp:verse -->", expected: "Roses are red\\\nViolets are blue\n"),
        Case(name: "block separator and spacer", input: "<!-- wp:paragraph --><p>a</p><!-- /wp:paragraph --><!-- wp:spacer {\"height\":50} --><div style=\"height:50px\" aria-hidden=\"true\" class=\"wp-block-spacer\"></div><!-- /wp:spacer --><!-- wp:separator --><hr class=\"wp-block-separator\"/><!-- /wp:separator --><!-- wp:paragraph --><p>b</p><!-- /wp:paragraph -->", expected: "a\n\n---\n\nb\n"),
        Case(name: "block embed youtube as link", input: "<!-- wp:embed {\"url\":\"https://www.youtube.com/watch?v=abc123XYZ00\",\"type\":\"video\",\"providerNameSlug\":\"youtube\"} -->\n<figure class=\"wp-block-embed\"><div class=\"wp-block-embed__wrapper\">\nhttps://www.youtube.com/watch?v=abc123XYZ00\n</div></figure>\n<!-- /wp:embed -->", expected: "<https://www.youtube.com/watch?v=abc123XYZ00>\n"),
        Case(name: "block embed youtube for hugo", input: "<!-- wp:embed {\"url\":\"https://youtu.be/abc123XYZ00\"} -->\n<figure><div>https://youtu.be/abc123XYZ00</div></figure>\n<!-- /wp:embed -->", expected: "{{< youtube abc123XYZ00 >}}\n", options: RenderOptions(embeds: .hugo)),
        Case(name: "block more", input: "<!-- wp:paragraph --><p>Top</p><!-- /wp:paragraph -->\n<!-- wp:more -->\n<!--more-->\n<!-- /wp:more -->\n<!-- wp:paragraph --><p>Bottom</p><!-- /wp:paragraph -->", expected: "Top\n\n<!--more-->\n\nBottom\n"),
        Case(name: "block columns flattened", input: "<!-- wp:columns --><div class=\"wp-block-columns\"><!-- wp:column --><div class=\"wp-block-column\"><!-- wp:paragraph --><p>Left</p><!-- /wp:paragraph --></div><!-- /wp:column --><!-- wp:column --><div class=\"wp-block-column\"><!-- wp:paragraph --><p>Right</p><!-- /wp:paragraph --></div><!-- /wp:column --></div><!-- /wp:columns -->", expected: "Left\n\nRight\n"),
        Case(name: "block buttons as links", input: "<!-- wp:buttons --><div class=\"wp-block-buttons\"><!-- wp:button --><div class=\"wp-block-button\"><a class=\"wp-block-button__link\" href=\"https://example.org/join\">Join us</a></div><!-- /wp:button --></div><!-- /wp:buttons -->", expected: "[Join us](https://example.org/join)\n"),
        Case(name: "block html raw", input: "<!-- wp:html -->\n<div class=\"custom\"><span>raw</span></div>\n<!-- /wp:html -->", expected: "raw\n"),
        Case(name: "block reusable inlined", input: "<!-- wp:block {\"ref\":90} /-->", expected: "Reusable text.\n"),
        Case(name: "block unknown namespaced keeps inner", input: "<!-- wp:acme/notice {\"kind\":\"info\"} -->\n<div class=\"notice\"><p>Heads up</p></div>\n<!-- /wp:acme/notice -->", expected: "Heads up\n"),
        Case(name: "block dynamic self-closing leaves nothing", input: "<!-- wp:latest-posts {\"postsToShow\":3} /-->\n<!-- wp:paragraph --><p>After</p><!-- /wp:paragraph -->", expected: "After\n"),
        Case(name: "block table", input: "<!-- wp:table --><figure class=\"wp-block-table\"><table><thead><tr><th>Year</th><th>Count</th></tr></thead><tbody><tr><td>2022</td><td>5 | 6</td></tr></tbody></table></figure><!-- /wp:table -->", expected: "| Year | Count |\n| --- | --- |\n| 2022 | 5 \\| 6 |\n"),
        // Shortcodes
        Case(name: "caption shortcode", input: "[caption id=\"attachment_7\" align=\"aligncenter\" width=\"300\"]<img src=\"https://example.org/a.jpg\" alt=\"Cat\" /> A cat, sleeping[/caption]", expected: "![Cat](https://example.org/a.jpg)\n\nA cat, sleeping\n"),
        Case(name: "caption shortcode with link", input: "[caption]<a href=\"https://example.org/big.jpg\"><img src=\"https://example.org/a.jpg\" alt=\"\"></a>Big one[/caption]", expected: "[![](https://example.org/a.jpg)](https://example.org/big.jpg)\n\nBig one\n"),
        Case(name: "gallery by ids", input: "[gallery ids=\"8,7\"]", expected: "![Second](https://example.org/wp-content/uploads/b.jpg) ![First](https://example.org/wp-content/uploads/a.jpg)\n"),
        Case(name: "gallery of the post's attachments", input: "[gallery columns=\"2\"]", expected: "![First](https://example.org/wp-content/uploads/a.jpg) ![Second](https://example.org/wp-content/uploads/b.jpg)\n"),
        Case(name: "embed shortcode", input: "[embed]https://vimeo.com/123456[/embed]", expected: "<https://vimeo.com/123456>\n"),
        Case(name: "bare URL on its own line", input: "Watch:\n\nhttps://www.youtube.com/watch?v=abc123XYZ00\n\nGood.", expected: "Watch:\n\n<https://www.youtube.com/watch?v=abc123XYZ00>\n\nGood.\n"),
        Case(name: "bare URL embed as player", input: "https://www.youtube.com/watch?v=abc123XYZ00", expected: "<iframe src=\"https://www.youtube-nocookie.com/embed/abc123XYZ00\" width=\"560\" height=\"315\" frameborder=\"0\" allowfullscreen=\"\">\n</iframe>\n", options: RenderOptions(embeds: .html)),
        Case(name: "code shortcode with language", input: "[code language=\"python\"]\ndef f(x):\n    return x < 2\n\nprint(f(1))[/code]", expected: "```python\ndef f(x):\n    return x < 2\n\nprint(f(1))\n```\n"),
        Case(name: "language shortcode", input: "[php]echo \"[b]\";[/php]", expected: "```php\necho \"[b]\";\n```\n"),
        Case(name: "code shortcode without closer kept as written", input: "As [source url='https://example.org' n=2] says, and [code] too.", expected: "As \\[source url='https://example.org' n=2\\] says, and \\[code\\] too.\n"),
        Case(name: "codecolorer with entities decoded once", input: "[cce_php]echo &quot;a&lt;b&quot;;[/cce_php]", expected: "```php\necho \"a<b\";\n```\n"),
        Case(name: "escaped shortcode", input: "Type [[gallery]] to show one.", expected: "Type \\[gallery\\] to show one.\n"),
        Case(name: "unknown shortcode kept", input: "[contact-form-7 id=\"12\" title=\"Contact\"]", expected: "\\[contact-form-7 id=\"12\" title=\"Contact\"\\]\n"),
        Case(name: "audio shortcode", input: "[audio mp3=\"https://example.org/talk.mp3\"]", expected: "<https://example.org/talk.mp3>\n"),
        Case(name: "video shortcode as html", input: "[video src=\"https://example.org/clip.mp4\"]", expected: "<video controls=\"\" src=\"https://example.org/clip.mp4\">\n</video>\n", options: RenderOptions(embeds: .html)),
        // HTML to Markdown
        Case(name: "emphasis and strong", input: "<p>a <strong>bold</strong> and <em>soft</em> word</p>", expected: "a **bold** and *soft* word\n"),
        Case(name: "emphasis spaces moved outside", input: "<p>a<strong> bold </strong>b</p>", expected: "a **bold** b\n"),
        Case(name: "emphasis before letters after punctuation", input: "<p>x<strong>\"quoted\"</strong>y</p>", expected: "x<strong>\"quoted\"</strong>y\n"),
        Case(name: "link with title", input: "<p><a href=\"https://example.org/a_b\" title=\"A &quot;title&quot;\">the link</a></p>", expected: "[the link](https://example.org/a_b \"A \\\"title\\\"\")\n"),
        Case(name: "link with spaces and parens", input: "<p><a href=\"https://example.org/a b(c\">x</a></p>", expected: "[x](<https://example.org/a b(c>)\n"),
        Case(name: "autolink", input: "<p><a href=\"https://example.org/\">https://example.org/</a></p>", expected: "<https://example.org/>\n"),
        Case(name: "image with title", input: "<p><img src=\"https://example.org/i.png\" alt=\"An [odd] alt\" title=\"Hover\"></p>", expected: "![An \\[odd\\] alt](https://example.org/i.png \"Hover\")\n"),
        Case(name: "inline code with backticks", input: "<p>Use <code>a`b</code> here</p>", expected: "Use ``a`b`` here\n"),
        Case(name: "code block language from class", input: "<pre><code class=\"language-swift\">let x = 1</code></pre>", expected: "```swift\nlet x = 1\n```\n"),
        Case(name: "code block with fence inside", input: "<pre>```\ninner\n```</pre>", expected: "````\n```\ninner\n```\n````\n"),
        Case(name: "syntaxhighlighter brush", input: "<pre class=\"brush: js; gutter: false\">var a = 1;</pre>", expected: "```js\nvar a = 1;\n```\n"),
        Case(name: "ordered list start", input: "<ol start=\"7\"><li>seven</li><li>eight</li></ol>", expected: "7. seven\n8. eight\n"),
        Case(name: "adjacent lists stay apart", input: "<ul><li>a</li></ul><ul><li>b</li></ul>", expected: "- a\n\n* b\n"),
        Case(name: "loose list item", input: "<ul><li><p>one</p><p>more</p></li><li>two</li></ul>", expected: "- one\n\n  more\n\n- two\n"),
        Case(name: "nested blockquote", input: "<blockquote><p>outer</p><blockquote><p>inner</p></blockquote></blockquote>", expected: "> outer\n>\n> > inner\n"),
        Case(name: "headings levels", input: "<h1>One</h1><h6>Six</h6>", expected: "# One\n\n###### Six\n"),
        Case(name: "hr", input: "<p>a</p><hr><p>b</p>", expected: "a\n\n---\n\nb\n"),
        Case(name: "entities decoded", input: "<p>caf&eacute; &amp; &#8220;quotes&#8221; &hellip;</p>", expected: "café & “quotes” …\n"),
        Case(name: "markdown specials escaped", input: "<p>2*3*4 = [x] _y_ `z` &lt;b&gt; \\ #tag</p>", expected: "2\\*3\\*4 = \\[x\\] \\_y\\_ \\`z\\` \\<b> \\\\ #tag\n"),
        Case(name: "snake_case left alone", input: "<p>call my_function_name now</p>", expected: "call my_function_name now\n"),
        Case(name: "line start markers escaped", input: "<p># not a heading</p><p>- not a list</p><p>2022. A year</p><p>&gt; not a quote</p><p>+ plus</p>", expected: "\\# not a heading\n\n\\- not a list\n\n2022\\. A year\n\n\\> not a quote\n\n\\+ plus\n"),
        Case(name: "line start after break escaped", input: "<p>Intro<br>1. not a list</p>", expected: "Intro\\\n1\\. not a list\n"),
        Case(name: "table without header gets an empty one", input: "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>", expected: "| | |\n| --- | --- |\n| a | b |\n| c | d |\n"),
        Case(name: "table with colspan is raw html", input: "<table><tr><td colspan=\"2\">wide</td></tr><tr><td>a</td><td>b</td></tr></table>", expected: "<table>\n<tr><td colspan=\"2\">wide</td></tr><tr><td>a</td><td>b</td></tr></table>\n"),
        Case(name: "iframe raw", input: "<iframe src=\"https://maps.example.org/embed?x=1&amp;y=2\" width=\"600\"></iframe>", expected: "<iframe src=\"https://maps.example.org/embed?x=1&amp;y=2\" width=\"600\">\n</iframe>\n"),
        Case(name: "iframe as text by option", input: "<iframe src=\"https://maps.example.org/embed\"></iframe>", expected: "<https://maps.example.org/embed>\n", options: RenderOptions(unsupportedHTML: .text)),
        Case(name: "raw html block has no blank line", input: "<form action=\"/s\">\n\n<input name=\"q\">\n\n</form>", expected: "<form action=\"/s\">\n<p><input name=\"q\"></p></form>\n"),
        Case(name: "sup and sub raw inline", input: "<p>H<sub>2</sub>O and E=mc<sup>2</sup></p>", expected: "H<sub>2</sub>O and E=mc<sup>2</sup>\n"),
        Case(name: "styled span kept by option", input: "<p><span style=\"color: #ff0000\">red</span> and <span>plain</span></p>", expected: "<span style=\"color: #ff0000\">red</span> and plain\n", options: RenderOptions(keepStyles: true)),
        Case(name: "styled span unwrapped", input: "<p><span style=\"color: #ff0000\">red</span> and <span>plain</span></p>", expected: "red and plain\n"),
        Case(name: "nbsp paragraph dropped", input: "<p>a</p><p>&nbsp;</p><p>b</p>", expected: "a\n\nb\n"),
        Case(name: "double br is a paragraph", input: "one<br><br>two", expected: "one\n\ntwo\n"),
        Case(name: "html comment dropped", input: "<p>a<!-- note --> b</p>", expected: "a b\n"),
        Case(name: "anchor kept", input: "<p><a id=\"top\"></a>Top</p>", expected: "<a id=\"top\"></a>Top\n"),
        Case(name: "script passes through", input: "<script>if (a < b && c) { x(); }</script>", expected: "<script>if (a < b && c) { x(); }</script>\n"),
    ]

    @Test(arguments: cases)
    func converts(_ example: Case) {
        let renderer = ContentRenderer(options: example.options, context: Self.context)
        let markdown = renderer.render(example.input, postID: 1).markdown
        #expect(markdown == example.expected, "\(example.name)")
    }
}
