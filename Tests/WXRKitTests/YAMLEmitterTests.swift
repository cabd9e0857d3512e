import Testing
import Yams
@testable import WXRKit

/// `YAMLEmitter` must write the bytes Yams (libyaml) writes for the same node, so that switching changed no
/// output: every expectation here is Yams's own output, and a few are also spelled out where the rule is subtle.
@Suite struct YAMLEmitterTests {
    /// What `FrontMatter` asked Yams for before `YAMLEmitter` took over.
    static func yams(_ node: Node) throws -> String {
        try Yams.serialize(node: node, width: -1, allowUnicode: true, newLineScalarStyle: .literal)
    }

    // MARK: Differential

    /// Catches any rule of libyaml's the emitter gets wrong: a style chosen differently, an escape, an indent, a
    /// missing `?` key, a block scalar's hints. Thousands of nodes built from awkward fragments, each compared
    /// byte for byte with Yams, then read back.
    @Test func randomNodesMatchYamsByteForByte() throws {
        var generator = NodeGenerator(seed: 0x5EED_2026)
        var mismatches: [String] = []
        var unreadable: [String] = []
        for _ in 0 ..< 4000 {
            let (node, readsBack) = generator.rootNode()
            let expected = try Self.yams(node)
            let actual = YAMLEmitter.yaml(for: node)
            if actual != expected {
                let ours = actual?.debugDescription ?? "nil (left to Yams)"
                mismatches.append("node: \(node)\nYams: \(expected.debugDescription)\nours: \(ours)")
                continue
            }
            // Same bytes, so this checks libyaml's choices as much as ours; still, the point of the output.
            if readsBack, let actual, (try? Yams.compose(yaml: actual)) != node {
                unreadable.append("node: \(node)\nyaml: \(actual.debugDescription)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) differ:\n\(mismatches.prefix(5).joined(separator: "\n\n"))")
        #expect(unreadable.isEmpty, "\(unreadable.count) read back wrong:\n\(unreadable.prefix(5).joined(separator: "\n\n"))")
    }

    /// Every fragment alone, under each style a node can ask for, as a value, a list item, a key and the root:
    /// the single-character cases the random mix might draw too rarely.
    @Test(arguments: NodeGenerator.fragments)
    func everyFragmentMatchesYamsInEveryStyleAndPlace(fragment: String) throws {
        let texts = [fragment, "a\(fragment)", "\(fragment)a", "a\(fragment)b", "\(fragment)\(fragment)", "x \(fragment)", "\(fragment) x"]
        for text in texts {
            for style in NodeGenerator.styles {
                let scalar = Node.scalar(Node.Scalar(text, Tag(.str), style))
                for node in [scalar, .list([scalar]), .map([("key", scalar)]),
                             .mapping(Node.Mapping([(scalar, .string("value"))], Tag(.map)))] {
                    let expected = try Self.yams(node)
                    #expect(YAMLEmitter.yaml(for: node) == expected, "\(node)")
                }
            }
        }
    }

    // MARK: Named rules

    /// Nodes and the YAML libyaml writes for them (Yams's `Node` is not `Sendable`, so not test arguments).
    static var namedCases: [(Node, String)] { [
        // libyaml does not indent a block sequence that is a mapping's value.
        (Node.map([("tags", .list(["a", "b"]))]), "tags:\n- a\n- b\n"),
        (Node.list([.map([("id", .integer(1)!), ("author", .string("x"))])]), "- id: 1\n  author: x\n"),
        (Node.list([.list(["a", "b"]), .list([String]())]), "- - a\n  - b\n- []\n"),
        (Node.map([("a", .map([("b", .map([]))]))]), "a:\n  b: {}\n"),
        (Node.map([]), "{}\n"),
        // `: ` and ` #` inside, a trailing `:`, indicators first: quoted; `a:b`, `a#b`, `-a` are plain.
        (Node.list(["a:b", "a: b", "a:", "a#b", "a #b", "-a", "- a", "?a", "? a", "@a", "%a", "`a"]),
         "- a:b\n- 'a: b'\n- 'a:'\n- a#b\n- 'a #b'\n- -a\n- '- a'\n- ?a\n- '? a'\n- '@a'\n- '%a'\n- '`a'\n"),
        // What YAML would read as another type is quoted by `Node.string`, not by the emitter.
        (Node.list(["yes", "1e3", "2020-01-02", "~", ""]), "- 'yes'\n- '1e3'\n- '2020-01-02'\n- '~'\n- ''\n"),
        (Node.map([("empty", .scalar(Node.Scalar("", Tag(.str), .any)))]), "empty:\n"),
        // Tabs, emoji, control characters and U+FEFF are escaped; a line feed in single quotes is doubled.
        (Node.list(["a\tb", "🎉 x", "bell\u{07}", "\u{FEFF}bom", "nel\u{85}", "nb\u{A0}sp"]),
         "- \"a\\tb\"\n- \"\\U0001F389 x\"\n- \"bell\\a\"\n- \"\\uFEFFbom\"\n- \"nel\\N\"\n- nb\u{A0}sp\n"),
        (Node.list(["two\nlines", "it's\n", "cr\r\nlf"]), "- 'two\n\n  lines'\n- 'it''s\n\n  '\n- \"cr\\r\\nlf\"\n"),
        // A key longer than 128 bytes, or on more than one line, goes after `?`.
        (Node.map([(String(repeating: "k", count: 129), .string("v"))]), "? \(String(repeating: "k", count: 129))\n: v\n"),
        (Node.map([(String(repeating: "k", count: 128), .string("v"))]), "\(String(repeating: "k", count: 128)): v\n"),
        (Node.map([("a\nb", .list(["x"]))]), "? 'a\n\n  b'\n: - x\n"),
    ] }

    @Test func writesWhatLibyamlWrites() throws {
        for (node, yaml) in Self.namedCases {
            #expect(YAMLEmitter.yaml(for: node) == yaml, "\(node)")
            #expect(try Self.yams(node) == yaml, "\(node)")
        }
    }

    /// Literal blocks: strip, clip and keep; an indentation indicator when the text starts with a space or a
    /// break; `...` after a kept final break; double quotes when a space ends a line.
    @Test(arguments: [
        ("one\ntwo", "text: |-\n  one\n  two\n"),
        ("one\ntwo\n", "text: |\n  one\n  two\n"),
        ("one\n\n", "text: |+\n  one\n\n...\n"),
        (" indented\nline", "text: |2-\n   indented\n  line\n"),
        ("\nafter a break", "text: |2-\n\n  after a break\n"),
        ("trailing \nspace", "text: \"trailing \\nspace\"\n"),
        ("", "text: \"\"\n"),
    ])
    func literalBlocks(text: String, yaml: String) throws {
        let node = Node.map([("text", .scalar(Node.Scalar(text, Tag(.str), .literal)))])
        #expect(YAMLEmitter.yaml(for: node) == yaml)
        #expect(try Self.yams(node) == yaml)
    }

    /// What the emitter does not take goes back to Yams, so nothing is ever written wrong.
    @Test func leavesAliasesAndFlowCollectionsToYams() throws {
        #expect(YAMLEmitter.yaml(for: .alias(Node.Alias("a"))) == nil)
        #expect(YAMLEmitter.yaml(for: Node(["a"], .implicit, .flow)) == nil)
        #expect(YAMLEmitter.yaml(for: .sequence(Node.Sequence(["a"], Tag("!custom")))) == nil)
        let flow = Node(["a", "b"], .implicit, .flow)
        #expect(try FrontMatter.serialize(flow) == Self.yams(flow))
    }
}

/// Deterministic nodes as `FrontMatter` builds them, from text fragments that each touch one of libyaml's rules.
struct NodeGenerator {
    static let fragments = [
        "", " ", "  ", "\t", ":", ": ", " :", "#", " #", "# ", "-", "- ", "--", "---", "...", "?", "? ", "[", "]", "{",
        "}", ",", "&", "*", "!", "|", ">", "'", "''", "\"", "%", "@", "`", "\\", "\n", "\r", "\r\n", "\n\n", " \n", "\n ",
        "a", "word", "Hello world", "yes", "No", "null", "~", "true", "2020-01-02", "2022-03-05T10:30:00+02:00", "1e3",
        "0x1F", ".5", "12", "-7", "+1", "1_000", "12:30", "<<", "=", "é", "Café", "Київ", "漢字", "“quoted” — it’s",
        "🎉", "👍🏽",
        "\u{00}", "\u{07}", "\u{08}", "\u{0B}", "\u{0C}", "\u{1B}", "\u{1F}", "\u{7F}", "\u{80}", "\u{9F}", "\u{A0}",
        "\u{FEFF}", "\u{FFFE}", "\u{FFFD}", "\u{2028}", "\u{2029}", "\u{85}", "\u{200B}", "\u{E000}", "\u{D7FF}",
    ]
    static var styles: [Node.Scalar.Style] { [.any, .plain, .singleQuoted, .doubleQuoted, .literal, .folded] }

    private var state: UInt64
    /// Whether reading the YAML of the node being built must give it again; see `rootNode()`.
    private var readsBack = true

    init(seed: UInt64) { state = seed }

    /// SplitMix64: the same nodes on every run and platform.
    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    private mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    private mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    mutating func text() -> String {
        if chance(8) { return "" }
        if chance(3) { return String(repeating: pick(["ab ", "x", "é"]), count: 40 + below(30)) }   // past 128 bytes
        var text = ""
        for _ in 0 ..< 1 + below(5) {
            text += chance(60) ? Self.fragments[below(Self.fragments.count)] : pick(["a", "b c", "z"])
        }
        if text.unicodeScalars.first == "\u{FEFF}" { readsBack = false }
        return text
    }

    /// A node, and whether reading its YAML back must give it again. Not when a node asks for plain style on
    /// text YAML would read as another type (`FrontMatter` never builds those), nor when a text starts with
    /// U+FEFF: Yams reads it back without it however it is written (`"\uFEFFa"`, `'` U+FEFF `a'`, a block).
    mutating func rootNode() -> (Node, Bool) {
        readsBack = true
        let node: Node = switch below(10) {
        case 0: value(depth: 0)
        case 1: .list((0 ..< below(4)).map { _ in value(depth: 1) })
        default: map(depth: 0)
        }
        return (node, readsBack)
    }

    private mutating func map(depth: Int) -> Node {
        var pairs: [(String, Node)] = []
        var keys: Set<String> = []
        for _ in 0 ..< below(depth == 0 ? 7 : 4) {
            let key = chance(70) ? pick(["title", "date", "tags", "id", "author", "content"]) : text()
            guard keys.insert(key).inserted else { continue }
            pairs.append((key, value(depth: depth + 1)))
        }
        return .map(pairs)
    }

    private mutating func value(depth: Int) -> Node {
        switch below(depth > 2 ? 6 : 10) {
        case 0: return .timestamp(pick(["2022-03-05T10:30:00+02:00", "2020-01-02", "2001-12-14 21:59:43.10 -5"]))!
        case 1: return .integer(pick([0, -7, 14, Int.max]))!
        case 2: return .boolean(chance(50))
        case 3:
            let style = pick(Self.styles)
            let text = text()
            if style == .plain || style == .any { readsBack = false }
            return .scalar(Node.Scalar(text, Tag(.str), style))
        case 4, 5: return .string(text())
        case 6: return .list((0 ..< below(4)).map { _ in text() })
        case 7: return .list((0 ..< below(4)).map { _ in value(depth: depth + 1) })
        case 8: return map(depth: depth)
        default: return .php(php(depth: depth))
        }
    }

    private mutating func php(depth: Int) -> PHPValue {
        switch below(depth > 2 ? 5 : 7) {
        case 0: return .null
        case 1: return .bool(chance(50))
        case 2: return .int(below(1000) - 500)
        case 3: return .double(pick([0.5, -2.25, 1024.0]))
        case 4: return .string(text())
        case 5: return .array((0 ..< below(4)).map { PHPEntry(key: .int($0), value: php(depth: depth + 1)) })
        default:
            var seen: Set<String> = []
            let entries = (0 ..< below(4)).compactMap { _ -> PHPEntry? in
                let key = text()
                return seen.insert(key).inserted ? PHPEntry(key: .string(key), value: php(depth: depth + 1)) : nil
            }
            return .array(entries)
        }
    }
}
