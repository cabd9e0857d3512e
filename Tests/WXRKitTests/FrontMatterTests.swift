import Testing
import Yams
@testable import WXRKit

/// Front matter is written by Yams with tags we set ourselves: whatever the text, reading it back must give the
/// same string, and plain text must stay unquoted.
@Suite struct FrontMatterTests {
    static let awkward = [
        "yes", "No", "OFF", "y", "n", "true", "null", "Null", "~", "", " ", "123", "0x1F", "0o17", "1_000", "1.5", "-1", "+1", ".5",
        ".inf", "-.inf", ".nan", "1e3", "2020-01-01", "2020-01-01T10:30:00+01:00", "12:30", "<<", "=", "-", "- item", "-dash",
        "# hash", "a #b", ": colon", "key: value", "[list]", "{map}", "'quote", "\"double\"", "@at", "`tick", "%pct", "!bang",
        "&amp", "*star", "|pipe", ">gt", "?q", ",comma", "/path/to/", "Café “quoted”: 2022", "київ", "漢字", "emoji 🎉 end",
        "two\nlines", "para one\n\npara two", "trailing space ", " leading", "tab\there", "back\\slash", "line\r\nbreak",
        "\u{85}next", "zero\u{200B}width", "bell\u{07}", "https://example.org/?p=1#x",
    ]

    @Test(arguments: awkward)
    func everyStringReadsBackAsItself(text: String) throws {
        var front = FrontMatter()
        front["title"] = .string(text)
        front["tags"] = .list([text, "plain"])
        let yaml = try front.yaml()
        #expect(yaml.hasPrefix("---\n") && yaml.hasSuffix("---\n"))
        let body = String(yaml.dropFirst(4).dropLast(4))
        let loaded = try #require(try Yams.load(yaml: body) as? [String: Any])
        #expect(loaded["title"] as? String == text || text.isEmpty)
        #expect((loaded["tags"] as? [String]) == [text, "plain"] || text.isEmpty)
    }

    @Test func plainTextStaysUnquotedAndUnicodeUnescaped() throws {
        var front = FrontMatter()
        front["title"] = .string("Київ: війна")
        front["author"] = .string("Ciarán Ó Loingsigh")
        front["date"] = .timestamp("2022-03-05T10:30:00+02:00")
        front["wp_id"] = .integer(14)
        front["draft"] = .boolean(true)
        front["empty"] = .string("")
        let yaml = try front.yaml()
        #expect(yaml == """
            ---
            title: 'Київ: війна'
            author: Ciarán Ó Loingsigh
            date: 2022-03-05T10:30:00+02:00
            wp_id: 14
            draft: true
            ---

            """)
    }

    @Test func phpValuesBecomeListsAndMaps() throws {
        let decoded = try #require(PHPSerialized.decode(#"a:2:{i:0;s:3:"one";i:1;a:1:{s:3:"key";b:1;}}"#))
        let yaml = try FrontMatter.serialize(.php(decoded.value))
        let loaded = try #require(try Yams.load(yaml: yaml) as? [Any])
        #expect(loaded.first as? String == "one")
        #expect((loaded.last as? [String: Any])?["key"] as? Bool == true)
    }
}
