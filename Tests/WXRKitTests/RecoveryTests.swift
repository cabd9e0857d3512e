import Foundation
import Testing
@testable import WXRKit

/// Broken exports: byte-careful repairs, reading around damage, and every wxrgen fault found where the
/// generator's manifest says it went, with every intact item kept.
@Suite struct RecoveryTests {
    /// A WXR 1.2 document around `items`, with the usual namespaces.
    static func export(_ items: String, head: String = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
                       channel: String = "<wp:wxr_version>1.2</wp:wxr_version>\n") -> [UInt8] {
        Array((head + """
            <rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:dc="http://purl.org/dc/elements/1.1/"
              xmlns:content="http://purl.org/rss/1.0/modules/content/">
            <channel>
            <title>Fixture</title>

            """ + channel + items + "</channel>\n</rss>\n").utf8)
    }

    static func item(_ id: Int, title: String, content: String = "") -> String {
        "<item>\n<title>\(title)</title>\n<wp:post_id>\(id)</wp:post_id>\n<content:encoded>\(content)</content:encoded>\n</item>\n"
    }

    static func read(_ bytes: [UInt8]) throws -> ReadResult {
        try ReadResult(reader: WXRReader(bytes: bytes))
    }

    // MARK: Byte-level repairs

    @Test func invalidUTF8IsReadAsWindows1252OrReplacementCharacter() throws {
        var bytes = Self.export(Self.item(1, title: "CAFE", content: "caf#E9 #93quoted#94 #81!"))
        // Put the raw bytes in place of their markers.
        for (marker, byte) in [("#E9", 0xE9), ("#93", 0x93), ("#94", 0x94), ("#81", 0x81)] as [(String, UInt8)] {
            let needle = Array(marker.utf8)
            while let range = bytes.firstRange(of: needle) { bytes.replaceSubrange(range, with: [byte]) }
        }
        let result = try Self.read(bytes)
        #expect(result.posts.first?.content == "café “quoted” \u{FFFD}!")
        let finding = try #require(result.findings.first { $0.code == "encoding.invalid-utf8" })
        #expect(finding.severity == .error)
        #expect(finding.line == 10)
        #expect(finding.entity == .post(id: 1))
    }

    @Test func controlCharactersAreRemovedAndReported() throws {
        let result = try Self.read(Self.export(Self.item(2, title: "a\u{01}b", content: "<![CDATA[x\u{0B}y\u{08}z]]>")))
        #expect(result.posts.first?.title == "ab")
        #expect(result.posts.first?.content == "xyz")
        let findings = result.findings.filter { $0.code == "xml.control-character" }
        #expect(findings.map(\.line) == [8, 10])
        #expect(findings.allSatisfy { $0.action == "removed" && $0.entity == .post(id: 2) })
    }

    @Test func htmlEntitiesBecomeCharactersAndStrayAmpersandsText() throws {
        let title = "Fáilte&nbsp;&amp; go&hellip; &copy; &LT;x&GT; AT&T &bogus; &#1;&#233;"
        let result = try Self.read(Self.export(Self.item(3, title: title)))
        #expect(result.posts.first?.title == "Fáilte\u{A0}& go… © &LT;x&GT; AT&T &bogus; é")
        let codes = Set(result.findings.map(\.code))
        #expect(codes == ["xml.html-entity", "xml.undefined-entity", "xml.raw-ampersand", "xml.invalid-character-reference"])
    }

    @Test func anHTMLEntityForAMarkupCharacterStaysEscaped() throws {
        // &lsaquo; is harmless, but an entity whose character is "<" must not open a tag.
        let result = try Self.read(Self.export(Self.item(4, title: "a &lsaquo; b &lt; c")))
        #expect(result.posts.first?.title == "a ‹ b < c")
    }

    @Test func cdataNestedInCDATAIsKeptAsText() throws {
        let content = "<![CDATA[Content with nested <![CDATA[ tags ]]> :)]]>"
        let result = try Self.read(Self.export(Self.item(5, title: "Nested", content: content)))
        #expect(result.posts.first?.content == "Content with nested <![CDATA[ tags ]]> :)")
        #expect(result.findings.contains { $0.code == "xml.cdata-end-in-content" && $0.line == 10 })
    }

    @Test func blankLinesAndByteOrderMarkBeforeTheDeclarationKeepLineNumbers() throws {
        let bytes = [0xEF, 0xBB, 0xBF] + Array("\n\n".utf8) + Self.export(Self.item(6, title: "After"))
        let result = try Self.read(bytes)
        #expect(result.posts.first?.title == "After")
        #expect(result.posts.first?.line == 9)
        #expect(Set(result.findings.map(\.code)) == ["input.bom", "input.leading-whitespace"])
        #expect(result.findings.first { $0.code == "input.leading-whitespace" }?.severity == .error)
    }

    @Test func aPHPWarningBeforeTheDeclarationIsRemoved() throws {
        let bytes = Array("Warning: something in /var/www/x.php on line 3\n".utf8) + Self.export(Self.item(7, title: "Kept"))
        let result = try Self.read(bytes)
        #expect(result.posts.map(\.title) == ["Kept"])
        #expect(result.findings.contains { $0.code == "input.leading-text" })
    }

    /// Repairs that straddle the reader's 64 KB chunks: a UTF-8 sequence, an entity, a "]]>".
    @Test(arguments: [1, 2, 3, 4, 5, 6])
    func repairsAcrossChunkBoundaries(shift: Int) throws {
        let chunk = 1 << 16
        let prefix = Self.export("").count - "</channel>\n</rss>\n".count
        let start = "<item>\n<title>Boundary</title>\n<wp:post_id>8</wp:post_id>\n<content:encoded>"
        let tail = "é&nbsp;ü&hellip;Ω AT&T x\u{01}y"
        let padding = String(repeating: "p", count: chunk - prefix - start.utf8.count - shift)
        let items = start + padding + tail + "</content:encoded>\n</item>\n" + Self.item(9, title: "Next")
        let result = try Self.read(Self.export(items))
        #expect(result.posts.map(\.id) == [8, 9])
        #expect(result.posts.first?.content == padding + "é\u{A0}ü…Ω AT&T xy")
    }

    // MARK: Reading around damage

    @Test(arguments: ["\n", "\r\n"])
    func damagedItemsAreSkippedAndReadingResumesAtTheNextItem(lineEnd: String) throws {
        var items = ""
        for id in 1...6 {
            switch id {
            case 3: items += "<item>\n<title>Post 3</b></title>\n<wp:post_id>3</wp:post_id>\n</item>\n"
            case 5: items += "<item>\n<title>Post 5<title>\n<wp:post_id>5</wp:post_id>\n</item>\n"
            default: items += Self.item(id, title: "Post \(id)", content: "<![CDATA[Body \(id)\nsecond line]]>")
            }
        }
        let text = String(decoding: Self.export(items), as: UTF8.self).replacingOccurrences(of: "\n", with: lineEnd)
        let result = try Self.read(Array(text.utf8))
        #expect(result.posts.map(\.id) == [1, 2, 4, 6])
        #expect(result.posts.map(\.line) == [7, 13, 23, 33])
        #expect(result.posts.last?.content == "Body 6\(lineEnd)second line")
        let damage = result.findings.filter { $0.severity == .error }
        #expect(damage.map(\.code) == ["xml.mismatched-tag", "xml.mismatched-tag"])
        #expect(damage.map(\.line) == [20, 32])
        #expect(damage.first?.action == "the item starting at line 19 was not kept; reading resumed at line 23")
        #expect(damage.first?.entity == .post(id: nil))
        #expect(damage.last?.message.contains("line 30") == true, "libxml2's own line numbers are the file's")
    }

    @Test func damageInTheLastItemEndsTheReadingCleanly() throws {
        let items = Self.item(1, title: "One") + "<item>\n<title>Two</x>\n</item>\n"
        let result = try Self.read(Self.export(items))
        #expect(result.posts.map(\.id) == [1])
        #expect(result.findings.first { $0.severity == .error }?.action?.hasSuffix("no item follows") == true)
    }

    @Test func aCutOffItemIsDroppedAndReported() throws {
        var bytes = Self.export(Self.item(1, title: "Whole") + "<item>\n<title>Interrupted downl")
        bytes.removeLast("</channel>\n</rss>\n".utf8.count)
        let result = try Self.read(bytes)
        #expect(result.posts.map(\.title) == ["Whole"])
        let finding = try #require(result.findings.first { $0.code == "xml.truncated" })
        #expect(finding.line == 13)
        #expect(finding.action?.contains("line 12") == true)
    }

    @Test func aThousandFaultsKeepTheFirstThousandFindingsOfACode() throws {
        let content = String(repeating: "x\u{01}\n", count: 1500)
        let reader = try WXRReader(bytes: Self.export(Self.item(1, title: "Many", content: content)))
        while try reader.next() != nil {}
        let log = reader.findingLog
        #expect(log.count(of: "xml.control-character") == 1500)
        #expect(log.findings.count == 1000)
        #expect(log.omitted == 500)
    }

    // MARK: wxrgen's faults

    static let faultCodes: [String: FindingCode] = [
        "leading-whitespace": "input.leading-whitespace",
        "bom": "input.bom",
        "ctrl-char": "xml.control-character",
        "bad-utf8": "encoding.invalid-utf8",
        "undefined-entity": "xml.html-entity",
        "dup-post-id": "post.duplicate-id",
        "orphan-comment": "comment.orphan",
        "missing-parent": "post.missing-parent",
        "unknown-author": "post.unknown-author",
        "bad-serialized": "meta.serialized-lengths",
        "missing-attachment-url": "attachment.missing-url",
        "duplicate-slug": "post.duplicate-slug",
        "unknown-term": "term.undeclared",
        "bad-date": "date.invalid",
        "truncate": "xml.truncated",
    ]

    /// The faults the generator knows, from `--list-faults`: a new one fails here until it has a code.
    static var faults: [String] {
        guard Externals.wxrgen != nil, let shared = Paths.shared,
              let listed = try? run("/usr/bin/env", ["python3", shared.appendingPathComponent("tools/wxrgen.py").path, "--list-faults"])
        else { return [] }
        return listed.stdout.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
    }

    @Test(.enabled(if: Externals.wxrgen != nil, "skipped: needs python3 and ../shared/tools/wxrgen.py"))
    func everyFaultHasACode() {
        #expect(Self.faults.count >= 15)
        for fault in Self.faults { #expect(Self.faultCodes[fault] != nil, "no finding for wxrgen fault \(fault)") }
    }

    @Test(.enabled(if: Externals.wxrgen != nil, "skipped: needs python3 and ../shared/tools/wxrgen.py"),
          arguments: faults + ["all"])
    func everyIntactItemIsKeptAndTheFaultIsFoundWhereItWent(fault: String) throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let xml = directory.appendingPathComponent("\(fault).xml"), manifestURL = directory.appendingPathComponent("\(fault).json")
        let generated = try run("/usr/bin/env", [
            "python3", Paths.shared!.appendingPathComponent("tools/wxrgen.py").path, "--posts", "200", "--seed", "3",
            "--faults", fault, "-o", xml.path, "--manifest", manifestURL.path,
        ])
        try #require(generated.status == 0, "wxrgen: \(generated.stderr)")
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: manifestURL)) as! [String: Any]
        let counts = manifest["counts"] as! [String: Int]
        let placed = manifest["faults"] as! [String: [Any]]

        let output = directory.appendingPathComponent("out.json")
        let exporter = ValidatingExporter(
            wrapping: try JSONExporter(output: .file(path: output.path, replacing: false)), inputName: xml.path)
        let summary = try WXRReader(path: xml.path).export(to: exporter)
        // Counts of what was written, from the output itself.
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: output)) as! [String: Any]
        let posts = document["posts"] as! [[String: Any]]
        #expect(posts.count == counts["items"], "\(fault): items")
        #expect(summary.posts == counts["items"])
        #expect(posts.reduce(0) { $0 + ($1["comments"] as! [Any]).count } == counts["comments"], "\(fault): comments")

        let report = exporter.report
        for (name, places) in placed {
            let code = try #require(Self.faultCodes[name], "no code for \(name)")
            let found = report.findings.findings.filter { $0.code == code }
            #expect(!found.isEmpty, "\(fault): \(name) gave no \(code)")
            for case let place as [String: Any] in places {
                if let commentID = place["comment_id"] as? Int {
                    #expect(found.contains { $0.entity == .comment(id: commentID, postID: place["post_id"] as? Int) },
                            "\(name): comment \(commentID) not named")
                } else if let postID = place["post_id"] as? Int {
                    #expect(found.contains { $0.entity?.postID == postID }, "\(name): post \(postID) not named")
                }
                if let postID = place["post_id"] as? Int, name != "dup-post-id" {
                    #expect(posts.contains { $0["id"] as? Int == postID }, "\(name): post \(postID) was not kept")
                }
            }
        }
        let errorsExpected = placed.keys.contains { ["leading-whitespace", "ctrl-char", "bad-utf8", "undefined-entity", "truncate"].contains($0) }
        #expect(report.hasErrors == errorsExpected, "\(fault): \(report.summaryLine)")
    }
}

