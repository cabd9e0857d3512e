import Foundation
import Testing
@testable import WXRKit

/// The validator's checks, each on a small export of our own, and the report in every format.
@Suite struct ValidationTests {
    static func item(
        _ id: Int, type: String = "post", status: String = "publish", title: String = "A title",
        date: String = "2022-10-11 10:30:00", parent: Int = 0, password: String = "", creator: String = "niamh",
        content: String = "Text", extra: String = ""
    ) -> String {
        """
        <item>
        <title>\(title)</title>
        <dc:creator>\(creator)</dc:creator>
        <content:encoded><![CDATA[\(content)]]></content:encoded>
        <wp:post_id>\(id)</wp:post_id>
        <wp:post_date>\(date)</wp:post_date>
        <wp:status>\(status)</wp:status>
        <wp:post_parent>\(parent)</wp:post_parent>
        <wp:post_type>\(type)</wp:post_type>
        <wp:post_password>\(password)</wp:post_password>
        \(extra)
        </item>

        """
    }

    static let author = "<wp:author><wp:author_login>niamh</wp:author_login></wp:author>\n"

    static func validate(_ items: String, version: String? = "1.2", check: (any ContentConversionCheck)? = nil) throws -> ValidationReport {
        let channel = (version.map { "<wp:wxr_version>\($0)</wp:wxr_version>\n" } ?? "") + author
        let reader = try WXRReader(bytes: RecoveryTests.export(items, channel: channel), name: "fixture.xml")
        var validator = ExportValidator(contentCheck: check)
        while let entity = try reader.next() {
            validator.add(readerFindings: reader.takeNewFindings())
            validator.inspect(entity)
        }
        return validator.makeReport(inputName: "fixture.xml")
    }

    static func codes(_ report: ValidationReport) -> Set<String> {
        Set(report.findings.findings.map(\.code.rawValue))
    }

    @Test func aCleanExportHasNothingButNotes() throws {
        let report = try Self.validate(Self.item(1) + Self.item(2, type: "page", title: "About"))
        #expect(report.findings.findings.isEmpty, "\(report.findings.findings)")
        #expect(!report.hasErrors)
    }

    @Test func aFileThatIsNotWXRIsAnErrorFinding() throws {
        let reader = try WXRReader(bytes: Array("<?xml version=\"1.0\"?>\n<html><body/></html>".utf8))
        var validator = ExportValidator()
        let error = #expect(throws: ReadError.self) { while let entity = try reader.next() { validator.inspect(entity) } }
        let report = validator.makeReport(inputName: "page.html", stoppedBy: error)
        let finding = try #require(report.findings.findings.first)
        #expect(finding.code == "document.not-wxr")
        #expect(finding.severity == .error)
        #expect(finding.line == 2)
        #expect(report.hasErrors)
    }

    @Test(arguments: [(String?.none, "site.wxr-version-missing"), ("abc", "site.wxr-version-unknown"), ("1.3", "site.wxr-version-unknown")])
    func missingOrUnknownVersion(version: String?, code: String) throws {
        let report = try Self.validate(Self.item(1), version: version)
        #expect(Self.codes(report) == [code])
        #expect(report.findings.findings.first?.entity == .site)
    }

    @Test func publishedPostsWithoutDateOrTitle() throws {
        let report = try Self.validate(
            Self.item(1, date: "0000-00-00 00:00:00") + Self.item(2, title: "  ") + Self.item(3, status: "draft", title: "",
                                                                                               date: "0000-00-00 00:00:00"))
        #expect(report.findings.findings.filter { $0.code == "post.zero-date" }.map(\.entity) == [.post(id: 1)])
        #expect(report.findings.findings.filter { $0.code == "post.empty-title" }.map(\.entity) == [.post(id: 2)])
        #expect(report.findings.findings.allSatisfy { $0.severity == .warning })
    }

    @Test func passwordProtectedPostIsANote() throws {
        let report = try Self.validate(Self.item(4, password: "letmein"))
        let finding = try #require(report.findings.findings.first)
        #expect(finding.code == "post.password-protected")
        #expect(finding.severity == .info)
        #expect(finding.line == 8)
    }

    @Test func unknownStatusIsReportedButPluginStatusesAreNot() throws {
        let report = try Self.validate(Self.item(5, status: "published") + Self.item(6, status: "wc-completed")
                                       + Self.item(7, status: "request-pending"))
        #expect(report.findings.findings.map(\.code) == ["post.unknown-status"])
        #expect(report.findings.findings.first?.entity == .post(id: 5))
    }

    @Test func thumbnailAndAttachmentParentsAreCheckedAtTheEnd() throws {
        let thumbnail = { (id: Int) in
            "<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>\(id)</wp:meta_value></wp:postmeta>"
        }
        // The post comes before the attachment it names: not a finding. Attachment 21 is not in the export.
        let items = Self.item(1, extra: thumbnail(20)) + Self.item(2, extra: thumbnail(21))
            + Self.item(20, type: "attachment", status: "inherit", parent: 1, extra: "<wp:attachment_url>https://x.example/a.jpg</wp:attachment_url>")
            + Self.item(22, type: "attachment", status: "inherit", parent: 99, extra: "<wp:attachment_url>https://x.example/b.jpg</wp:attachment_url>")
        let report = try Self.validate(items)
        #expect(report.findings.findings.map(\.code).sorted() == ["attachment.missing-parent", "post.thumbnail-missing"])
        #expect(report.findings.findings.first { $0.code == "post.thumbnail-missing" }?.entity == .post(id: 2))
        #expect(report.findings.findings.first { $0.code == "attachment.missing-parent" }?.entity == .post(id: 22))
        #expect(report.items[2] != nil && report.items[22] != nil, "findings name items the report describes")
    }

    @Test(arguments: ["CafÃ© au lait", "It doesnâ€™t work", "Price:Â\u{A0}12"])
    func doubleEncodedUTF8IsReported(title: String) throws {
        let report = try Self.validate(Self.item(8, title: title))
        let finding = try #require(report.findings.findings.first)
        #expect(finding.code == "text.mojibake")
        #expect(finding.entity == .post(id: 8))
    }

    @Test(arguments: ["Café au lait", "Слава Україні — “quoted” ’", "日本語", "Ã alone"])
    func correctTextIsNotMojibake(title: String) {
        #expect(ExportValidator.mojibake(in: title) == nil)
    }

    @Test func commentsWithPersonalDataMakeOneNote() throws {
        let comment = { (id: Int, email: String) in
            "<wp:comment><wp:comment_id>\(id)</wp:comment_id><wp:comment_author_email>\(email)</wp:comment_author_email><wp:comment_author_IP></wp:comment_author_IP></wp:comment>"
        }
        let report = try Self.validate(Self.item(9, extra: comment(1, "a@example.org") + comment(2, "") + comment(3, "b@example.org")))
        let notes = report.findings.findings.filter { $0.code == "privacy.personal-data" }
        #expect(notes.count == 1)
        #expect(notes.first?.message == "2 comments hold commenters' e-mail or IP addresses")
        #expect(notes.first?.severity == .info)
    }

    struct KnownShortcodes: ContentConversionCheck {
        func unknownShortcodes(in content: String) -> [String] {
            ["gallery", "contact-form-7"].filter { content.contains("[\($0)") }
        }
    }

    @Test func unknownShortcodesAreReportedOncePerName() throws {
        let items = Self.item(1, content: "[gallery ids=\"1\"]") + Self.item(2, content: "[gallery] [contact-form-7 id=\"3\"]")
        let report = try Self.validate(items, check: KnownShortcodes())
        let findings = report.findings.findings.filter { $0.code == "content.unknown-shortcode" }
        #expect(findings.map(\.message) == [
            "shortcode [gallery] is used in 2 posts and will not convert",
            "shortcode [contact-form-7] is used in 1 post and will not convert",
        ])
        #expect(findings.first?.entity == .post(id: 1))
    }

    /// The bug: the items table titled post 347 "youtube" (the shortcode's name) with no type or status, and a
    /// finding "used in 8 posts" linked to the first of them only.
    @Test func aFindingAboutSeveralPostsNamesEveryOneWithItsRealTitleTypeAndStatus() throws {
        let items = Self.item(347, title: "Holiday video", content: "[youtube x]")
            + Self.item(348, type: "page", title: "Links", content: "Text")
            + Self.item(349, status: "draft", title: "Second video", content: "[youtube y]")
            + Self.item(350, type: "page", status: "private", title: "Third video", content: "[youtube z]")
        let report = try Self.validate(items, check: YouTube())
        let finding = try #require(report.findings.findings.first { $0.code == "content.unknown-shortcode" })
        #expect(finding.message == "shortcode [youtube] is used in 3 posts and will not convert")
        #expect(finding.postIDs == [347, 349, 350])
        #expect(finding.namedPostIDs == [347, 349, 350])
        #expect(report.items[347] == ItemSummary(id: 347, title: "Holiday video", type: "post", status: "publish", line: 8))
        #expect(report.items[349]?.title == "Second video" && report.items[349]?.status == "draft")
        #expect(report.items[350]?.type == "page" && report.items[350]?.status == "private")
        #expect(report.items[348] == nil, "post 348 is named by no finding")
        let lines = [347, 349, 350].map { report.items[$0]!.line }

        let json = try JSONSerialization.jsonObject(with: Data(report.json)) as! [String: Any]
        let jsonFinding = try #require((json["findings"] as! [[String: Any]]).first { $0["code"] as? String == "content.unknown-shortcode" })
        #expect(jsonFinding["post_ids"] as? [Int] == [347, 349, 350])
        let jsonItems = json["items"] as! [[String: Any]]
        #expect(jsonItems.map { $0["id"] as? Int } == [347, 349, 350])
        #expect(jsonItems.map { $0["title"] as? String } == ["Holiday video", "Second video", "Third video"])
        #expect(jsonItems.map { $0["type"] as? String } == ["post", "post", "page"])
        #expect(jsonItems.map { $0["status"] as? String } == ["publish", "draft", "private"])

        let named = "posts 347 (line \(lines[0])), 349 (line \(lines[1])), 350 (line \(lines[2])): shortcode [youtube]"
        #expect(report.text().contains(named), "\(report.text())")
        #expect(report.markdown().contains(ValidationReport.markdownEscaped(named)), "\(report.markdown())")
        #expect(report.markdown().contains("| 349 | Second video | post | draft | \(lines[1]) |"), "\(report.markdown())")

        let html = report.html()
        for (id, line) in zip([347, 349, 350], lines) {
            #expect(html.contains("<a href=\"#item-\(id)\">\(id)</a> (line \(line))"), "\(id) not linked")
        }
        #expect(html.contains("<tr id=\"item-347\"><td class=\"n\">347</td><td>Holiday video</td><td>post</td><td>publish</td>"), "\(html)")
        #expect(html.contains("<tr id=\"item-350\"><td class=\"n\">350</td><td>Third video</td><td>page</td><td>private</td>"), "\(html)")
        #expect(!html.contains("<td>youtube</td>"))
    }

    struct YouTube: ContentConversionCheck {
        func unknownShortcodes(in content: String) -> [String] {
            content.contains("[youtube") ? ["youtube"] : []
        }
    }

    /// The bug: posts named by a check that ends with the export (a missing parent, thumbnail or term) had
    /// their title replaced by a label and no type or status in the items table.
    @Test func checksAtTheEndDescribeTheirPostsFully() throws {
        let thumbnail = "<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>21</wp:meta_value></wp:postmeta>"
        let term = "<category domain=\"category\" nicename=\"undeclared\"><![CDATA[Undeclared]]></category>"
        let items = Self.item(2, title: "With thumbnail", extra: thumbnail)
            + Self.item(3, type: "page", status: "draft", title: "Orphan page", parent: 77)
            + Self.item(4, title: "With a term", extra: term)
        let report = try Self.validate(items)
        #expect(Self.codes(report) == ["post.thumbnail-missing", "post.missing-parent", "term.undeclared"])
        #expect(report.items[2].map { [$0.title, $0.type, $0.status] } == ["With thumbnail", "post", "publish"])
        #expect(report.items[3].map { [$0.title, $0.type, $0.status] } == ["Orphan page", "page", "draft"])
        #expect(report.items[4].map { [$0.title, $0.type, $0.status] } == ["With a term", "post", "publish"])
    }

    // MARK: Formats

    static func brokenReport() throws -> ValidationReport {
        try Self.validate(Self.item(1, title: "Fáilte&nbsp;here") + Self.item(1, title: "Twice")
                          + Self.item(3, type: "page", status: "publish", title: "Child", parent: 77))
    }

    @Test func jsonReportHasSummaryStatisticsAndFindings() throws {
        let report = try Self.brokenReport()
        let object = try JSONSerialization.jsonObject(with: Data(report.json)) as! [String: Any]
        let summary = object["summary"] as! [String: Any]
        #expect(summary["errors"] as? Int == 1)
        #expect(summary["warnings"] as? Int == 2)
        #expect((summary["by_code"] as! [String: Int])["xml.html-entity"] == 1)
        let statistics = object["statistics"] as! [String: Any]
        #expect(statistics["posts"] as? Int == 3)
        let findings = object["findings"] as! [[String: Any]]
        let entity = try #require(findings.first { $0["code"] as? String == "xml.html-entity" })
        #expect(entity["entity"] as? String == "post")
        #expect(entity["entity_id"] as? Int == 1)
        #expect(entity["line"] as? Int == 9)
        #expect(entity["action"] as? String == "replaced with its character")
    }

    @Test func markdownReportOpensWithTheSummaryTable() throws {
        let markdown = try Self.brokenReport().markdown()
        let summary = try #require(markdown.range(of: "## Summary"))
        let findings = try #require(markdown.range(of: "## Findings"))
        #expect(summary.lowerBound < findings.lowerBound)
        #expect(markdown.contains("| What | Count |"))
        #expect(markdown.contains("### `post.duplicate-id` (warning, 1)"))
    }

    @Test func htmlReportIsSelfContainedAndLinksFindingsToItems() throws {
        let html = try Self.brokenReport().html()
        #expect(html.contains("<table id=\"summary\">"))
        #expect(html.contains("<meta name=\"viewport\""))
        for external in ["<script", "<link", "src=", "url(", "@import"] { #expect(!html.contains(external), "\(external)") }
        let links = html.components(separatedBy: "href=\"#item-").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(!links.isEmpty)
        for target in links { #expect(html.contains("id=\"item-\(target)\""), "no item \(target)") }
    }
}
