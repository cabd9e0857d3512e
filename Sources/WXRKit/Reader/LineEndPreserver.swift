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
    private var scanner: MarkupScanner

    /// Starts in element content `depth` levels deep, inside a CDATA section or not.
    init(depth: Int, isInCDATA: Bool) {
        scanner = MarkupScanner(readsTags: true, depth: depth, isInCDATA: isInCDATA)
    }
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
        /// The index of the first `byte` from `start` to `end`, found by memchr.
        func find(_ byte: UInt8, from start: Int, to end: Int) -> Int? {
            memchr(base + start, Int32(byte), end - start).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) }
        }

        while i < count {
            switch scanner.state {
            case .text:
                // Jump to the next "<" or CR; nothing else matters in text.
                let lessThan = find(UInt8(ascii: "<"), from: i, to: count) ?? count
                if scanner.depth > 0, let cr = find(0x0D, from: i, to: lessThan) {
                    replace(at: cr, with: Self.textCR)
                    i = cr + 1
                    continue
                }
                i = lessThan
                if i < count { i = scanner.readLessThan(base, at: i, count: count) }
            case .cdata:
                // Jump to the next "]" or CR; a CR closes the section around its reference.
                let bracket = find(UInt8(ascii: "]"), from: i, to: count) ?? count
                if bracket == i || (scanner.brackets >= 2 && base[i] == UInt8(ascii: ">")) {
                    scanner.step(base[i])
                    i += 1
                    continue
                }
                scanner.readPlainContent()
                if let cr = find(0x0D, from: i, to: bracket) {
                    replace(at: cr, with: Self.cdataCR)
                    i = cr + 1
                    continue
                }
                i = bracket
            case .tag:
                i = scanner.readTag(base, from: i, count: count)
            default:
                scanner.step(base[i])
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
}
