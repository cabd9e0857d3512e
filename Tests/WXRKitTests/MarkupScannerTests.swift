import Testing
@testable import WXRKit

/// The scanner the sanitizer and the line-end preserver share: where each carriage return stands (content or
/// markup, and how deep), whichever byte a chunk ends at.
@Suite struct MarkupScannerTests {
    typealias State = MarkupScanner.State

    /// CDATA with "]]" then a CR (not an end) and "]]]>" (an end), a comment with "--" inside, a ">" and a CR
    /// inside a quoted attribute value, "<!--" inside another, a PI with "?" before a CR, a declaration with
    /// "]>" quoted, a self-closing tag, CRLF and lone CRs.
    static let input: [UInt8] = Array([
        "<?xml version=\"1.0\"?>\r\n",
        "<rss\r\n a=\"x>y\r\" b='<!--'>\r\n",
        "<!-- a -- b\r --->\r",
        "<![CDATA[ x ]]\r ]]]> y\r",
        "<p/>\r",
        "<?pi ?\r?>\r",
        "<!DOCTYPE x [<!ENTITY e \"]>\r\">]>\r",
        "</rss>\r\n",
    ].joined().utf8)

    /// Where each CR outside markup stands, read by hand: the ones the line-end preserver rewrites when deep
    /// in text or in CDATA. The CRs in the tag, the attribute value, the comment, the PI and the
    /// declaration are markup, so not listed.
    static let carriageReturnsInContent: [Position] = [
        Position(state: .text, depth: 0),       // after the XML declaration
        Position(state: .text, depth: 1),       // after <rss …>
        Position(state: .text, depth: 1),       // after the comment
        Position(state: .cdata, depth: 1),      // after "]]": no ">" follows, the section goes on
        Position(state: .text, depth: 1),       // after "]]]>"
        Position(state: .text, depth: 1),       // after <p/>, which opened nothing
        Position(state: .text, depth: 1),       // after the PI
        Position(state: .text, depth: 1),       // after the declaration
        Position(state: .text, depth: 0),       // after </rss>
    ]

    struct Position: Equatable, CustomStringConvertible {
        var state: State
        var depth: Int
        var description: String { "\(state) at depth \(depth)" }
    }

    struct Run: Equatable {
        var carriageReturns: [Position] = []
        var end = Position(state: .text, depth: 0)
        var brackets = 0
    }

    /// Feeds `chunks` as the passes do: a "<" in text through `readLessThan` (which looks at the bytes after
    /// it, and reads a whole `<![CDATA[` at once), a tag as a run, every other byte a step.
    static func read(_ chunks: [ArraySlice<UInt8>], readsTags: Bool) -> Run {
        var scanner = MarkupScanner(readsTags: readsTags)
        var run = Run()
        for chunk in chunks {
            Array(chunk).withUnsafeBufferPointer { buffer in
                guard let start = buffer.baseAddress else { return }
                var i = 0
                while i < buffer.count {
                    let isContent = scanner.state == .text || scanner.state == .cdata
                    if buffer[i] == 0x0D && isContent {
                        run.carriageReturns.append(Position(state: scanner.state, depth: scanner.depth))
                    }
                    switch scanner.state {
                    case .text where buffer[i] == UInt8(ascii: "<"):
                        i = scanner.readLessThan(start, at: i, count: buffer.count)
                    case .tag:
                        i = scanner.readTag(start, from: i, count: buffer.count)
                    default:
                        scanner.step(buffer[i])
                        i += 1
                    }
                }
            }
        }
        run.end = Position(state: scanner.state, depth: scanner.depth)
        run.brackets = scanner.brackets
        return run
    }

    /// The scanner after stepping `bytes` one at a time.
    static func stepped(_ bytes: ArraySlice<UInt8>, readsTags: Bool) -> MarkupScanner {
        var scanner = MarkupScanner(readsTags: readsTags)
        for byte in bytes { scanner.step(byte) }
        return scanner
    }

    @Test func readingTagsFindsEachCarriageReturnWhereItStands() {
        let run = Self.read([Self.input[...]], readsTags: true)
        #expect(run.carriageReturns == Self.carriageReturnsInContent)
        #expect(run.end == Position(state: .text, depth: 0))
    }

    /// A chunk may end inside any construct: on "<", inside "<![CDATA[" or "]]>", between "-" and ">", inside a
    /// quoted value. The state carried over must be the one reading the bytes one by one gives.
    @Test(arguments: [true, false])
    func everySplitPointGivesTheSameStates(readsTags: Bool) {
        let whole = Self.read([Self.input[...]], readsTags: readsTags)
        if readsTags { #expect(whole.carriageReturns == Self.carriageReturnsInContent) }
        for split in 0...Self.input.count {
            let first = Self.input[..<split], second = Self.input[split...]
            let afterFirst = Self.read([first], readsTags: readsTags)
            let byOne = Self.stepped(first, readsTags: readsTags)
            #expect(afterFirst.end == Position(state: byOne.state, depth: byOne.depth), "split at \(split)")
            #expect(afterFirst.brackets == byOne.brackets, "split at \(split)")
            #expect(Self.read([first, second], readsTags: readsTags) == whole, "split at \(split)")
        }
    }

    /// Every split into three: a construct cut twice, like "<![CDATA[" over three short reads.
    @Test func everyPairOfSplitPointsGivesTheSameStates() {
        let whole = Self.read([Self.input[...]], readsTags: true)
        for first in 0...Self.input.count {
            for second in first...Self.input.count {
                let chunks = [Self.input[..<first], Self.input[first..<second], Self.input[second...]]
                #expect(Self.read(chunks, readsTags: true) == whole, "splits at \(first) and \(second)")
            }
        }
    }

    @Test func withoutTagsATagIsTextAndOnlyBangOrQuestionOpensMarkup() {
        // The sanitizer's reading: "&" means the same in an attribute value as in text, so no tag state.
        let scanner = Self.stepped(Array("<a href=\"x\">".utf8)[...], readsTags: false)
        #expect(scanner.state == .text)
        #expect(scanner.depth == 0)
        #expect(Self.stepped(Array("<!-".utf8)[...], readsTags: false).state == .commentOpen)
        let processingInstruction = Self.stepped(Array("<?".utf8)[...], readsTags: false)
        #expect(processingInstruction.state == .processingInstruction(afterQuestion: false))
    }

    @Test func aWholeCDATAOpeningIsReadAtOnceAndACutOneByteByByte() {
        let bytes = Array("<![CDATA[x".utf8)
        bytes.withUnsafeBufferPointer { buffer in
            var whole = MarkupScanner(readsTags: false)
            #expect(whole.readLessThan(buffer.baseAddress!, at: 0, count: buffer.count) == 9)
            #expect(whole.state == .cdata)
            var cut = MarkupScanner(readsTags: false)
            #expect(cut.readLessThan(buffer.baseAddress!, at: 0, count: 8) == 1)
            #expect(cut.state == .lessThan)
        }
    }
}
