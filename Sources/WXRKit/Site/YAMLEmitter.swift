import Yams

/// Writes the YAML nodes we build (front matter, comment and menu data files) with the same bytes as
/// `Yams.serialize(node:width: -1, allowUnicode: true)`, without libyaml's event queue, C strings or `Data`.
///
/// libyaml's emitter is a state machine fed one event at a time; this walks the node tree instead and keeps
/// only the state that decides what is written: the indent, the column, whether the last thing written was
/// whitespace and whether the line holds nothing but indentation and indicators. Scalars get libyaml's choice
/// of style (see `YAMLEmitter+Scalar.swift`). Nothing is folded: the width is unlimited.
///
/// ```swift
/// let node = Node.map([("title", .string("Kyiv: day one")), ("tags", .list(["war", "travel"]))])
/// YAMLEmitter.yaml(for: node)   // "title: 'Kyiv: day one'\ntags:\n- war\n- travel\n"
/// ```
///
/// Scalar tags are never written, as Yams never writes them (it marks every scalar implicit); the text and
/// the style the node asks for decide everything.
struct YAMLEmitter {
    private var output: [UInt8] = []
    /// libyaml's `indent`: where the lines of the current block start; -1 before the root node.
    private var indent = -1
    /// libyaml's `column`. Exact while the line holds only indentation and indicators, the only time it is
    /// read: every scalar writer ends either at the start of a line or with `isLineIndentation` false.
    private var column = 0
    /// libyaml's `whitespace`: the last thing written was a space or a line start, so an indicator needs none.
    private var followsWhitespace = true
    /// libyaml's `indention`: the line so far is indentation and `-`, `?` or `:` indicators only.
    private var isLineIndentation = true
    /// libyaml's `open_ended == 2`: the last block scalar kept its final line breaks (`|+`), so the stream
    /// ends with `...` to mark where they end.
    private var endsWithKeptBreaks = false

    /// Where a node stands, which is all libyaml's choices depend on.
    private enum Place {
        case root, sequenceItem, mappingKeyOrValue, simpleKey

        var isInMapping: Bool { self == .mappingKeyOrValue || self == .simpleKey }
    }

    /// The YAML text of `node`, ending in a line break; nil for what we never build and so never check
    /// against libyaml: aliases, anchors, flow collections with items, collections with tags of their own.
    static func yaml(for node: Node) -> String? {
        var emitter = YAMLEmitter()
        emitter.output.reserveCapacity(1024)
        guard emitter.write(node, at: .root) else { return nil }
        emitter.writeIndent()
        if emitter.endsWithKeptBreaks {
            emitter.writeIndicator("...", needsWhitespace: true)
            emitter.writeIndent()
        }
        return String(decoding: emitter.output, as: UTF8.self)
    }

    // MARK: Nodes

    private mutating func write(_ node: Node, at place: Place) -> Bool {
        switch node {
        case .scalar(let scalar):
            guard scalar.anchor == nil else { return false }
            var text = scalar.string
            text.withUTF8 { utf8 in
                writeScalar(utf8, style: scalar.style, traits: ScalarTraits(utf8), isSimpleKey: place == .simpleKey)
            }
            return true
        case .sequence(let sequence):
            guard sequence.anchor == nil, Self.isImplicit(sequence.tag, standard: .seq) else { return false }
            if sequence.isEmpty {
                writeEmptyCollection(opening: "[", closing: "]")
                return true
            }
            return sequence.style != .flow && writeBlockSequence(sequence, at: place)
        case .mapping(let mapping):
            guard mapping.anchor == nil, Self.isImplicit(mapping.tag, standard: .map) else { return false }
            if mapping.isEmpty {
                writeEmptyCollection(opening: "{", closing: "}")
                return true
            }
            return mapping.style != .flow && writeBlockMapping(mapping)
        case .alias:
            return false
        }
    }

    /// Whether Yams marks the collection implicit, which leaves its tag unwritten: it resolves an implicit
    /// or non-specific tag to the standard one before it compares.
    private static func isImplicit(_ tag: Tag, standard: Tag.Name) -> Bool {
        let name = tag.rawValue
        return name == standard.rawValue || name == Tag.Name.implicit.rawValue || name == Tag.Name.nonSpecific.rawValue
    }

    /// `[]` or `{}`: libyaml writes an empty collection in flow style whatever style it asks for.
    private mutating func writeEmptyCollection(opening: StaticString, closing: StaticString) {
        writeIndicator(opening, needsWhitespace: true, isWhitespace: true)
        writeIndicator(closing, needsWhitespace: false)
    }

    private mutating func writeBlockSequence(_ sequence: Node.Sequence, at place: Place) -> Bool {
        let outer = indent
        // A mapping's value starting on the key's line (`key:` then `- a`) keeps the key's indent.
        increaseIndent(isFlow: false, isIndentless: place.isInMapping && !isLineIndentation)
        for item in sequence {
            writeIndent()
            writeIndicator("-", needsWhitespace: true, keepsLineIndentation: true)
            guard write(item, at: .sequenceItem) else { return false }
        }
        indent = outer
        return true
    }

    private mutating func writeBlockMapping(_ mapping: Node.Mapping) -> Bool {
        let outer = indent
        increaseIndent(isFlow: false, isIndentless: false)
        // By index: Yams makes a mapping's iterator by copying every pair into a new array.
        for index in mapping.startIndex ..< mapping.endIndex {
            let (key, value) = mapping[index]
            writeIndent()
            guard writeKey(key), write(value, at: .mappingKeyOrValue) else { return false }
        }
        indent = outer
        return true
    }

    /// A key and the `:` after it. libyaml writes a key as `key:` when it is one line of at most 128 bytes
    /// (or an empty collection), and any other as `? key`, with the `:` on a line of its own.
    private mutating func writeKey(_ key: Node) -> Bool {
        switch key {
        case .scalar(let scalar):
            guard scalar.anchor == nil else { return false }
            var text = scalar.string
            text.withUTF8 { utf8 in
                let traits = ScalarTraits(utf8)
                if !traits.isMultiline && utf8.count <= 128 {
                    writeScalar(utf8, style: scalar.style, traits: traits, isSimpleKey: true)
                    writeIndicator(":", needsWhitespace: false)
                } else {
                    writeIndicator("?", needsWhitespace: true, keepsLineIndentation: true)
                    writeScalar(utf8, style: scalar.style, traits: traits, isSimpleKey: false)
                    writeComplexKeyEnd()
                }
            }
            return true
        case .sequence(let sequence) where sequence.isEmpty:
            guard write(key, at: .simpleKey) else { return false }
            writeIndicator(":", needsWhitespace: false)
            return true
        case .mapping(let mapping) where mapping.isEmpty:
            guard write(key, at: .simpleKey) else { return false }
            writeIndicator(":", needsWhitespace: false)
            return true
        case .sequence, .mapping:
            writeIndicator("?", needsWhitespace: true, keepsLineIndentation: true)
            guard write(key, at: .mappingKeyOrValue) else { return false }
            writeComplexKeyEnd()
            return true
        case .alias:
            return false
        }
    }

    private mutating func writeComplexKeyEnd() {
        writeIndent()
        writeIndicator(":", needsWhitespace: true, keepsLineIndentation: true)
    }

    // MARK: Scalars

    private mutating func writeScalar(_ text: UnsafeBufferPointer<UInt8>, style requested: Node.Scalar.Style,
                                      traits: ScalarTraits, isSimpleKey: Bool) {
        let outer = indent
        increaseIndent(isFlow: true, isIndentless: false)
        switch traits.style(for: requested, isEmpty: text.isEmpty, isSimpleKey: isSimpleKey) {
        case .any, .plain: writePlain(text)
        case .singleQuoted: writeSingleQuoted(text, traits: traits)
        case .doubleQuoted: writeDoubleQuoted(text)
        case .literal: writeBlockScalar(text, isFolded: false)
        case .folded: writeBlockScalar(text, isFolded: true)
        }
        indent = outer
    }

    /// Plain text has no line breaks: the style is only chosen for text on one line.
    private mutating func writePlain(_ text: UnsafeBufferPointer<UInt8>) {
        // An empty value writes nothing, not even the space after `key:`.
        if !followsWhitespace && !text.isEmpty { put(.space) }
        output.append(contentsOf: text)
        followsWhitespace = false
        isLineIndentation = false
    }

    private mutating func writeSingleQuoted(_ text: UnsafeBufferPointer<UInt8>, traits: ScalarTraits) {
        writeIndicator("'", needsWhitespace: true)
        if traits.isMultiline || traits.hasApostrophe {
            writeSingleQuotedCharacters(text)
        } else {
            output.append(contentsOf: text)
        }
        writeIndicator("'", needsWhitespace: false)
        followsWhitespace = false
        isLineIndentation = false
    }

    /// Apostrophes doubled; a line feed written twice, since one alone would read back as a space; the next
    /// line indented. Single quotes are never chosen for text with spaces beside a line break.
    private mutating func writeSingleQuotedCharacters(_ text: UnsafeBufferPointer<UInt8>) {
        var afterBreak = false
        var index = 0
        while index < text.count {
            let byte = text[index]
            if byte == .space {
                output.append(byte)
                index += 1
            } else if let breakWidth = UTF8Text.lineBreakWidth(text, at: index) {
                if !afterBreak && byte == .lineFeed { putLineBreak() }
                writeLineBreak(text, at: index, width: breakWidth)
                afterBreak = true
                index += breakWidth
            } else {
                if afterBreak { writeIndent() }
                if byte == .apostrophe { output.append(.apostrophe) }
                // This character, then those up to the next that may need more than copying.
                var end = index + UTF8Text.width(ofCharacterStartingWith: byte)
                while end < text.count, case let width = UTF8Text.inertWidth(text, at: end), width > 0 { end += width }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: text[index ..< end]))
                isLineIndentation = false
                afterBreak = false
                index = end
            }
        }
        if afterBreak { writeIndent() }
    }

    private mutating func writeDoubleQuoted(_ text: UnsafeBufferPointer<UInt8>) {
        writeIndicator("\"", needsWhitespace: true)
        var unescaped = 0   // start of the characters not yet written, written in one go
        var index = 0
        while index < text.count {
            let byte = text[index]
            // Most characters are written as they are: pass them without the full checks.
            let inertWidth = byte == .quotationMark || byte == .backslash ? 0 : UTF8Text.inertWidth(text, at: index)
            if inertWidth > 0 || byte == .space {
                index += max(inertWidth, 1)
                continue
            }
            let width = UTF8Text.width(ofCharacterStartingWith: byte)
            if UTF8Text.needsEscape(text, at: index) {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: text[unescaped ..< index]))
                writeEscape(UTF8Text.codePoint(text, at: index, width: width))
                unescaped = index + width
            }
            index += width
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: text[unescaped...]))
        writeIndicator("\"", needsWhitespace: false)
        followsWhitespace = false
        isLineIndentation = false
    }

    /// YAML's short escapes where there is one, else `\x`, `\u` or `\U` with upper-case hex digits.
    private mutating func writeEscape(_ codePoint: UInt32) {
        output.append(.backslash)
        let letter: Character? = switch codePoint {
        case 0x00: "0"
        case 0x07: "a"
        case 0x08: "b"
        case 0x09: "t"
        case 0x0A: "n"
        case 0x0B: "v"
        case 0x0C: "f"
        case 0x0D: "r"
        case 0x1B: "e"
        case 0x22: "\""
        case 0x5C: "\\"
        case 0x85: "N"
        case 0xA0: "_"
        case 0x2028: "L"
        case 0x2029: "P"
        default: nil
        }
        if let letter {
            output.append(letter.asciiValue!)
            return
        }
        let (marker, digits): (UInt8, Int) = codePoint <= 0xFF ? (UInt8(ascii: "x"), 2)
            : codePoint <= 0xFFFF ? (UInt8(ascii: "u"), 4) : (UInt8(ascii: "U"), 8)
        output.append(marker)
        for shift in stride(from: (digits - 1) * 4, through: 0, by: -4) {
            let digit = UInt8((codePoint >> UInt32(shift)) & 0xF)
            output.append(digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "A") + digit - 10)
        }
    }

    /// `|` or `>`, its hints, then the lines indented. Never chosen for text with a space before a line
    /// break, trailing spaces, or characters that must be escaped.
    private mutating func writeBlockScalar(_ text: UnsafeBufferPointer<UInt8>, isFolded: Bool) {
        writeIndicator(isFolded ? ">" : "|", needsWhitespace: true)
        writeBlockScalarHints(text)
        putLineBreak()
        isLineIndentation = true
        followsWhitespace = true
        var afterBreak = true
        var lineStartsBlank = true   // folded only: a line starting with a blank is never folded into the last
        var index = 0
        while index < text.count {
            let byte = text[index]
            if let breakWidth = UTF8Text.lineBreakWidth(text, at: index) {
                // Folded text reads one line feed between two lines as a space: write it twice.
                if isFolded && !afterBreak && !lineStartsBlank && byte == .lineFeed {
                    var next = index
                    while let width = UTF8Text.lineBreakWidth(text, at: next) { next += width }
                    if !UTF8Text.isBlankOrEnd(text, at: next) { putLineBreak() }
                }
                writeLineBreak(text, at: index, width: breakWidth)
                afterBreak = true
                index += breakWidth
            } else {
                if afterBreak {
                    writeIndent()
                    lineStartsBlank = byte == .space || byte == .tab
                }
                let width = UTF8Text.width(ofCharacterStartingWith: byte)
                output.append(contentsOf: UnsafeBufferPointer(rebasing: text[index ..< index + width]))
                isLineIndentation = false
                afterBreak = false
                index += width
            }
        }
    }

    /// An indentation indicator when the text starts with a space or a line break (the reader could not
    /// guess the indent), and `-` (strip) or `+` (keep) unless the text ends in exactly one line break.
    private mutating func writeBlockScalarHints(_ text: UnsafeBufferPointer<UInt8>) {
        if text.first == .space || UTF8Text.lineBreakWidth(text, at: 0) != nil {
            writeIndicator("2", needsWhitespace: false)
        }
        endsWithKeptBreaks = false
        guard let last = UTF8Text.startOfCharacter(before: text.count, in: text),
              UTF8Text.lineBreakWidth(text, at: last) != nil
        else {
            writeIndicator("-", needsWhitespace: false)
            return
        }
        let beforeLast = UTF8Text.startOfCharacter(before: last, in: text)
        if beforeLast.map({ UTF8Text.lineBreakWidth(text, at: $0) != nil }) ?? true {
            writeIndicator("+", needsWhitespace: false)
            endsWithKeptBreaks = true
        }
    }

    // MARK: Output

    private mutating func increaseIndent(isFlow: Bool, isIndentless: Bool) {
        if indent < 0 {
            indent = isFlow ? 2 : 0
        } else if !isIndentless {
            indent += 2
        }
    }

    /// Starts a new line unless this one holds only indentation short of the indent, then pads to it.
    private mutating func writeIndent() {
        let target = max(indent, 0)
        if !isLineIndentation || column > target || (column == target && !followsWhitespace) {
            putLineBreak()
        }
        while column < target { put(.space) }
        followsWhitespace = true
        isLineIndentation = true
    }

    private mutating func writeIndicator(_ indicator: StaticString, needsWhitespace: Bool,
                                         isWhitespace: Bool = false, keepsLineIndentation: Bool = false) {
        if needsWhitespace && !followsWhitespace { put(.space) }
        indicator.withUTF8Buffer { output.append(contentsOf: $0) }
        column += indicator.utf8CodeUnitCount
        followsWhitespace = isWhitespace
        isLineIndentation = isLineIndentation && keepsLineIndentation
    }

    private mutating func put(_ byte: UInt8) {
        output.append(byte)
        column += 1
    }

    private mutating func putLineBreak() {
        output.append(.lineFeed)
        column = 0
    }

    /// A line feed as the output's line break; U+2028 and U+2029 as they are.
    private mutating func writeLineBreak(_ text: UnsafeBufferPointer<UInt8>, at index: Int, width: Int) {
        if text[index] == .lineFeed {
            putLineBreak()
        } else {
            output.append(contentsOf: UnsafeBufferPointer(rebasing: text[index ..< index + width]))
            column = 0
        }
        isLineIndentation = true
    }
}

extension UInt8 {
    fileprivate static let space = UInt8(ascii: " ")
    fileprivate static let tab = UInt8(ascii: "\t")
    fileprivate static let lineFeed = UInt8(ascii: "\n")
    fileprivate static let apostrophe = UInt8(ascii: "'")
    fileprivate static let backslash = UInt8(ascii: "\\")
    fileprivate static let quotationMark = UInt8(ascii: "\"")
}
