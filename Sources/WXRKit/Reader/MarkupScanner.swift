/// Knows, byte after byte, where XML bytes stand: in content (text or a CDATA section) or inside markup (a
/// comment, a processing instruction, a declaration, a tag or one of its attribute values).
///
/// It changes no byte and checks nothing: the passes that do (``InputSanitizer``, ``LineEndPreserver``) loop
/// over the bytes themselves, skip what cannot matter in the current state, and hand the scanner the rest.
/// Everything it knows is in its value, so a chunk may end at any byte and the next one goes on from there.
///
/// ```swift
/// var scanner = MarkupScanner(readsTags: true)
/// for byte in "<p title=\"a>b\">x</p>".utf8 { scanner.step(byte) }   // the quoted ">" closes nothing
/// scanner.state                                                       // .text
/// ```
///
/// With `readsTags`, `<name` opens a tag that ends at a ">" outside quotes, and ``depth`` counts the elements
/// open. Without, a tag's bytes are text: all the sanitizer needs (an `&` means the same in an attribute
/// value as in text), and cheaper, as "<" then only opens something before "!" or "?".
struct MarkupScanner {
    enum State: Equatable {
        case text
        case cdata
        case lessThan                                   // after "<"
        case bang(matched: Int)                         // after "<!": characters of "[CDATA[" matched
        case commentOpen                                // after "<!-"
        case comment(dashes: Int)
        case processingInstruction(afterQuestion: Bool)
        case declaration(depth: Int, quote: UInt8?)     // <!DOCTYPE …>, its internal subset in brackets
        case tag(isEnd: Bool, afterSlash: Bool)
        case attributeValue(quote: UInt8, isEnd: Bool)
    }

    private(set) var state: State
    /// Consecutive "]" just read in text or CDATA: two and a ">" end a CDATA section, or are forbidden in text.
    private(set) var brackets = 0
    /// Elements open, counted only when tags are read.
    private(set) var depth: Int
    let readsTags: Bool

    /// Starts in content, `depth` elements deep, inside a CDATA section or not.
    init(readsTags: Bool, depth: Int = 0, isInCDATA: Bool = false) {
        self.readsTags = readsTags
        self.depth = depth
        state = isInCDATA ? .cdata : .text
    }

    private static let cdataOpen: [UInt8] = Array("[CDATA[".utf8)

    /// Reads one byte, in any state.
    mutating func step(_ byte: UInt8) {
        switch state {
        case .text:
            if byte == UInt8(ascii: "<") {
                state = .lessThan
                brackets = 0
            } else {
                brackets = byte == UInt8(ascii: "]") ? brackets + 1 : 0
            }
        case .cdata:
            if byte == UInt8(ascii: "]") {
                brackets += 1
                return
            }
            if byte == UInt8(ascii: ">") && brackets >= 2 { state = .text }
            brackets = 0
        case .lessThan:
            switch byte {
            case UInt8(ascii: "!"): state = .bang(matched: 0)
            case UInt8(ascii: "?"): state = .processingInstruction(afterQuestion: false)
            case _ where !readsTags: state = .text
            case UInt8(ascii: "/"): state = .tag(isEnd: true, afterSlash: false)
            default: state = .tag(isEnd: false, afterSlash: false)
            }
        case .bang(let matched):
            if matched == 0 && byte == UInt8(ascii: "-") {
                state = .commentOpen
            } else if matched < Self.cdataOpen.count && byte == Self.cdataOpen[matched] {
                state = matched + 1 == Self.cdataOpen.count ? .cdata : .bang(matched: matched + 1)
            } else if byte == UInt8(ascii: ">") {
                state = .text
            } else {
                state = .declaration(depth: byte == UInt8(ascii: "[") ? 1 : 0, quote: nil)
            }
        case .commentOpen:
            state = .comment(dashes: 0)
        case .comment(let dashes):
            if byte == UInt8(ascii: "-") {
                state = .comment(dashes: dashes + 1)
            } else if byte == UInt8(ascii: ">") && dashes >= 2 {
                state = .text
            } else {
                state = .comment(dashes: 0)
            }
        case .processingInstruction(let afterQuestion):
            if afterQuestion && byte == UInt8(ascii: ">") {
                state = .text
            } else {
                state = .processingInstruction(afterQuestion: byte == UInt8(ascii: "?"))
            }
        case .declaration(let depth, let quote):
            if let quote {
                if byte == quote { state = .declaration(depth: depth, quote: nil) }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                state = .declaration(depth: depth, quote: byte)
            } else if byte == UInt8(ascii: "[") {
                state = .declaration(depth: depth + 1, quote: nil)
            } else if byte == UInt8(ascii: "]") {
                state = .declaration(depth: max(0, depth - 1), quote: nil)
            } else if byte == UInt8(ascii: ">") && depth == 0 {
                state = .text
            }
        case .tag(let isEnd, let afterSlash):
            switch byte {
            case UInt8(ascii: ">"):
                if isEnd { depth -= 1 } else if !afterSlash { depth += 1 }
                state = .text
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                state = .attributeValue(quote: byte, isEnd: isEnd)
            default:
                state = .tag(isEnd: isEnd, afterSlash: byte == UInt8(ascii: "/"))
            }
        case .attributeValue(let quote, let isEnd):
            if byte == quote { state = .tag(isEnd: isEnd, afterSlash: false) }
        }
    }

    /// Reads `bytes` one after another.
    mutating func step(contentsOf bytes: [UInt8]) {
        for byte in bytes { step(byte) }
    }

    /// Reads a byte of text or CDATA that is none of "<", "]" and ">": as ``step(_:)`` would, but all such a
    /// byte does is end a run of "]", and the passes read many.
    @inline(__always)
    mutating func readPlainContent() {
        brackets = 0
    }

    /// Reads the "<" at `index` of text, looking at the bytes after it, and returns where to go on.
    ///
    /// A `<![CDATA[` whole in the bytes is read at once (every field of an export opens one), and so, with
    /// tags, is the byte after "<" that says which tag starts. Without tags, a "<" before anything but "!" or
    /// "?" starts a tag, read as text: the state stays `.text` and the byte after it is left to the caller,
    /// as text. A "<" last in the bytes leaves the state `.lessThan`, for the next byte to decide.
    @inline(__always)
    mutating func readLessThan(_ bytes: UnsafePointer<UInt8>, at index: Int, count: Int) -> Int {
        brackets = 0
        let next = index + 1
        guard next < count else {
            state = .lessThan
            return next
        }
        switch bytes[next] {
        case UInt8(ascii: "!"):
            if index + 9 <= count && Self.opensCDATA(bytes + index) {
                state = .cdata
                return index + 9
            }
            state = .lessThan
        case UInt8(ascii: "?"):
            state = .lessThan
        case UInt8(ascii: "/") where readsTags:
            state = .tag(isEnd: true, afterSlash: false)
            return next + 1
        default:
            guard readsTags else { return next }
            state = .tag(isEnd: false, afterSlash: false)
            return next + 1
        }
        return next
    }

    /// Reads a tag from `index` to its ">" or the quote that opens an attribute value, and returns where to
    /// go on, past that byte: tags are short and many, so they are read as a run rather than a step a byte.
    mutating func readTag(_ bytes: UnsafePointer<UInt8>, from index: Int, count: Int) -> Int {
        guard case .tag(let isEnd, let afterSlash) = state else { return index }
        var i = index
        while i < count {
            let byte = bytes[i]
            if byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") { break }
            i += 1
        }
        state = .tag(isEnd: isEnd, afterSlash: i > index ? bytes[i - 1] == UInt8(ascii: "/") : afterSlash)
        guard i < count else { return i }
        step(bytes[i])
        return i + 1
    }

    /// Whether the nine bytes at `pointer` are `<![CDATA[`, compared as one word and one byte.
    @inline(__always)
    private static func opensCDATA(_ pointer: UnsafePointer<UInt8>) -> Bool {
        // "<![CDATA" as a little-endian word; the ninth byte is the second "[".
        let word = UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self)
        return UInt64(littleEndian: word) == 0x4154_4144_435B_213C && pointer[8] == UInt8(ascii: "[")
    }
}
