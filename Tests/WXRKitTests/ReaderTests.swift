import Foundation
import Testing
@testable import WXRKit

@Suite struct ReaderTests {
    @Test func readsEverySiteAuthorAndTermField() throws {
        let result = try ReadResult(path: Paths.fixture("every-field-1.2.xml"))
        #expect(result.order == ["site", "author", "term", "term", "term", "post", "post", "post"])
        #expect(result.site == Site(
            title: "Cois Farraige & Friends", link: "https://coisfarraige.example.org", description: "Nótaí ó Chonamara",
            language: "ga-IE", wxrVersion: "1.2", baseSiteURL: "https://coisfarraige.example.org",
            baseBlogURL: "https://coisfarraige.example.org/blog", generator: "https://wordpress.org/?v=6.4.2",
            pubDate: "2022-10-11T10:30:00Z"))
        #expect(result.authors == [Author(id: 7, login: "niamh", email: "niamh@example.org",
                                          displayName: "Niamh Ní Bhriain", firstName: "Niamh", lastName: "Ní Bhriain")])
        #expect(result.terms == [
            Term(id: 3, taxonomy: "category", slug: "%d1%83%d0%ba%d1%80%d0%b0%d1%97%d0%bd%d0%b0", name: "Україна",
                 parentSlug: "news", description: "Posts about Ukraine", meta: [MetaEntry(key: "colour", value: "blue")]),
            Term(id: 4, taxonomy: "post_tag", slug: "solidarity", name: "Solidarity", parentSlug: nil, description: ""),
            Term(id: 5, taxonomy: "genre", slug: "essay", name: "Essay", parentSlug: nil, description: "Long reads"),
        ])
    }

    @Test func readsEveryPostAndCommentField() throws {
        let post = try ReadResult(path: Paths.fixture("every-field-1.2.xml")).posts[0]
        #expect(post.id == 42)
        #expect(post.type == "post")
        #expect(post.status == "publish")
        #expect(post.title == "The bridge at Kerch")
        #expect(post.slug == "the-bridge")
        #expect(post.link == "https://coisfarraige.example.org/2022/10/11/the-bridge/")
        #expect(post.guid == "https://coisfarraige.example.org/?p=42")
        #expect(post.authorLogin == "niamh")
        #expect(post.date == "2022-10-11T10:30:00")
        #expect(post.dateGMT == "2022-10-11T09:30:00Z")
        #expect(post.modified == "2022-10-12T08:00:05")
        #expect(post.modifiedGMT == "2022-10-12T07:00:05Z")
        #expect(post.content == "First paragraph, with “curly quotes”.\n\nSecond paragraph; a CDATA end ]]> kept, and a back\\slash.")
        #expect(post.excerpt == "A short excerpt")
        #expect(post.parentID == nil)
        #expect(post.menuOrder == 3)
        #expect(post.commentStatus == "open")
        #expect(post.pingStatus == "closed")
        #expect(post.password == "")
        #expect(post.isSticky)
        #expect(post.attachmentURL == nil)
        #expect(post.line == 30)
        #expect(post.terms == [
            PostTerm(taxonomy: "category", slug: "%d1%83%d0%ba%d1%80%d0%b0%d1%97%d0%bd%d0%b0", name: "Україна"),
            PostTerm(taxonomy: "post_tag", slug: "solidarity", name: "Solidarity"),
        ])
        #expect(post.meta == [MetaEntry(key: "_thumbnail_id", value: "43"),
                              MetaEntry(key: "_social", value: "a:1:{s:5:\"label\";s:9:\"Roinn é!\";}")])
        #expect(post.comments.count == 2)
        let first = post.comments[0], reply = post.comments[1]
        #expect(first == Comment(
            id: 9, parentID: nil, author: "Оксана", authorEmail: "oksana@example.net", authorURL: "https://oksana.example.net",
            authorIP: "192.0.2.9", date: "2022-10-11T12:00:00", dateGMT: "2022-10-11T11:00:00Z", content: "Дякую!",
            approved: "1", type: "comment", userID: 0, meta: [MetaEntry(key: "rating", value: "5")], line: first.line))
        #expect(reply.parentID == 9)
        #expect(reply.userID == 7)
        #expect(reply.approved == "0")
        #expect(reply.type == "")
        #expect(reply.authorURL == "")
        #expect(reply.meta.isEmpty)
    }

    @Test func escapedTitlesEmptyElementsZeroDatesAndItemsWithoutComments() throws {
        let posts = try ReadResult(path: Paths.fixture("every-field-1.2.xml")).posts
        let page = posts[1]
        #expect(page.title == "Escaped & <plain> title")
        #expect(page.content == "")
        #expect(page.excerpt == "")
        #expect(page.slug == "")
        #expect(page.dateGMT == nil)
        #expect(page.date == "2022-10-13T10:00:00")
        #expect(page.modified == nil)
        #expect(page.parentID == 42)
        #expect(page.password == "letmein")
        #expect(!page.isSticky)
        #expect(page.comments.isEmpty)
        #expect(page.guid == nil)
        let attachment = posts[2]
        #expect(attachment.type == "attachment")
        #expect(attachment.attachmentURL == "https://coisfarraige.example.org/wp-content/uploads/2022/10/kerch-bridge.jpg")
        #expect(attachment.content == nil)
    }

    @Test func wxr10AuthorsComeFromCreatorAndTagDomainIsPostTag() throws {
        let result = try ReadResult(path: Paths.fixture("wxr-1.0.xml"))
        #expect(result.order == ["site", "term", "term", "author", "post", "author", "post", "post"])
        #expect(result.authors.map(\.login) == ["seamus", "mairead"])
        #expect(result.authors[0] == Author(login: "seamus"))
        #expect(result.site.wxrVersion == "1.0")
        #expect(result.site.pubDate == "2011-01-26T21:04:50+01:00")
        #expect(result.terms.map(\.taxonomy) == ["category", "post_tag"])
        #expect(result.terms.allSatisfy { $0.id == nil })
        let first = result.posts[0]
        #expect(first.terms == [
            PostTerm(taxonomy: "category", slug: "java", name: "Java"),
            PostTerm(taxonomy: "post_tag", slug: "ruby", name: "ruby"),
            PostTerm(taxonomy: "category", slug: nil, name: "Only without nicename"),
        ])
        #expect(first.dateGMT == "2004-05-01T08:00:00Z")
        // The undeclared atom: prefix is a namespace error, reported, not a reason to stop.
        #expect(result.findings.contains { $0.code == "xml.namespace" && $0.line == 17 })
    }

    @Test func wxr11FirstFieldWinsAndEveryItemIsKept() throws {
        let result = try ReadResult(path: Paths.fixture("wxr-1.1.xml"))
        #expect(result.site.wxrVersion == "1.1")
        #expect(result.authors.count == 1)
        #expect(result.posts.map(\.id) == [5, nil, 5])
        #expect(result.posts[0].authorLogin == "admin")
        #expect(result.posts[0].excerpt == "Excerpt in the 1.1 namespace")
        #expect(result.posts.map(\.title) == ["Hello 1.1", "No id", "Shares an id"])
    }

    @Test func foreignNamespacesAreNotWordPressFields() throws {
        let result = try ReadResult(path: Paths.fixture("foreign-namespaces.xml"))
        #expect(result.authors.isEmpty)
        let post = try #require(result.posts.first)
        #expect(post.id == 1)   // press: is bound to the WordPress URI and comes first; fake:post_id is not WordPress
        #expect(post.title == "Real")
        #expect(post.status == "publish")
        #expect(post.meta == [MetaEntry(key: "kept", value: "y")])
    }

    @Test func keepsCRLFLineEndsOfContentAcrossChunks() throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Content large enough to cross the reader's 64 KB chunks, with CRs in text, CDATA and markup.
        let paragraph = String(repeating: "Line of text\r\n", count: 3000)
        let xml = "<?xml version=\"1.0\"?>\r\n<rss xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"\r\n"
            + "  version=\"2.0\">\r\n<channel>\r\n<title>A\r\nB</title>\r\n"
            + "<item>\r\n<title>plain\r\ntext &amp; more</title>\r\n<content:encoded><![CDATA[\(paragraph)]]]]><![CDATA[>\r\nend]]></content:encoded>\r\n</item>\r\n"
            + "<item><content:encoded><![CDATA[\(paragraph)]]></content:encoded></item>\r\n</channel>\r\n</rss>\r\n"
        let path = directory.appendingPathComponent("crlf.xml")
        try Data(xml.utf8).write(to: path)
        let result = try ReadResult(path: path.path)
        #expect(result.site.title == "A\r\nB")
        #expect(result.posts.count == 2)
        #expect(result.posts[0].title == "plain\r\ntext & more")
        #expect(result.posts[0].content == paragraph + "]]>\r\nend")
        #expect(result.posts[1].content == paragraph)
        #expect(result.posts[1].line == 3013)
    }

    @Test func largeTextNodesAreRead() throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let body = String(repeating: "Multi-megabyte post body. ", count: 500_000)   // 13 MB, over libxml2's 10 MB default
        let xml = "<?xml version=\"1.0\"?><rss xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>"
            + "<item><content:encoded><![CDATA[\(body)]]></content:encoded></item></channel></rss>"
        let path = directory.appendingPathComponent("big.xml")
        try Data(xml.utf8).write(to: path)
        let result = try ReadResult(path: path.path)
        #expect(result.posts.first?.content?.utf8.count == body.utf8.count)
    }

    @Test func aCutOffFileKeepsItsCompleteItemsAndSaysWhere() throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("cut.xml")
        try Data("<?xml version=\"1.0\"?>\n<rss>\n<channel>\n<item><title>one</title></item>\n<item><title>cut".utf8).write(to: path)
        let result = try ReadResult(path: path.path)
        #expect(result.posts.map(\.title) == ["one"])
        let finding = try #require(result.findings.first { $0.code == "xml.truncated" })
        #expect(finding.severity == .error)
        #expect(finding.line == 5)
    }

    @Test func notWellFormedInputBeforeAnyChannelThrowsWithItsLine() throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("broken.xml")
        try Data("<?xml version=\"1.0\"?>\n<rss>\n<notachannel>\n</rss>\n".utf8).write(to: path)
        let reader = try WXRReader(path: path.path)
        let error = #expect(throws: ReadError.self) { while try reader.next() != nil {} }
        guard case .notWellFormed(let line, _, _)? = error else {
            Issue.record("expected notWellFormed, got \(String(describing: error))")
            return
        }
        #expect(line == 4)
    }

    @Test(arguments: [
        ("<?xml version=\"1.0\"?><html><body/></html>", "root element"),
        ("<?xml version=\"1.0\"?><rss version=\"2.0\"></rss>", "no <channel>"),
    ])
    func notWXRIsRefused(xml: String, reason: String) throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("not.xml")
        try Data(xml.utf8).write(to: path)
        let reader = try WXRReader(path: path.path)
        let error = #expect(throws: ReadError.self) { while try reader.next() != nil {} }
        guard case .notWXR(_, let message)? = error else {
            Issue.record("expected notWXR, got \(String(describing: error))")
            return
        }
        #expect(message.contains(reason))
    }

    @Test func externalEntitiesAreNeverLoaded() throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("xxe.xml")
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
            <rss><channel><item><title>&secret;</title></item></channel></rss>
            """
        try Data(xml.utf8).write(to: path)
        let result = try ReadResult(path: path.path)
        #expect(!result.posts.contains { $0.title?.contains("root:") == true })
        #expect(result.posts.first?.title == "&secret;")
        #expect(result.findings.contains { $0.code == "xml.external-entity" && $0.action == "not loaded" })
    }

    @Test func missingFileIsCannotOpen() {
        #expect(throws: ReadError.cannotOpen(path: "/nonexistent/export.xml", reason: "No such file or directory")) {
            _ = try WXRReader(path: "/nonexistent/export.xml")
        }
    }
}
