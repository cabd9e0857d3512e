/// Splits post content into Gutenberg blocks, following the block grammar: `<!-- wp:name {json} -->`,
/// closers `<!-- /wp:name -->`, self-closing `<!-- wp:name {json} /-->`, namespaced `wp:plugin/name`, nesting.
///
/// Content without delimiters is one freeform block. Delimiters that don't parse stay as the HTML comments they
/// are; a closer without its opener is dropped; a block left open ends with its parent.
public enum BlockParser {
    public static func parse(_ content: String) -> [Block] {
        let bytes = Array(content.utf8)
        var stack: [Block] = [Block(name: "")]
        var position = 0
        var textStart = 0

        func flushText(upTo end: Int) {
            guard end > textStart else { return }
            stack[stack.count - 1].content.append(.html(String(decoding: bytes[textStart..<end], as: UTF8.self)))
        }
        func closeTop() {
            let block = stack.removeLast()
            stack[stack.count - 1].content.append(.block(block))
        }

        while let start = find(bytes, from: position) {
            guard let delimiter = Delimiter(bytes, at: start) else {
                position = start + 4
                continue
            }
            flushText(upTo: start)
            switch delimiter.kind {
            case .opener:
                stack.append(Block(name: delimiter.name, attributesJSON: delimiter.attributes))
            case .void:
                stack[stack.count - 1].content.append(.block(Block(name: delimiter.name, attributesJSON: delimiter.attributes)))
            case .closer:
                if let open = stack.lastIndex(where: { $0.name == delimiter.name }), open > 0 {
                    while stack.count > open { closeTop() }
                }
            }
            position = delimiter.end
            textStart = delimiter.end
        }
        flushText(upTo: bytes.count)
        while stack.count > 1 { closeTop() }
        return stack[0].content.map { item in
            switch item {
            case .block(let block): block
            case .html(let html): Block(name: nil, content: [.html(html)])
            }
        }
    }

    /// Whether content holds any block delimiter (what WordPress's `has_blocks` asks).
    public static func hasBlocks(_ content: String) -> Bool {
        content.utf8.count > 8 && content.containsBytes("!-- wp:")  // "!" is rare in HTML, "<" is everywhere
    }

    private static func find(_ bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + 4 <= bytes.count {
            if bytes[index] == UInt8(ascii: "<"), bytes[index + 1] == UInt8(ascii: "!"), bytes[index + 2] == UInt8(ascii: "-"),
               bytes[index + 3] == UInt8(ascii: "-") {
                return index
            }
            index += 1
        }
        return nil
    }

    private struct Delimiter {
        enum Kind { case opener, closer, void }
        var kind: Kind
        var name: String
        var attributes: String?
        var end: Int

        init?(_ bytes: [UInt8], at start: Int) {
            var index = start + 4
            func skipSpace() -> Bool {
                let from = index
                while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
                return index > from
            }
            func has(_ text: StaticString) -> Bool {
                let pattern = UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
                guard index + pattern.count <= bytes.count else { return false }
                for offset in 0..<pattern.count where bytes[index + offset] != pattern[offset] { return false }
                index += pattern.count
                return true
            }
            func nameSegment() -> String? {
                let from = index
                guard index < bytes.count, (0x61...0x7A).contains(bytes[index]) else { return nil }
                while index < bytes.count,
                      (0x61...0x7A).contains(bytes[index]) || (0x30...0x39).contains(bytes[index])
                        || bytes[index] == UInt8(ascii: "_") || bytes[index] == UInt8(ascii: "-") {
                    index += 1
                }
                return String(decoding: bytes[from..<index], as: UTF8.self)
            }

            guard skipSpace() else { return nil }
            let isCloser = has("/")
            guard has("wp:"), let first = nameSegment() else { return nil }
            var name = "core/" + first
            if has("/") {
                guard let second = nameSegment() else { return nil }
                name = first + "/" + second
            }
            guard skipSpace() else { return nil }
            var attributes: String?
            if !isCloser, index < bytes.count, bytes[index] == UInt8(ascii: "{") {
                // The object ends at the first "}" followed by whitespace and "-->" or "/-->".
                var scan = index
                var objectEnd: Int?
                while scan < bytes.count {
                    if bytes[scan] == UInt8(ascii: "}") {
                        var after = scan + 1
                        let spaceStart = after
                        while after < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[after]) { after += 1 }
                        if after > spaceStart {
                            if after < bytes.count, bytes[after] == UInt8(ascii: "/") { after += 1 }
                            if after + 3 <= bytes.count, bytes[after] == UInt8(ascii: "-"), bytes[after + 1] == UInt8(ascii: "-"),
                               bytes[after + 2] == UInt8(ascii: ">") {
                                objectEnd = scan
                                break
                            }
                        }
                    }
                    scan += 1
                }
                guard let objectEnd else { return nil }
                attributes = String(decoding: bytes[index...objectEnd], as: UTF8.self)
                index = objectEnd + 1
                _ = skipSpace()
            }
            let isVoid = !isCloser && has("/")
            guard has("-->") else { return nil }
            kind = isCloser ? .closer : isVoid ? .void : .opener
            self.name = name
            self.attributes = attributes
            end = index
        }
    }
}
