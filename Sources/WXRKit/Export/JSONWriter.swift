/// Writes JSON into a byte buffer, escaping by scanning bytes.
///
/// The writer tracks only whether a comma is due (and, indented, how deep it is); the caller is responsible for
/// balanced nesting and, where it matters, for the order of the keys.
public struct JSONWriter {
    /// How the JSON is laid out.
    public enum Layout: Sendable {
        /// No whitespace at all: `{"a":[1,2]}`.
        case compact
        /// A line per member, two spaces of indent a level, `"key" : value`: the layout of JSONEncoder's
        /// `.prettyPrinted`, for files people read and diff. An empty container is `{` and `}` on two lines.
        case indented
    }

    /// The JSON written so far.
    public var bytes: [UInt8] = []
    private var needsComma = false
    private let layout: Layout
    /// Indented: how many containers are open.
    private var depth = 0
    /// Indented: a key was just written, so its value goes on the same line.
    private var isValueDue = false

    public init(capacity: Int = 1 << 16, layout: Layout = .compact) {
        bytes.reserveCapacity(capacity)
        self.layout = layout
    }

    public mutating func beginObject() { open(UInt8(ascii: "{")) }

    public mutating func endObject() { close(UInt8(ascii: "}")) }

    public mutating func beginArray() { open(UInt8(ascii: "[")) }

    public mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Writes `"key":`; the value must follow.
    public mutating func key(_ key: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        endKey()
    }

    /// Writes `"key":` for a key known only at run time.
    public mutating func dynamicKey(_ key: String) {
        value(key)
        endKey()
    }

    public mutating func value(_ string: String?) {
        guard var string = startValue(string) else { return }
        bytes.append(UInt8(ascii: "\""))
        string.withUTF8 { appendEscaped($0) }
        bytes.append(UInt8(ascii: "\""))
    }

    public mutating func value(_ number: Int?) {
        guard let number = startValue(number) else { return }
        if number >= 0 && number < 10 {
            bytes.append(0x30 + UInt8(number))
        } else {
            bytes.append(contentsOf: String(number).utf8)
        }
    }

    /// A finite number as JSON; infinities and NaN, which JSON cannot hold, as null.
    public mutating func value(_ number: Double) {
        guard let number = startValue(number.isFinite ? number : nil) else { return }
        if number == number.rounded(), abs(number) < 1e15 {
            bytes.append(contentsOf: String(Int(number)).utf8)
            bytes.append(contentsOf: ".0".utf8)
        } else {
            bytes.append(contentsOf: "\(number)".utf8)
        }
    }

    public mutating func value(_ flag: Bool) {
        separate()
        needsComma = true
        if flag {
            bytes.append(contentsOf: [0x74, 0x72, 0x75, 0x65])
        } else {
            bytes.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])
        }
    }

    /// Ends a line (NDJSON) and starts the next value without a comma.
    public mutating func newline() {
        bytes.append(UInt8(ascii: "\n"))
        needsComma = false
    }

    /// Appends raw, already valid JSON text.
    public mutating func raw(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Forgets what was written, keeping the buffer's capacity.
    public mutating func reset(commaDue: Bool = false) {
        bytes.removeAll(keepingCapacity: true)
        needsComma = commaDue
    }

    /// Starts a value: `value`, or nil once `null` has been written for it.
    private mutating func startValue<Value>(_ value: Value?) -> Value? {
        separate()
        needsComma = true
        if value == nil { appendNull() }
        return value
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        if layout == .indented {
            if isValueDue {
                isValueDue = false
            } else if depth > 0 {
                startLine()
            }
        }
    }

    private mutating func open(_ bracket: UInt8) {
        separate()
        bytes.append(bracket)
        needsComma = false
        if layout == .indented { depth += 1 }
    }

    private mutating func close(_ bracket: UInt8) {
        if layout == .indented {
            depth -= 1
            startLine()
        }
        bytes.append(bracket)
        needsComma = true
    }

    private mutating func endKey() {
        if layout == .indented {
            bytes.append(contentsOf: [0x20, UInt8(ascii: ":"), 0x20])
            isValueDue = true
        } else {
            bytes.append(UInt8(ascii: ":"))
        }
        needsComma = false
    }

    /// Indented: a new line, indented for the current depth.
    private mutating func startLine() {
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(0x20, count: 2 * depth))
    }

    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        for index in 0..<utf8.count {
            let byte = utf8[index]
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            runStart = index + 1
            switch byte {
            case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
            case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            default:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            }
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
    }

    private mutating func appendNull() {
        bytes.append(0x6E)
        bytes.append(0x75)
        bytes.append(0x6C)
        bytes.append(0x6C)
    }
}
