import Foundation
import Testing
@testable import WXRKit

@Suite struct ValueTests {
    @Test(arguments: [
        ("2022-10-11 10:30:00", "2022-10-11T10:30:00"),
        (" 2022-10-11 10:30:00\n", "2022-10-11T10:30:00"),
        ("0000-00-00 00:00:00", nil),
        ("yesterday at noon", nil),
        ("2022-13-11 10:30:00", nil),
        ("2022-10-11 24:00:00", nil),
        ("2022-10-11", nil),
        ("", nil),
    ] as [(String, String?)])
    func localDates(raw: String, expected: String?) {
        #expect(WXRDate.local(raw) == expected)
        #expect(WXRDate.gmt(raw) == expected.map { $0 + "Z" })
    }

    @Test(arguments: [
        ("Tue, 11 Oct 2022 10:30:00 +0000", "2022-10-11T10:30:00Z"),
        ("Wed, 26 Jan 2011 21:04:50 +0100", "2011-01-26T21:04:50+01:00"),
        ("1 Nov 2026 12:00:00 GMT", "2026-11-01T12:00:00Z"),
        ("Mon, 30 Nov -0001 00:00:00 +0000", nil),
        ("not a date", nil),
    ] as [(String, String?)])
    func rfc822Dates(raw: String, expected: String?) {
        #expect(WXRDate.rfc822(raw) == expected)
    }

    @Test(arguments: [("42", 42), (" 7\n", 7), ("-1", -1), ("", nil), ("abc", nil), ("4 2", nil)] as [(String, Int?)])
    func integers(raw: String, expected: Int?) {
        #expect(WXRInteger.parse(raw) == expected)
    }

    @Test func jsonEscapesControlCharactersQuotesAndBackslashesButKeepsUTF8() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("s")
        writer.value("a\"b\\c\n\r\t\u{01}\u{1F} é ’ Україна")
        writer.key("n")
        writer.value(nil as String?)
        writer.key("i")
        writer.value(-12)
        writer.endObject()
        #expect(String(decoding: writer.bytes, as: UTF8.self)
            == #"{"s":"a\"b\\c\n\r\t\u0001\u001f é ’ Україна","n":null,"i":-12}"#)
    }

    /// The indented layout is JSONEncoder's `.prettyPrinted`: checked against JSONEncoder itself, nested
    /// containers, run-time keys and every kind of value included. Catches a comma, a line or an indent out
    /// of place in a file people read and diff (a site's manifest).
    @Test func indentedLayoutIsJSONEncodersPrettyPrinting() throws {
        struct Sample: Encodable {
            var files = ["a/b.md": "x", "c \"q\" é.md": "y"]
            var list = [1, 2]
            var name = "wxr"
            var nested = ["flag": [true]]
        }
        var writer = JSONWriter(layout: .indented)
        writer.beginObject()
        writer.key("files")
        writer.beginObject()
        writer.dynamicKey("a/b.md")
        writer.value("x")
        writer.dynamicKey("c \"q\" é.md")
        writer.value("y")
        writer.endObject()
        writer.key("list")
        writer.beginArray()
        writer.value(1)
        writer.value(2)
        writer.endArray()
        writer.key("name")
        writer.value("wxr")
        writer.key("nested")
        writer.beginObject()
        writer.key("flag")
        writer.beginArray()
        writer.value(true)
        writer.endArray()
        writer.endObject()
        writer.endObject()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        #expect(String(decoding: writer.bytes, as: UTF8.self) == String(decoding: try encoder.encode(Sample()), as: UTF8.self))
    }
}
