/// The readable text of post HTML, for search: tags, comments (Gutenberg's block delimiters among them) and
/// shortcode brackets removed, entities decoded, whitespace collapsed.
public enum PlainText {
    /// Plain text of `html`, e.g. for a full-text index.
    public static func of(_ html: String) -> String {
        var html = html
        return html.withUTF8 { bytes in
            var text = Builder(capacity: bytes.count)
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "<"):
                    if index + 3 < count, bytes[index + 1] == UInt8(ascii: "!"), bytes[index + 2] == UInt8(ascii: "-"),
                       bytes[index + 3] == UInt8(ascii: "-") {
                        index = find(bytes, "-->", from: index + 4).map { $0 + 3 } ?? count
                    } else if index + 1 < count, isTagStart(bytes[index + 1]) {
                        index = find(bytes, ">", from: index + 1).map { $0 + 1 } ?? count
                    } else {
                        text.emit(byte)
                        index += 1
                        continue
                    }
                    text.pendingSpace = true
                case UInt8(ascii: "&"):
                    if let (decoded, end) = entity(bytes, at: index) {
                        for decodedByte in decoded.utf8 { text.emit(decodedByte) }
                        index = end
                    } else {
                        text.emit(byte)
                        index += 1
                    }
                case 0x20, 0x09, 0x0A, 0x0D:
                    text.pendingSpace = true
                    index += 1
                default:
                    text.emit(byte)
                    index += 1
                }
            }
            return String(decoding: text.output, as: UTF8.self)
        }
    }

    /// Output bytes with whitespace collapsed: a run of spaces becomes one, none leads.
    private struct Builder {
        var output: [UInt8] = []
        var pendingSpace = false

        init(capacity: Int) { output.reserveCapacity(capacity) }

        mutating func emit(_ byte: UInt8) {
            if pendingSpace && !output.isEmpty { output.append(0x20) }
            pendingSpace = false
            output.append(byte)
        }
    }

    private static func isTagStart(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "!")
            || byte == UInt8(ascii: "?")
    }

    private static func find(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: StaticString, from start: Int) -> Int? {
        let needle = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        guard bytes.count >= needle.count else { return nil }
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0] {
                var matched = true
                for offset in 1..<needle.count where bytes[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }

    /// An entity at `start` ("&amp;", "&#8217;", "&#x2019;"), decoded, and the index after it.
    private static func entity(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (String, Int)? {
        var end = start + 1
        while end < bytes.count, end - start < 12, bytes[end] != UInt8(ascii: ";") { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: ";"), end > start + 1 else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[(start + 1)..<end]), as: UTF8.self)
        guard let scalar = HTMLEntities.scalar(forReference: name[...]) else { return nil }
        return (String(Character(scalar)), end + 1)
    }
}
