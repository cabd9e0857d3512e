/// What an "&" in an export starts, as the sanitizer must tell it before libxml2 sees it: a reference XML
/// defines, an HTML entity (which XML does not), a name nothing defines, or no reference at all. For
/// example `&nbsp;` is `.html(name: "nbsp", character: [0xC2, 0xA0], length: 6)`, the "&" of `AT&T` a
/// `.bareAmpersand`.
enum EntityReference: Equatable {
    /// One of XML's five entities, or a character reference to a character XML allows: kept.
    case xml(length: Int)
    /// A character reference to a character XML forbids (`&#1;`); the name keeps its "#".
    case forbiddenCharacter(name: String, length: Int)
    /// An HTML entity (`&nbsp;`), with its character written as XML text.
    case html(name: String, character: [UInt8], length: Int)
    /// A name no one defines (`&bogus;`): declared entities are never expanded.
    case undefined(name: String, length: Int)
    /// An "&" that starts no reference, as in a URL's query string.
    case bareAmpersand

    /// A reference longer than this is a bare "&" followed by text.
    private static let lengthLimit = 40

    /// Reads the "&" at `index` of the `count` bytes at `start`, and what follows it. Nil when the bytes end
    /// before the reference can be told apart, and more may come (`isLast` false).
    init?(_ start: UnsafePointer<UInt8>, count: Int, at index: Int, isLast: Bool) {
        var end = index + 1
        let limit = min(count, index + Self.lengthLimit)
        while end < limit, Self.isNameByte(start[end]) { end += 1 }
        if end == limit && limit < index + Self.lengthLimit && !isLast { return nil }
        let name = UnsafeBufferPointer(start: start + index + 1, count: end - index - 1)
        guard end < count, start[end] == UInt8(ascii: ";"), !name.isEmpty else {
            self = .bareAmpersand
            return
        }
        let length = end + 1 - index
        if name.first == UInt8(ascii: "#") {
            let isAllowed = Self.characterReference(name.dropFirst()) != nil
            self = isAllowed ? .xml(length: length)
                : .forbiddenCharacter(name: String(decoding: name, as: UTF8.self), length: length)
            return
        }
        let text = String(decoding: name, as: UTF8.self)
        switch text {
        case "lt", "gt", "amp", "apos", "quot":
            self = .xml(length: length)
        default:
            if let codePoint = HTMLEntities.codePoints[text], let scalar = Unicode.Scalar(codePoint) {
                self = .html(name: text, character: Self.xmlText(scalar), length: length)
            } else {
                self = .undefined(name: text, length: length)
            }
        }
    }

    /// The scalar of a character reference's digits (`"233"`, `"xE9"`) when XML allows that character.
    private static func characterReference(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> Unicode.Scalar? {
        var body = digits[...]
        var radix: UInt32 = 10
        if body.first == UInt8(ascii: "x") { radix = 16; body = body.dropFirst() }
        guard !body.isEmpty, body.count <= 8 else { return nil }
        var value: UInt32 = 0
        for byte in body {
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f") where radix == 16: digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F") where radix == 16: digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
            value = value * radix + digit
        }
        switch value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return Unicode.Scalar(value)
        default: return nil
        }
    }

    /// A character as XML text: the five markup characters as references, others as UTF-8.
    private static func xmlText(_ scalar: Unicode.Scalar) -> [UInt8] {
        switch scalar {
        case "<": Array("&lt;".utf8)
        case ">": Array("&gt;".utf8)
        case "&": Array("&amp;".utf8)
        case "\"": Array("&quot;".utf8)
        case "'": Array("&apos;".utf8)
        default: Array(String(Character(scalar)).utf8)
        }
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "#"), UInt8(ascii: "_"), UInt8(ascii: "-"),
             UInt8(ascii: "."):
            true
        default:
            false
        }
    }
}
