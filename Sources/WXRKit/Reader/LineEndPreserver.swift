import Foundation

/// Rewrites the carriage returns of element content so that the XML parser keeps them.
///
/// XML parsers turn every CRLF into LF, but WordPress stores post content with the CRLF its editor
/// submitted, and we promise to keep values as they are. A CR in text becomes the character reference
/// `&#13;`, which parsers do not normalise; a CR inside CDATA closes the section around that reference
/// (`]]>&#13;<![CDATA[`). CRs in markup and outside the root element are left alone. Line feeds are never
/// touched, so line numbers stay those of the file.
///
/// It starts at the first CR of a file, from the parser's own idea of where it is (``init(depth:isInCDATA:)``),
/// so files without CRs, most of them, pay nothing.
struct LineEndPreserver {
    private enum State {
        case text                        // character data (or the prolog when depth is 0)
        case lessThan                    // after "<"
        case bang(matched: Int)          // after "<!": matched characters of "[CDATA[" (or "-" for a comment)
        case tag(isEnd: Bool, afterSlash: Bool)
        case quoted(quote: UInt8, isEnd: Bool)
        case cdata(brackets: Int)
        case comment(dashes: Int)
        case processingInstruction(afterQuestion: Bool)
        case declaration(depth: Int, quote: UInt8?)
    }

    private var state: State
    private var depth: Int

    /// Starts in element content `depth` levels deep, inside a CDATA section or not.
    init(depth: Int, isInCDATA: Bool) {
        self.depth = depth
        state = isInCDATA ? .cdata(brackets: 0) : .text
    }
    private static let cdataOpen: [UInt8] = Array("[CDATA[".utf8)
    private static let textCR: [UInt8] = Array("&#13;".utf8)
    private static let cdataCR: [UInt8] = Array("]]>&#13;<![CDATA[".utf8)

    /// Scans `chunk`; when it holds a CR to rewrite, writes the rewritten bytes to `output` and returns true.
    /// Returns false, leaving `output` empty, when the chunk can be parsed as it is.
    mutating func rewrite(_ chunk: UnsafeRawBufferPointer, into output: inout [UInt8]) -> Bool {
        output.removeAll(keepingCapacity: true)
        guard let base = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self), !chunk.isEmpty else { return false }
        let count = chunk.count
        var copied = 0          // bytes of chunk already copied to output
        var rewritten = false
        var i = 0

        func replace(at index: Int, with replacement: [UInt8]) {
            output.append(contentsOf: UnsafeBufferPointer(start: base + copied, count: index - copied))
            output.append(contentsOf: replacement)
            copied = index + 1
            rewritten = true
        }

        while i < count {
            switch state {
            case .text:
                // Jump to the next "<" or CR; nothing else matters in text.
                let rest = count - i
                let lt = memchr(base + i, 0x3C, rest).map { UnsafeRawPointer($0) - UnsafeRawPointer(base + i) } ?? rest
                if depth > 0, let cr = memchr(base + i, 0x0D, lt) {
                    let at = i + (UnsafeRawPointer(cr) - UnsafeRawPointer(base + i))
                    replace(at: at, with: Self.textCR)
                    i = at + 1
                    continue
                }
                i += lt
                if i < count {
                    state = .lessThan
                    i += 1
                }
            case .cdata(let brackets):
                let rest = count - i
                let close = memchr(base + i, 0x5D, rest).map { UnsafeRawPointer($0) - UnsafeRawPointer(base + i) } ?? rest
                if close > 0 {
                    if brackets >= 2, base[i] == 0x3E {
                        state = .text
                        i += 1
                        continue
                    }
                    if let cr = memchr(base + i, 0x0D, close) {
                        let at = i + (UnsafeRawPointer(cr) - UnsafeRawPointer(base + i))
                        replace(at: at, with: Self.cdataCR)
                        state = .cdata(brackets: 0)
                        i = at + 1
                        continue
                    }
                    state = .cdata(brackets: 0)
                    i += close
                    continue
                }
                // base[i] == "]"
                state = .cdata(brackets: brackets + 1)
                i += 1
            case .tag(let isEnd, var afterSlash):
                // Tags are short and frequent: scan them here rather than a state change per byte.
                while i < count {
                    let byte = base[i]
                    if byte == 0x3E || byte == 0x22 || byte == 0x27 { break }
                    afterSlash = byte == 0x2F
                    i += 1
                }
                guard i < count else {
                    state = .tag(isEnd: isEnd, afterSlash: afterSlash)
                    break
                }
                if base[i] == 0x3E {
                    if isEnd { depth -= 1 } else if !afterSlash { depth += 1 }
                    state = .text
                } else {
                    state = .quoted(quote: base[i], isEnd: isEnd)
                }
                i += 1
            default:
                step(base[i])
                i += 1
            }
        }
        if rewritten {
            output.append(contentsOf: UnsafeBufferPointer(start: base + copied, count: count - copied))
        }
        return rewritten
    }

    /// Undoes ``rewrite(_:into:)``: the CRs it turned into references become CRs again.
    static func restore(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            if bytes[i] == UInt8(ascii: "]"), bytes[i...].starts(with: cdataCR) {
                output.append(0x0D)
                i += cdataCR.count
            } else if bytes[i] == UInt8(ascii: "&"), bytes[i...].starts(with: textCR) {
                output.append(0x0D)
                i += textCR.count
            } else {
                output.append(bytes[i])
                i += 1
            }
        }
        return output
    }

    /// Advances the markup states by one byte.
    private mutating func step(_ byte: UInt8) {
        switch state {
        case .lessThan:
            switch byte {
            case UInt8(ascii: "!"): state = .bang(matched: 0)
            case UInt8(ascii: "?"): state = .processingInstruction(afterQuestion: false)
            case UInt8(ascii: "/"): state = .tag(isEnd: true, afterSlash: false)
            default: state = .tag(isEnd: false, afterSlash: false)
            }
        case .bang(let matched):
            if matched == 0 && byte == UInt8(ascii: "-") {
                state = .comment(dashes: -1)
            } else if matched < Self.cdataOpen.count && byte == Self.cdataOpen[matched] {
                state = matched + 1 == Self.cdataOpen.count ? .cdata(brackets: 0) : .bang(matched: matched + 1)
            } else {
                state = .declaration(depth: byte == UInt8(ascii: "[") ? 1 : 0, quote: nil)
                if byte == UInt8(ascii: ">") { state = .text }
            }
        case .tag(let isEnd, let afterSlash):
            switch byte {
            case UInt8(ascii: ">"):
                if isEnd { depth -= 1 } else if !afterSlash { depth += 1 }
                state = .text
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                state = .quoted(quote: byte, isEnd: isEnd)
            default:
                state = .tag(isEnd: isEnd, afterSlash: byte == UInt8(ascii: "/"))
            }
        case .quoted(let quote, let isEnd):
            if byte == quote { state = .tag(isEnd: isEnd, afterSlash: false) }
        case .comment(let dashes):
            if dashes < 0 {
                state = .comment(dashes: 0)     // the second "-" of "<!--"
            } else if byte == UInt8(ascii: "-") {
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
        case .text, .cdata:
            break
        }
    }
}
