/// Repairs, before libxml2 sees them, the byte-level faults that make real exports not well-formed XML.
///
/// It streams: each chunk is scanned once, a ``MarkupScanner`` telling text from CDATA, comments, processing
/// instructions and declarations, and written out with its repairs; at most a few bytes (a UTF-8 sequence or
/// an entity reference cut by the chunk's end) are held back for the next chunk. Every repair is a
/// ``Finding`` with its line. It never adds or removes a line feed, so libxml2's line numbers stay those of
/// the file.
///
/// - Bytes before the XML declaration (a plugin's blank lines or warnings) are removed, their line feeds
///   moved after the declaration; a UTF-8 byte order mark is removed.
/// - Invalid UTF-8 is read as Windows-1252 where that byte has a character there, else U+FFFD.
/// - C0 control characters (other than tab, line feed and carriage return), U+FFFE and U+FFFF are removed.
/// - HTML entities (`&nbsp;`) become their characters; an `&` that starts no reference becomes `&amp;`.
/// - A `]]>` meant as text (CDATA nested in CDATA) is kept as text.
///
/// Tags need no state of their own: an `&` means the same in an attribute value as in text, so the scanner
/// reads them as text, which makes it cheap (it stops on "<" only to look at the next byte).
///
/// Files in UTF-16, or declared in another encoding, skip the UTF-8 repairs (libxml2 converts them).
struct InputSanitizer {
    private var scanner = MarkupScanner(readsTags: false)
    private var isInHead = true                     // before the XML declaration or the first markup
    private(set) var isPassThrough = false
    private var validatesUTF8 = true
    private var carry: [UInt8] = []
    private var work: [UInt8] = []
    private var line = 1
    private var pending: Finding?
    private var pendingCount = 0

    /// The encoding the XML declaration names, when it is not UTF-8; nil for UTF-8 or none.
    private(set) var declaredEncoding: String?
    /// The XML declaration as it was, without line feeds: what a parser that resumes after damage starts with.
    private(set) var declaration: [UInt8] = []
    /// What was repaired so far, taken by the caller.
    private(set) var findings: [Finding] = []

    private static let headLimit = 1 << 16

    init() {}

    mutating func takeFindings() -> [Finding] {
        flushPending()
        defer { findings.removeAll() }
        return findings
    }

    /// Scans `chunk` and writes the bytes to parse into `output` (replacing what it held). With `isLast`,
    /// nothing is held back.
    mutating func sanitize(_ chunk: UnsafeRawBufferPointer, isLast: Bool, into output: inout [UInt8]) {
        output.removeAll(keepingCapacity: true)
        if isPassThrough {
            output.append(contentsOf: chunk)
            return
        }
        if carry.isEmpty {
            scan(chunk, isLast: isLast, into: &output)
        } else {
            work.removeAll(keepingCapacity: true)
            work.append(contentsOf: carry)
            work.append(contentsOf: chunk)
            carry.removeAll(keepingCapacity: true)
            let joined = work
            joined.withUnsafeBytes { scan($0, isLast: isLast, into: &output) }
        }
    }

    // MARK: Scanning

    private mutating func scan(_ input: UnsafeRawBufferPointer, isLast: Bool, into output: inout [UInt8]) {
        guard let start = input.baseAddress?.assumingMemoryBound(to: UInt8.self), !input.isEmpty else { return }
        let count = input.count
        var i = 0
        var copied = 0

        func emit(upTo index: Int) {
            if index > copied { output.append(contentsOf: UnsafeBufferPointer(start: start + copied, count: index - copied)) }
            copied = index
        }
        func replace(_ index: Int, length: Int, with replacement: [UInt8]) {
            emit(upTo: index)
            output.append(contentsOf: replacement)
            copied = index + length
        }

        if isInHead {
            guard let resume = scanHead(start, count, isLast: isLast, into: &output) else {
                carry.append(contentsOf: input)
                return
            }
            isInHead = false
            i = resume
            copied = resume
            if isPassThrough {
                output.append(contentsOf: UnsafeBufferPointer(start: start + i, count: count - i))
                return
            }
        }

        scanning: while i < count {
            switch scanner.state {
            case .text, .cdata:
                let inText = scanner.state == .text
                let specials: (UInt8, UInt8, UInt8) = inText
                    ? (UInt8(ascii: "<"), UInt8(ascii: "&"), UInt8(ascii: "]"))
                    : (UInt8(ascii: "]"), UInt8(ascii: "]"), UInt8(ascii: "]"))
                while i < count {
                    // Eight ordinary bytes at a time: printable ASCII that means nothing in this state.
                    if scanner.brackets == 0 {
                        i = Self.skipOrdinary(start, i, count, specials)
                        if i >= count { break scanning }
                    }
                    let byte = start[i]
                    if byte == UInt8(ascii: "]") {
                        scanner.step(byte)
                        i += 1
                        continue
                    }
                    if byte == UInt8(ascii: ">") && scanner.brackets >= 2 {
                        if inText {
                            report(.xmlCDATAEndInContent, "\"]]>\" in text, where XML forbids it",
                                   action: "kept as text")
                            replace(i, length: 1, with: Self.greaterThan)
                            scanner.step(byte)
                        } else if isLiteralCDATAEnd(start, count, after: i) {
                            report(.xmlCDATAEndInContent,
                                   "a \"]]>\" inside CDATA ends the section early (CDATA nested in CDATA)",
                                   action: "kept as text", hint: "the exporter should have split it as \"]]]]><![CDATA[>\"")
                            replace(i, length: 1, with: Self.splitCDATAEnd)
                            // The scanner reads what the parser will: the section closed and opened again.
                            scanner.step(contentsOf: Self.splitCDATAEnd)
                        } else {
                            scanner.step(byte)
                            i += 1
                            continue scanning
                        }
                        i += 1
                        continue
                    }
                    // Whatever else stops the skip ends a run of "]", even a byte removed below.
                    scanner.readPlainContent()
                    if byte >= 0x80 {
                        guard let next = readNonASCII(start, count, at: i, isLast: isLast, replace: replace) else {
                            break scanning      // a sequence cut by the chunk's end
                        }
                        i = next
                        continue
                    }
                    switch byte {
                    case 0x0A:
                        line += 1
                    case 0x09, 0x0D:
                        break
                    case 0..<0x20:
                        let hint = "text pasted from a word processor often carries these"
                        removeControlCharacter(byte, at: i, hint: hint, replace: replace)
                    case UInt8(ascii: "<") where inText:
                        // Only "<!" and "<?" open something (CDATA, a comment, a declaration) where bytes mean
                        // otherwise: a tag reads as text, and the byte after its "<" is looked at as text.
                        i = scanner.readLessThan(start, at: i, count: count)
                        if scanner.state == .text { continue }
                        continue scanning
                    case UInt8(ascii: "&") where inText:
                        guard let next = repairReference(start, count, at: i, isLast: isLast, replace: replace) else {
                            break scanning
                        }
                        i = next
                        continue
                    default:
                        break
                    }
                    i += 1
                }
                break scanning
            default:
                // Markup other than tags: comments, processing instructions, declarations, "<![CDATA[" cut
                // by the chunk's end. Only ASCII steps the scanner; control characters are removed unseen.
                let byte = start[i]
                if byte >= 0x80 {
                    guard let next = readNonASCII(start, count, at: i, isLast: isLast, replace: replace) else {
                        break scanning
                    }
                    i = next
                    continue
                }
                if byte == 0x0A {
                    line += 1
                } else if byte < 0x20 && byte != 0x09 && byte != 0x0D {
                    removeControlCharacter(byte, at: i, hint: nil, replace: replace)
                    i += 1
                    continue
                }
                scanner.step(byte)
                i += 1
            }
        }
        emit(upTo: i)
        if i < count {
            carry.append(contentsOf: UnsafeBufferPointer(start: start + i, count: count - i))
        }
    }

    // MARK: The head of the file

    /// Handles what precedes the first markup. Returns where scanning resumes, or nil to wait for more bytes.
    private mutating func scanHead(
        _ start: UnsafePointer<UInt8>, _ count: Int, isLast: Bool, into output: inout [UInt8]
    ) -> Int? {
        let bytes = UnsafeBufferPointer(start: start, count: count)
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) || bytes.prefix(4).contains(0) {
            // UTF-16 or UTF-32: libxml2 decodes it; none of our byte-level repairs apply.
            isPassThrough = true
            return 0
        }
        if count < 3 && !isLast { return nil }
        var i = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            i = 3
            report(.inputBOM, "the file starts with a UTF-8 byte order mark", severity: .info, action: "removed")
        }
        guard let markup = bytes[i...].firstIndex(of: UInt8(ascii: "<")) else {
            if !isLast && count < Self.headLimit { return nil }
            return i
        }
        let isXMLDeclaration = bytes[markup...].starts(with: Array("<?xml".utf8))
            && markup + 5 < count && [0x20, 0x09, 0x0A, 0x0D].contains(bytes[markup + 5])
        guard isXMLDeclaration else {
            // No declaration: whitespace before the root element is allowed; anything else libxml2 reports.
            return i
        }
        guard let close = Self.find(Array("?>".utf8), in: bytes, from: markup) else {
            if !isLast && count < Self.headLimit { return nil }
            return i
        }
        let leading = bytes[i..<markup]
        let end = close + 2
        declaration = bytes[markup..<end].map { $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 }
        readEncoding()
        output.append(contentsOf: bytes[markup..<end])
        if !leading.isEmpty {
            let isBlank = leading.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
            let lineFeeds = leading.filter { $0 == 0x0A }.count
            // The line feeds go after the declaration: every later line keeps its number.
            output.append(contentsOf: [UInt8](repeating: 0x0A, count: lineFeeds))
            if isBlank {
                report(.inputLeadingWhitespace,
                       "\(Counted(lineFeeds, "blank line")) before the XML declaration, which must come first",
                       action: "removed", hint: "a plugin or theme printed them; WordPress's importer fails on this file")
            } else {
                let text = String(decoding: leading, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                report(.inputLeadingText, "text before the XML declaration: \"\(text.prefix(80))\"",
                       action: "removed", hint: "a PHP warning or notice printed during the export")
            }
            line += lineFeeds
        }
        line += bytes[markup..<end].filter { $0 == 0x0A }.count
        return end
    }

    private mutating func readEncoding() {
        let text = String(decoding: declaration, as: UTF8.self)
        guard let range = text.range(of: "encoding") else { return }
        let rest = text[range.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return }
        let name = rest.dropFirst().prefix { $0 != quote }
        let normalized = name.lowercased()
        if normalized != "utf-8" && normalized != "utf8" {
            declaredEncoding = String(name)
            validatesUTF8 = false
        }
    }

    // MARK: Repairs

    /// Handles the "&" at `index`; returns where to go on, or nil when the reference may be cut by the
    /// chunk's end.
    private mutating func repairReference(
        _ start: UnsafePointer<UInt8>, _ count: Int, at index: Int, isLast: Bool,
        replace: (Int, Int, [UInt8]) -> Void
    ) -> Int? {
        guard let reference = EntityReference(start, count: count, at: index, isLast: isLast) else { return nil }
        switch reference {
        case .xml(let length):
            return index + length
        case .bareAmpersand:
            report(.xmlRawAmpersand, "an \"&\" that starts no entity reference (\"\(Self.excerpt(start, count, index))\")",
                   action: "escaped as &amp;", hint: "often an unescaped URL query string")
            replace(index, 1, Self.ampersand)
            return index + 1
        case .forbiddenCharacter(let name, let length):
            report(.xmlInvalidCharacterReference, "&\(name); names no character allowed in XML", action: "removed")
            replace(index, length, [])
            return index + length
        case .html(let name, let character, let length):
            report(.xmlHTMLEntity, "&\(name); is an HTML entity, undefined in XML", action: "replaced with its character")
            replace(index, length, character)
            return index + length
        case .undefined(let name, let length):
            report(.xmlUndefinedEntity, "&\(name); is not defined", action: "kept as text \"&\(name);\"",
                   hint: "declared entities are never expanded")
            replace(index, 1, Self.ampersand)
            return index + length
        }
    }

    /// Reads the non-ASCII character at `index`, repaired when it is not UTF-8; returns where the next one
    /// starts, or nil when the chunk's end cuts a sequence that may be valid.
    @inline(__always)
    private mutating func readNonASCII(
        _ start: UnsafePointer<UInt8>, _ count: Int, at index: Int, isLast: Bool, replace: (Int, Int, [UInt8]) -> Void
    ) -> Int? {
        let length = validatesUTF8 ? Self.sequenceLength(start + index, count - index) : 1
        if length > 0 { return index + length }
        if length == 0 && !isLast { return nil }
        let byte = start[index]
        if let scalar = Self.windows1252(byte) {
            report(.encodingInvalidUTF8, "bytes that are not UTF-8 (0x\(Self.hex(UInt32(byte), width: 2))...)",
                   action: "read as Windows-1252", hint: "the database held Latin-1 text; check the characters")
            replace(index, 1, Array(String(Character(scalar)).utf8))
        } else {
            report(.encodingInvalidUTF8, "bytes that are not UTF-8 (0x\(Self.hex(UInt32(byte), width: 2))...)",
                   action: "replaced with U+FFFD")
            replace(index, 1, Self.replacementCharacter)
        }
        return index + 1
    }

    private mutating func removeControlCharacter(
        _ byte: UInt8, at index: Int, hint: String?, replace: (Int, Int, [UInt8]) -> Void
    ) {
        report(.xmlControlCharacter, "control character U+\(Self.hex(UInt32(byte))) is not allowed in XML",
               action: "removed", hint: hint)
        replace(index, 1, [])
    }

    /// After the ">" of a "]]>" closing CDATA: true when the text that follows, up to the next "<", holds
    /// another "]]>", so that this one was meant as text.
    private func isLiteralCDATAEnd(_ start: UnsafePointer<UInt8>, _ count: Int, after index: Int) -> Bool {
        var j = index + 1
        var seen = 0
        while j < count && j < index + 4096 {
            let byte = start[j]
            if byte == UInt8(ascii: "<") { return false }
            if byte == UInt8(ascii: "]") { seen += 1 } else {
                if byte == UInt8(ascii: ">") && seen >= 2 { return true }
                seen = 0
            }
            j += 1
        }
        return false
    }

    // MARK: Findings

    /// Records a repair; repairs of one kind on one line make one finding with a count.
    private mutating func report(
        _ code: FindingCode, _ message: String, severity: Finding.Severity = .error, action: String, hint: String? = nil
    ) {
        if let pending, pending.code == code, pending.line == line {
            pendingCount += 1
            return
        }
        flushPending()
        pending = Finding(code: code, severity: severity, message: message, line: line, action: action, hint: hint)
        pendingCount = 1
    }

    private mutating func flushPending() {
        guard var finding = pending else { return }
        if pendingCount > 1 { finding.message += " (\(pendingCount) times on this line)" }
        findings.append(finding)
        pending = nil
    }

    // MARK: Bytes

    private static let ampersand: [UInt8] = Array("&amp;".utf8)
    private static let greaterThan: [UInt8] = Array("&gt;".utf8)
    private static let splitCDATAEnd: [UInt8] = Array("]]><![CDATA[>".utf8)
    private static let replacementCharacter: [UInt8] = [0xEF, 0xBF, 0xBD]

    /// The index of the first byte from `index` that needs a look: over 0x7F, under 0x20, or one of
    /// `specials`. Eight bytes at a time; in the last seven, the caller looks at each.
    @inline(__always)
    private static func skipOrdinary(
        _ start: UnsafePointer<UInt8>, _ index: Int, _ count: Int, _ specials: (UInt8, UInt8, UInt8)
    ) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let a = ones &* UInt64(specials.0), b = ones &* UInt64(specials.1), c = ones &* UInt64(specials.2)
        let space = ones &* 0x20
        var i = index
        while i + 8 <= count {
            let word = UnsafeRawPointer(start + i).loadUnaligned(as: UInt64.self)
            let x = word ^ a, y = word ^ b, z = word ^ c
            let flags = word | ((word &- space) & ~word) | ((x &- ones) & ~x) | ((y &- ones) & ~y) | ((z &- ones) & ~z)
            // The lowest flag is exact (the borrows that make false ones only run upwards): jump to it.
            let found = flags & highs
            if found != 0 { return i + found.trailingZeroBitCount >> 3 }
            i += 8
        }
        return i
    }

    /// The length of the valid UTF-8 sequence at `pointer` (not U+FFFE or U+FFFF, which XML forbids);
    /// 0 when the bytes available are a valid but incomplete start; -1 when invalid.
    @inline(__always)
    static func sequenceLength(_ pointer: UnsafePointer<UInt8>, _ available: Int) -> Int {
        let lead = pointer[0]
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE, 0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return -1
        }
        for k in 1..<length {
            guard k < available else { return 0 }
            let byte = pointer[k]
            let (min, max) = k == 1 ? (low, high) : (UInt8(0x80), UInt8(0xBF))
            guard byte >= min && byte <= max else { return -1 }
        }
        if lead == 0xEF && pointer[1] == 0xBF && (pointer[2] == 0xBE || pointer[2] == 0xBF) { return -1 }
        return length
    }

    /// The character Windows-1252 gives a byte that is not UTF-8, or nil for its five undefined bytes.
    static func windows1252(_ byte: UInt8) -> Unicode.Scalar? {
        switch byte {
        case 0x00..<0x80: return nil
        case 0x80...0x9F:
            let table: [UInt32] = [
                0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,
                0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
                0x0153, 0, 0x017E, 0x0178,
            ]
            let codePoint = table[Int(byte - 0x80)]
            return codePoint == 0 ? nil : Unicode.Scalar(codePoint)
        default:
            return Unicode.Scalar(UInt32(byte))
        }
    }

    private static func find(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from index: Int) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        var i = index
        while i + needle.count <= bytes.count {
            if bytes[i] == needle[0] && bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    /// A few characters around `index`, for messages; line feeds as spaces.
    private static func excerpt(_ start: UnsafePointer<UInt8>, _ count: Int, _ index: Int) -> String {
        let from = max(0, index - 20), to = min(count, index + 20)
        let text = String(decoding: UnsafeBufferPointer(start: start + from, count: to - from), as: UTF8.self)
        return text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
    }

    static func hex(_ value: UInt32, width: Int = 4) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
