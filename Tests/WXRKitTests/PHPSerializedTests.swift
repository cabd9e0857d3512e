import Testing
@testable import WXRKit

@Suite struct PHPSerializedTests {
    @Test(arguments: [
        ("N;", "null"),
        ("b:1;", "true"),
        ("b:0;", "false"),
        ("i:-12;", "-12"),
        ("d:0.5;", "0.5"),
        ("d:INF;", "null"),
        ("d:NAN;", "null"),
        (#"s:0:"";"#, #""""#),
        (#"s:5:"Roinn";"#, #""Roinn""#),
        (#"s:9:"Roinn é!";"#, "\"Roinn é!\""),                        // é is two bytes: 8 characters, 9 bytes
        (#"s:13:"¯\_(ツ)_/¯";"#, #""¯\\_(ツ)_/¯""#),                    // ¯ 2 bytes twice, ツ 3 bytes
        (#"s:20:"Поділитися";"#, #""Поділитися""#),
        (#"a:2:{i:0;s:8:"mastodon";i:1;s:7:"bluesky";}"#, #"["mastodon","bluesky"]"#),
        (#"a:2:{i:1;s:1:"x";i:0;s:1:"y";}"#, #"{"1":"x","0":"y"}"#),
        (#"a:3:{s:5:"share";b:1;s:5:"count";i:3;s:5:"sizes";a:1:{s:6:"medium";a:1:{s:5:"width";i:300;}}}"#,
         #"{"share":true,"count":3,"sizes":{"medium":{"width":300}}}"#),
        (#"a:0:{}"#, "[]"),
    ])
    func decodesToJSON(serialized: String, json: String) throws {
        let decoded = try #require(PHPSerialized.decode(serialized))
        #expect(PHPSerialized.json(decoded.value) == json)
        #expect(decoded.repairedLengths == 0)
    }

    @Test func objectsKeepTheirClassAndLosePropertyVisibilityMarkers() throws {
        let serialized = "O:8:\"stdClass\":3:{s:4:\"name\";s:3:\"tag\";s:7:\"\u{0}*\u{0}slug\";s:3:\"tag\";s:11:\"\u{0}Foo\u{0}secret\";i:1;}"
        let decoded = try #require(PHPSerialized.decode(serialized))
        #expect(PHPSerialized.json(decoded.value) == #"{"__class":"stdClass","name":"tag","slug":"tag","secret":1}"#)
    }

    @Test func referencesResolveToTheValueTheyName() throws {
        // PHP numbers values from 1: the array itself is 1, its first element 2.
        let decoded = try #require(PHPSerialized.decode(#"a:2:{i:0;s:3:"one";i:1;R:2;}"#))
        #expect(PHPSerialized.json(decoded.value) == #"["one","one"]"#)
        #expect(PHPSerialized.decode(#"a:1:{i:0;r:99;}"#).map { PHPSerialized.json($0.value) } == "[null]")
    }

    @Test func lengthsBrokenByASearchAndReplaceAreRecovered() throws {
        let original = #"a:2:{s:3:"url";s:27:"http://old-domain.example/a";s:5:"title";s:1:"x";}"#
        #expect(PHPSerialized.decode(original)?.repairedLengths == 0)
        let replaced = original.replacingOccurrences(of: "http://old-domain.example", with: "https://new.example.org")
        let decoded = try #require(PHPSerialized.decode(replaced))
        #expect(decoded.repairedLengths == 1)
        #expect(PHPSerialized.json(decoded.value) == #"{"url":"https://new.example.org/a","title":"x"}"#)
        // Longer than declared, too.
        let longer = original.replacingOccurrences(of: "http://old-domain.example", with: "https://a-much-longer-domain.example.org")
        #expect(PHPSerialized.decode(longer).map { PHPSerialized.json($0.value) }
            == #"{"url":"https://a-much-longer-domain.example.org/a","title":"x"}"#)
    }

    @Test(arguments: ["1", "default", "http://x", "a:b", "", "s:5:\"abc\"", "a:2:{i:0;i:1;}", "i:1", "b:2;", "d:x;",
                      "O:8:\"stdClass\":1:{", "N;trailing", "s:-1:\"\";"])
    func plainOrBrokenTextIsNotSerialized(text: String) {
        #expect(PHPSerialized.decode(text) == nil)
    }

    @Test func deepNestingIsRefused() {
        let bomb = String(repeating: "a:1:{i:0;", count: 10_000) + "N;" + String(repeating: "}", count: 10_000)
        #expect(PHPSerialized.decode(bomb) == nil)
        let fine = String(repeating: "a:1:{i:0;", count: 100) + "N;" + String(repeating: "}", count: 100)
        #expect(PHPSerialized.decode(fine) != nil)
    }
}
