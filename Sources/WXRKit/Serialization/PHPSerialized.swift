/// A value decoded from PHP's `serialize()` format, as WordPress stores arrays and objects in meta.
public indirect enum PHPValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    /// An array: keys (ints or strings) and values, in order.
    case array([PHPEntry])
    /// An object, with private and protected markers stripped from its property names.
    case object(className: String, properties: [PHPEntry])
}

/// One key and value of a PHP array or object.
public struct PHPEntry: Sendable, Hashable {
    public var key: PHPValue
    public var value: PHPValue

    public init(key: PHPValue, value: PHPValue) {
        self.key = key
        self.value = value
    }
}

/// Decodes PHP-serialized text, recovering string lengths that a search-and-replace broke.
///
/// ```swift
/// let decoded = PHPSerialized.decode(#"a:1:{s:3:"url";s:19:"https://example.org";}"#)
/// PHPSerialized.json(decoded!.value)   // {"url":"https://example.org"}
/// ```
public enum PHPSerialized {
    public struct Decoded: Sendable, Hashable {
        public var value: PHPValue
        /// How many `s:N:` lengths were wrong and were recovered from where the string really ends.
        public var repairedLengths: Int
    }

    /// The decoded value, or nil when `text` is not PHP-serialized data (most meta values are plain text).
    public static func decode(_ text: String) -> Decoded? {
        var text = text
        return text.withUTF8 { bytes -> Decoded? in
            guard let first = bytes.first, "abdiNOsCrR".utf8.contains(first), bytes.count >= 2 else { return nil }
            var parser = Parser(bytes: bytes)
            guard let value = parser.value(depth: 0) else { return nil }
            while parser.position < bytes.count, Parser.isSpace(bytes[parser.position]) { parser.position += 1 }
            guard parser.position == bytes.count else { return nil }
            return Decoded(value: value, repairedLengths: parser.repaired)
        }
    }

    /// The value as compact JSON: arrays keyed 0, 1, 2... become JSON arrays, other arrays and objects JSON
    /// objects (objects with a `"__class"` member); INF and NAN become null.
    public static func json(_ value: PHPValue) -> String {
        var writer = JSONWriter(capacity: 256)
        write(value, into: &writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    private static func write(_ value: PHPValue, into writer: inout JSONWriter) {
        switch value {
        case .null: writer.value(nil as String?)
        case .bool(let flag): writer.value(flag)
        case .int(let number): writer.value(number)
        case .double(let number): writer.value(number)
        case .string(let string): writer.value(string)
        case .array(let entries):
            let isList = entries.enumerated().allSatisfy { index, entry in entry.key == .int(index) }
            if isList {
                writer.beginArray()
                for entry in entries { write(entry.value, into: &writer) }
                writer.endArray()
            } else {
                writer.beginObject()
                for entry in entries {
                    writer.dynamicKey(keyText(entry.key))
                    write(entry.value, into: &writer)
                }
                writer.endObject()
            }
        case .object(let className, let properties):
            writer.beginObject()
            writer.key("__class")
            writer.value(className)
            for property in properties {
                writer.dynamicKey(keyText(property.key))
                write(property.value, into: &writer)
            }
            writer.endObject()
        }
    }

    private static func keyText(_ key: PHPValue) -> String {
        switch key {
        case .int(let number): String(number)
        case .string(let string): string
        case .bool(let flag): flag ? "1" : "0"
        case .double(let number): String(number)
        default: ""
        }
    }

    /// A recursive-descent parser over the bytes; every read is bounds-checked.
    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0
        var repaired = 0
        /// Every value in order, for `r:` and `R:` references (PHP numbers them from 1).
        var values: [PHPValue] = []

        static let maximumDepth = 512

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        static func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
        }

        mutating func value(depth: Int) -> PHPValue? {
            guard depth < Self.maximumDepth, position < bytes.count else { return nil }
            let type = bytes[position]
            position += 1
            switch type {
            case UInt8(ascii: "N"):
                guard expect(";") else { return nil }
                return record(.null)
            case UInt8(ascii: "b"):
                guard expect(":"), let number = integer(until: ";"), number == 0 || number == 1 else { return nil }
                return record(.bool(number == 1))
            case UInt8(ascii: "i"):
                guard expect(":"), let number = integer(until: ";") else { return nil }
                return record(.int(number))
            case UInt8(ascii: "d"):
                guard expect(":"), let text = token(until: ";") else { return nil }
                switch text {
                case "INF": return record(.double(.infinity))
                case "-INF": return record(.double(-.infinity))
                case "NAN": return record(.double(.nan))
                default:
                    guard let number = Double(text) else { return nil }
                    return record(.double(number))
                }
            case UInt8(ascii: "s"):
                guard expect(":"), let length = integer(until: ":"), length >= 0, expect("\""),
                      let string = string(declaredLength: length) else { return nil }
                return record(.string(string))
            case UInt8(ascii: "a"):
                guard expect(":"), let count = integer(until: ":"), count >= 0, expect("{") else { return nil }
                let slot = reserve()
                guard let entries = entries(count: count, depth: depth) else { return nil }
                return fill(slot, .array(entries))
            case UInt8(ascii: "O"):
                guard expect(":"), let length = integer(until: ":"), length >= 0, expect("\""),
                      let className = string(declaredLength: length, then: ":"),
                      let count = integer(until: ":"), count >= 0, expect("{") else { return nil }
                let slot = reserve()
                guard let properties = entries(count: count, depth: depth) else { return nil }
                let named = properties.map { entry -> PHPEntry in
                    guard case .string(let name) = entry.key else { return entry }
                    return PHPEntry(key: .string(Self.bareName(name)), value: entry.value)
                }
                return fill(slot, .object(className: className, properties: named))
            case UInt8(ascii: "C"):
                // A class with its own serializer: keep its payload as a string.
                guard expect(":"), let length = integer(until: ":"), length >= 0, expect("\""),
                      let className = string(declaredLength: length, then: ":"),
                      let payloadLength = integer(until: ":"), payloadLength >= 0, expect("{"),
                      position + payloadLength < bytes.count, bytes[position + payloadLength] == UInt8(ascii: "}")
                else { return nil }
                let payload = String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<position + payloadLength]), as: UTF8.self)
                position += payloadLength + 1
                return record(.object(className: className, properties: [PHPEntry(key: .string("__serialized"), value: .string(payload))]))
            case UInt8(ascii: "r"), UInt8(ascii: "R"):
                guard expect(":"), let index = integer(until: ";") else { return nil }
                let referenced = index >= 1 && index <= values.count ? values[index - 1] : .null
                if type == UInt8(ascii: "r") { values.append(referenced) }
                return referenced
            default:
                return nil
            }
        }

        private mutating func entries(count: Int, depth: Int) -> [PHPEntry]? {
            guard count <= bytes.count else { return nil }
            var entries: [PHPEntry] = []
            entries.reserveCapacity(count)
            for _ in 0..<count {
                guard let key = key(), let value = value(depth: depth + 1) else { return nil }
                entries.append(PHPEntry(key: key, value: value))
            }
            guard expect("}") else { return nil }
            return entries
        }

        /// Array keys are ints or strings, and are not numbered as values.
        private mutating func key() -> PHPValue? {
            guard position < bytes.count else { return nil }
            let type = bytes[position]
            position += 1
            switch type {
            case UInt8(ascii: "i"):
                guard expect(":"), let number = integer(until: ";") else { return nil }
                return .int(number)
            case UInt8(ascii: "s"):
                guard expect(":"), let length = integer(until: ":"), length >= 0, expect("\""),
                      let string = string(declaredLength: length) else { return nil }
                return .string(string)
            default:
                return nil
            }
        }

        /// A string body after `s:N:"`: N bytes then `";` (`":` for a class name). When N is wrong, the real end
        /// is the nearest quote and terminator that the rest of the data can follow.
        private mutating func string(declaredLength: Int, then terminator: Unicode.Scalar = ";") -> String? {
            let start = position
            let end = start + declaredLength
            let terminator = UInt8(ascii: terminator)
            if end + 1 < bytes.count, bytes[end] == 0x22, bytes[end + 1] == terminator {
                position = end + 2
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
            }
            // Broken length: try each `";` in order and keep the first after which the data goes on validly.
            var candidate = start
            var attempts = 0
            while candidate + 1 < bytes.count, attempts < 64 {
                if bytes[candidate] == 0x22, bytes[candidate + 1] == terminator, continues(at: candidate + 2) {
                    position = candidate + 2
                    repaired += 1
                    return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<candidate]), as: UTF8.self)
                }
                if bytes[candidate] == 0x22 { attempts += 1 }
                candidate += 1
            }
            return nil
        }

        /// True when what follows `at` can come after a value: the next token, a closing brace, or the end.
        private func continues(at index: Int) -> Bool {
            guard index < bytes.count else { return true }
            switch bytes[index] {
            case UInt8(ascii: "}"), UInt8(ascii: "N"): return true
            case UInt8(ascii: "s"), UInt8(ascii: "i"), UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "d"),
                 UInt8(ascii: "O"), UInt8(ascii: "r"), UInt8(ascii: "R"), UInt8(ascii: "C"):
                return index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: ":")
            case let byte where byte >= 0x30 && byte <= 0x39:
                return true     // the count of an object after its class name
            default: return Self.isSpace(bytes[index])
            }
        }

        private mutating func expect(_ character: Unicode.Scalar) -> Bool {
            guard position < bytes.count, bytes[position] == UInt8(ascii: character) else { return false }
            position += 1
            return true
        }

        private mutating func token(until terminator: Unicode.Scalar) -> String? {
            let start = position
            while position < bytes.count, bytes[position] != UInt8(ascii: terminator) {
                position += 1
                guard position - start <= 64 else { return nil }
            }
            guard position < bytes.count, position > start else { return nil }
            defer { position += 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        }

        private mutating func integer(until terminator: Unicode.Scalar) -> Int? {
            token(until: terminator).flatMap { Int($0) }
        }

        private mutating func record(_ value: PHPValue) -> PHPValue {
            values.append(value)
            return value
        }

        private mutating func reserve() -> Int {
            values.append(.null)
            return values.count - 1
        }

        private mutating func fill(_ slot: Int, _ value: PHPValue) -> PHPValue {
            values[slot] = value
            return value
        }

        /// `\0Class\0name` (private) and `\0*\0name` (protected) to `name`.
        static func bareName(_ name: String) -> String {
            guard name.hasPrefix("\u{0}"), let last = name.lastIndex(of: "\u{0}"), last != name.startIndex else { return name }
            return String(name[name.index(after: last)...])
        }
    }
}
