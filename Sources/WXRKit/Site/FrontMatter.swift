import Yams

/// A front matter block, built as YAML nodes and written as Yams would: keys in the order set, UTF-8 as it is,
/// strings quoted only where YAML would read them as something else.
///
/// ```swift
/// var front = FrontMatter()
/// front["title"] = .string("Café “Kyiv”: 2022")
/// front["date"] = .timestamp("2022-03-05T10:30:00+02:00")
/// front["tags"] = .list(["war", "travel"])
/// print(try front.yaml())   // ---\ntitle: 'Café “Kyiv”: 2022'\n...
/// ```
struct FrontMatter {
    private var pairs: [(key: String, node: Node)] = []

    var isEmpty: Bool { pairs.isEmpty }

    /// A value; setting `nil` (or an empty string or list) leaves the key out.
    subscript(key: String) -> Node? {
        get { pairs.first { $0.key == key }?.node }
        set {
            pairs.removeAll { $0.key == key }
            guard let newValue, !Self.isEmpty(newValue) else { return }
            pairs.append((key, newValue))
        }
    }

    var node: Node {
        .map(pairs.map { ($0.key, $0.node) })
    }

    /// The block between `---` lines, ending in a newline.
    func yaml() throws -> String {
        guard !pairs.isEmpty else { return "---\n---\n" }
        return "---\n" + (try Self.serialize(node)) + "---\n"
    }

    /// YAML for a data file or front matter: unlimited width, readable UTF-8, the bytes Yams writes.
    ///
    /// ``YAMLEmitter`` writes what we build (2% of a Hugo export's CPU samples, where Yams took 6%); Yams only
    /// what the emitter does not take and we never build (aliases, anchors, flow collections).
    /// `newLineScalarStyle` changes nothing here: Yams applies it when encoding `Codable` values, not nodes.
    static func serialize(_ node: Node) throws -> String {
        if let yaml = YAMLEmitter.yaml(for: node) { return yaml }
        return try Yams.serialize(node: node, width: -1, allowUnicode: true, newLineScalarStyle: .literal)
    }

    private static func isEmpty(_ node: Node) -> Bool {
        switch node {
        case .scalar(let scalar): scalar.string.isEmpty && scalar.style != .plain
        case .sequence(let sequence): sequence.isEmpty
        case .mapping(let mapping): mapping.isEmpty
        case .alias: false
        }
    }
}

/// Tags made once: building one builds Yams's default constructor, a dictionary, every time. Tags with a
/// name are never changed after they are made, so sharing them between threads is safe.
private enum Tags {
    nonisolated(unsafe) static let string = Tag(.str)
    nonisolated(unsafe) static let timestamp = Tag(.timestamp)
    nonisolated(unsafe) static let integer = Tag(.int)
    nonisolated(unsafe) static let boolean = Tag(.bool)
    nonisolated(unsafe) static let null = Tag(.null)
    nonisolated(unsafe) static let float = Tag(.float)
    nonisolated(unsafe) static let sequence = Tag(.seq)
    nonisolated(unsafe) static let mapping = Tag(.map)
}

extension Node {
    /// A string, quoted only when plain YAML would read it as a number, a date, a boolean or null.
    ///
    /// Tags are set, never left to Yams to resolve: its resolver runs regular expressions on every scalar,
    /// which was a third of a site export's time. Text starting with a letter that is not a YAML 1.1 word
    /// (`yes`, `off`, `null`...), or with a character no number, date or YAML word starts with, can only be a
    /// string (libyaml still quotes what its syntax needs); the rest goes through Yams's own judgement.
    static func string(_ text: String) -> Node {
        if let first = text.unicodeScalars.first {
            // Numbers, dates and `.inf` start with these; `~`, `<<` and `=` are YAML's own.
            let isWord = first.isASCII ? UInt8(first.value).isASCIILetter : first.properties.isAlphabetic
            // The longest YAML word has five letters: longer text need not be lowercased to know it is none.
            let isYAMLWord = isWord && text.utf8.count <= 5 && yamlWords.contains(text.lowercased())
            if isWord ? !isYAMLWord : !"-+.0123456789~<=".unicodeScalars.contains(first) {
                return .scalar(Node.Scalar(text, Tags.string, .any))
            }
        }
        return .scalar(Node.Scalar(text, Tags.string, text.represented().style))
    }

    private static let yamlWords: Set<String> = ["yes", "no", "y", "n", "true", "false", "on", "off", "null"]

    static func string(_ text: String?) -> Node? {
        text.map(string)
    }

    /// An ISO 8601 date as a YAML timestamp, unquoted.
    static func timestamp(_ text: String?) -> Node? {
        text.map { .scalar(Node.Scalar($0, Tags.timestamp, .plain)) }
    }

    static func integer(_ value: Int?) -> Node? {
        value.map { .scalar(Node.Scalar(String($0), Tags.integer, .plain)) }
    }

    static func boolean(_ value: Bool) -> Node {
        .scalar(Node.Scalar(value ? "true" : "false", Tags.boolean, .plain))
    }

    static func list(_ items: [String]) -> Node {
        .sequence(Node.Sequence(items.map(string), Tags.sequence))
    }

    static func list(_ nodes: [Node]) -> Node {
        .sequence(Node.Sequence(nodes, Tags.sequence))
    }

    static func map(_ pairs: [(String, Node)]) -> Node {
        .mapping(Node.Mapping(pairs.map { (string($0.0), $0.1) }, Tags.mapping))
    }

    /// A decoded PHP value: arrays with keys 0, 1, 2... as lists, other arrays and objects as maps.
    static func php(_ value: PHPValue) -> Node {
        switch value {
        case .null: return .scalar(Node.Scalar("null", Tags.null, .plain))
        case .bool(let flag): return boolean(flag)
        case .int(let number): return integer(number)!
        case .double(let number): return .scalar(Node.Scalar(number.isFinite ? String(number) : ".nan", Tags.float, .plain))
        case .string(let text): return string(text)
        case .array(let entries), .object(_, let entries):
            let isList = entries.enumerated().allSatisfy { index, entry in entry.key == .int(index) }
            if isList && !entries.isEmpty { return list(entries.map { php($0.value) }) }
            return map(entries.map { (phpKey($0.key), php($0.value)) })
        }
    }

    private static func phpKey(_ key: PHPValue) -> String {
        switch key {
        case .string(let text): text
        case .int(let number): String(number)
        default: PHPSerialized.json(key)
        }
    }
}
