import Foundation
import Testing
@testable import WXRKit

/// `link.unresolved`: links to the old site that match nothing in the export, found alike by `wxr validate`
/// (ExportValidator) and by every conversion (ValidatingExporter), whatever the format.
@Suite struct UnresolvedLinkCheckTests {
    /// A site at blog.example.org. Post 1 links to an old `/blog/archives/12` address that matches nothing, and
    /// to much that does; post 2 links to post 3 by its permalink before post 3 is read; post 3 links back by
    /// `?p=2`. The trashed post 4 exists (links to it resolve) and its own dead link is nobody's reading.
    static let export = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel>
        <title>Links</title>
        <link>https://blog.example.org</link>
        <wp:wxr_version>1.2</wp:wxr_version>
        <wp:base_site_url>https://blog.example.org</wp:base_site_url>
        <wp:base_blog_url>https://blog.example.org</wp:base_blog_url>
        <wp:category><wp:term_id>5</wp:term_id><wp:category_nicename>news</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>News</wp:cat_name></wp:category>
        <item><title>Dead link</title>
        <link>https://blog.example.org/2020/01/01/dead-link/</link><wp:post_id>1</wp:post_id><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
        <content:encoded><![CDATA[<p>See <a href="https://blog.example.org/blog/archives/12">the old page</a>, \
        <a href="http://www.blog.example.org/blog/archives/12/">twice</a>, <a href="/category/news/">news</a>, \
        <a href="https://blog.example.org/2019/">2019</a>, <a href="https://blog.example.org/2020/01/04/trashed/">trash</a>, \
        <a href="https://elsewhere.example.com/blog/archives/12">elsewhere</a>, \
        <img src="https://blog.example.org/wp-content/uploads/2020/01/a.jpg" srcset="https://blog.example.org/wp-content/uploads/2020/01/a-300x200.jpg 300w"></p>
        <!-- <a href="https://blog.example.org/blog/archives/13">commented out</a> -->]]></content:encoded></item>
        <item><title>Permalink</title>
        <link>https://blog.example.org/2020/01/02/permalink/</link><wp:post_id>2</wp:post_id><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
        <content:encoded><![CDATA[Next: <a href='https://blog.example.org/2020/01/03/by-id/'>later</a>]]></content:encoded></item>
        <item><title>By id</title>
        <link>https://blog.example.org/2020/01/03/by-id/</link><wp:post_id>3</wp:post_id><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
        <content:encoded><![CDATA[Back: <a href="https://blog.example.org/?cat=1&amp;p=2">first</a>]]></content:encoded></item>
        <item><title>Trashed</title>
        <link>https://blog.example.org/2020/01/04/trashed/</link><wp:post_id>4</wp:post_id><wp:status>trash</wp:status><wp:post_type>post</wp:post_type>
        <content:encoded><![CDATA[<a href="https://blog.example.org/blog/archives/99">gone</a>]]></content:encoded></item>
        </channel>
        </rss>

        """

    /// The line of post 1's `<item>`, counted in the text itself.
    static var deadLinkLine: Int {
        export.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("<item><title>Dead link") }! + 1
    }

    static func validated(_ xml: String = export) throws -> ValidationReport {
        let reader = try WXRReader(bytes: Array(xml.utf8), name: "links.xml")
        var validator = ExportValidator(contentCheck: UnknownShortcodeCheck())
        while let entity = try reader.next() {
            validator.add(readerFindings: reader.takeNewFindings())
            validator.inspect(entity)
        }
        return validator.makeReport(inputName: "links.xml")
    }

    static func converted(to format: String, _ xml: String = export) throws -> ValidationReport {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wxr-links-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let inner: any Exporter = format == "markdown"
            ? try MarkdownSiteExporter(path: directory.appendingPathComponent("site").path)
            : try JSONExporter(output: .file(path: directory.appendingPathComponent("site.json").path, replacing: false))
        let exporter = ValidatingExporter(wrapping: inner, inputName: "links.xml", contentCheck: UnknownShortcodeCheck())
        try WXRReader(bytes: Array(xml.utf8), name: "links.xml").export(to: exporter)
        return exporter.report
    }

    static func unresolved(_ report: ValidationReport) -> [Finding] {
        report.findings.findings.filter { $0.code == "link.unresolved" }
    }

    /// The bug: `/blog/archives/NN` links were notes of the Markdown conversion only, and `wxr validate` said
    /// nothing of them.
    @Test func validationReportsExactlyTheLinkThatMatchesNothing() throws {
        let report = try Self.validated()
        let findings = Self.unresolved(report)
        #expect(findings.count == 1, "\(findings)")
        let finding = try #require(findings.first)
        #expect(finding.entity == .post(id: 1))
        #expect(finding.line == Self.deadLinkLine)
        #expect(finding.severity == .warning)
        #expect(finding.message == "1 link to the old site matches nothing in the export: https://blog.example.org/blog/archives/12")
        #expect(finding.action == "left pointing at the old site")
        #expect(report.items[1].map { [$0.title, $0.type, $0.status] } == ["Dead link", "post", "publish"])
    }

    /// The bug: two implementations, one per command, could disagree; now every conversion reports what
    /// `wxr validate` does, finding for finding.
    @Test(arguments: ["json", "markdown"])
    func everyConversionReportsWhatValidationReports(format: String) throws {
        let validated = Self.unresolved(try Self.validated())
        let converted = Self.unresolved(try Self.converted(to: format))
        #expect(!validated.isEmpty)
        #expect(converted == validated)
    }

    @Test func severalLinksAreCountedAndListedInOneFindingPerPost() throws {
        let xml = Self.export.replacingOccurrences(of: "<a href=\"/category/news/\">", with: "<a href=\"/no/such/page/\">")
        let findings = Self.unresolved(try Self.validated(xml))
        #expect(findings.map(\.message) == [
            "2 links to the old site match nothing in the export: https://blog.example.org/blog/archives/12, /no/such/page/",
        ])
    }

    /// The site shows approved comments, so their links count too; spam's do not.
    @Test func approvedCommentsAreReadAndSpamIsNot() throws {
        let comment = { (approved: String, path: String) in
            "<wp:comment><wp:comment_id>\(path.count)</wp:comment_id><wp:comment_approved>\(approved)</wp:comment_approved>"
                + "<wp:comment_content><![CDATA[<a href=\"https://blog.example.org/\(path)/\">x</a>]]></wp:comment_content></wp:comment>"
        }
        let xml = Self.export.replacingOccurrences(
            of: "<content:encoded><![CDATA[Next:",
            with: comment("1", "approved-dead") + comment("spam", "spam-dead") + "<content:encoded><![CDATA[Next:")
        let findings = Self.unresolved(try Self.validated(xml))
        #expect(findings.map(\.entity) == [.post(id: 1), .post(id: 2)])
        #expect(findings.last?.message == "1 link to the old site matches nothing in the export: https://blog.example.org/approved-dead/")
    }

    /// The report keeps the first 200 findings of a code and counts the rest: it describes the posts of those
    /// it keeps, not thousands more that no finding shown names.
    @Test func theReportDescribesThePostsOfTheFindingsItKeeps() throws {
        let items = (1001...1230).map { id in
            "<item><title>Post \(id)</title><wp:post_id>\(id)</wp:post_id><wp:status>publish</wp:status>"
                + "<wp:post_date>2020-01-01 00:00:00</wp:post_date>"
                + "<content:encoded><![CDATA[<a href=\"/blog/archives/\(id)\">old</a>]]></content:encoded></item>\n"
        }.joined()
        let xml = Self.export.replacingOccurrences(of: "<item><title>Dead link</title>", with: items + "<item><title>Dead link</title>")
        let report = try Self.validated(xml)
        #expect(report.findings.count(of: "link.unresolved") == 231)
        #expect(Self.unresolved(report).count == 200)
        #expect(Set(Self.unresolved(report).compactMap(\.entity?.postID)) == Set(1001...1200))
        // The fixture's three published posts have no date: their post.zero-date findings name them too.
        #expect(report.items.count == 203)
        #expect(Set(report.items.keys) == Set(report.findings.findings.compactMap(\.entity?.postID)))
    }

    /// A link forward is held until the end, then judged like any other: post 3 at another address leaves
    /// post 2's link to the old one matching nothing.
    @Test func aLinkForwardIsJudgedAgainstTheWholeExport() throws {
        let withoutLater = Self.export.replacingOccurrences(of: "https://blog.example.org/2020/01/03/by-id/</link>", with: "https://blog.example.org/2020/01/03/renamed/</link>")
        let findings = Self.unresolved(try Self.validated(withoutLater))
        #expect(findings.map(\.entity) == [.post(id: 1), .post(id: 2)])
        #expect(findings.last?.message.hasSuffix(": https://blog.example.org/2020/01/03/by-id/") == true)
    }
}
