import Testing
@testable import WXRKit

/// Messages count things in words: no "1 authors", no "post(s)".
@Suite struct CountedTests {
    @Test(arguments: [
        (0, "author", "0 authors"), (1, "author", "1 author"), (2, "author", "2 authors"),
        (1, "entry", "1 entry"), (3, "entry", "3 entries"), (2, "day", "2 days"), (2, "match", "2 matches"),
        (2, "media file", "2 media files"), (12_345, "post", "12,345 posts"), (1_000_000, "item", "1,000,000 items"),
    ])
    func countsInWords(count: Int, noun: String, expected: String) {
        #expect(Counted(count, noun).description == expected)
    }

    @Test func anIrregularPluralIsGiven() {
        #expect("\(Counted(2, "person", plural: "people"))" == "2 people")
        #expect("\(Counted(1, "person", plural: "people"))" == "1 person")
    }

    @Test func theSiteSummarySaysWhatWasLeftOutAndWhy() {
        var summary = MarkdownSiteExporter.Summary()
        summary.published = 1
        summary.media = 1
        summary.redirects = 1
        #expect(summary.description == "1 page (1 published, 0 drafts), 0 term pages, 0 comments, 1 media file listed, 1 redirect")
        summary.trashed = 15
        summary.protected = 1
        summary.internalItems = 3
        #expect(summary.description.hasSuffix(
            "; left out: 15 in the trash, 1 password-protected (kept private); "
                + "3 WordPress internals (menu items, revisions, reusable blocks) not pages"))
    }
}
