internal import CLibXML2
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import Synchronization

/// Parses a fragment of post HTML into ``HTMLNode``s, on libxml2's HTML parser: forgiving as browsers are
/// about unclosed and misnested tags, never touching the network. The only file of Content/ that sees libxml2.
///
/// The parser's SAX events build our tree directly: libxml2's own tree would be built, walked and freed for
/// nothing, and that was a third of the engine's time.
enum HTMLParser {
    /// Nesting beyond this is flattened: hostile input must not exhaust the stack of the recursive passes after.
    static let maximumDepth = 200

    static func parse(_ html: String) -> [HTMLNode] {
        var source = "<html><body>" + browserReading(html) + "</body></html>"
        // The builder lives behind a pointer: the SAX callbacks reach it with no exclusivity bookkeeping.
        let builder = UnsafeMutablePointer<TreeBuilder>.allocate(capacity: 1)
        builder.initialize(to: TreeBuilder())
        defer { builder.deinitialize(count: 1); builder.deallocate() }
        guard let context = contexts.withLock({ $0.popLast() }) ?? ParserContext() else { return html.isEmpty ? [] : [.text(html)] }
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue | HTML_PARSE_NODEFDTD.rawValue | XML_PARSE_HUGE.rawValue)
        context.pointer.pointee._private = UnsafeMutableRawPointer(builder)
        source.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                if let document = htmlCtxtReadMemory(context.pointer, chars.baseAddress, Int32(chars.count), nil, "UTF-8", options) {
                    xmlFreeDoc(document)
                }
            }
        }
        context.pointer.pointee._private = nil
        contexts.withLock { pool in if pool.count < 16 { pool.append(context) } }
        return builder.pointee.finish()
    }

    /// Parser contexts kept between posts, our handlers installed: making one (and its name dictionary) per post
    /// costs as much as parsing a short post. A context serves one parse at a time.
    private static let contexts = Mutex<[ParserContext]>([])

    private final class ParserContext: @unchecked Sendable {
        let pointer: htmlParserCtxtPtr

        init?() {
            guard let pointer = htmlNewParserCtxt() else { return nil }
            self.pointer = pointer
            HTMLParser.install(on: pointer)
            pointer.pointee.userData = UnsafeMutableRawPointer(pointer)
        }

        deinit { htmlFreeParserCtxt(pointer) }
    }

    /// What browsers read differently from libxml2, rewritten the browsers' way: `<![CDATA[…>` in HTML is a
    /// bogus comment (hidden), numeric references to C1 controls mean Windows-1252 characters (`&#x85;` is
    /// "…"), references to surrogates or NUL are U+FFFD, and the legacy references written without their
    /// semicolon (`&lt/script&gt`) are the characters they name, as HTML has always read them.
    static func browserReading(_ html: String) -> String {
        guard html.containsBytes("![CDATA[") || hasReferenceBrowsersReadOtherwise(html) else { return html }
        var bytes = Array(html.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        bytes.append(0)  // a sentinel, so that looking one ahead never runs out
        let count = bytes.count - 1
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<"), bytes[index..<min(count, index + 9)].elementsEqual("<![CDATA[".utf8) {
                var end = index + 9
                while end < count, bytes[end] != UInt8(ascii: ">") { end += 1 }
                index = end + 1
                continue
            }
            if byte == UInt8(ascii: "&"), let name = legacyReferenceWithoutSemicolon(in: bytes, at: index, count: count) {
                output += Array("&\(name);".utf8)
                index += 1 + name.utf8.count
                continue
            }
            if byte == UInt8(ascii: "&"), bytes[index + 1] == UInt8(ascii: "#") {
                var scan = index + 2
                let isHex = bytes[scan] == UInt8(ascii: "x") || bytes[scan] == UInt8(ascii: "X")
                if isHex { scan += 1 }
                let digitsStart = scan
                while scan < count, scan - digitsStart < 8, isHex ? bytes[scan].isHexDigit : bytes[scan].isDecimalDigit { scan += 1 }
                if scan > digitsStart, let code = UInt32(String(decoding: bytes[digitsStart..<scan], as: UTF8.self), radix: isHex ? 16 : 10) {
                    let replacement: UInt32? = switch code {
                    case 0x80...0x9F: windows1252[Int(code - 0x80)]
                    case 0, 0xD800...0xDFFF, 0x110000...: 0xFFFD
                    default: nil
                    }
                    if let replacement {
                        output += Array("&#\(replacement);".utf8)
                        index = bytes[scan] == UInt8(ascii: ";") ? scan + 1 : scan
                        continue
                    }
                }
            }
            output.append(byte)
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The named references HTML reads without a semicolon (the common ones of its legacy list), as libxml2 does
    /// not.
    private static let legacyNames: [[UInt8]] = ["lt", "gt", "amp", "quot", "nbsp", "copy", "reg", "LT", "GT", "AMP", "QUOT"]
        .map { Array($0.utf8) }

    /// The legacy name at `index` (an `&`) when no semicolon follows it, and neither does a letter, digit or `=`
    /// (which would make it part of a longer name, or of a URL's query in an attribute).
    private static func legacyReferenceWithoutSemicolon<C: RandomAccessCollection<UInt8>>(in bytes: C, at index: C.Index, count: Int) -> String?
        where C.Index == Int {
        for name in legacyNames {
            let end = index + 1 + name.count
            guard end <= count, bytes[(index + 1)..<end].elementsEqual(name) else { continue }
            let next = end < count ? bytes[end] : 0
            if next == UInt8(ascii: ";") || next == UInt8(ascii: "=") || next.isASCIILetter || next.isDecimalDigit { return nil }
            return String(decoding: name, as: UTF8.self)
        }
        return nil
    }

    /// Whether a numeric reference names a C1 control, a surrogate or NUL (`&#x85;`, `&#150;`, `&#xD800;`), or a
    /// legacy reference lacks its semicolon.
    private static func hasReferenceBrowsersReadOtherwise(_ html: String) -> Bool {
        let found = html.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard let base = bytes.baseAddress else { return false }
            var index = 0
            // From one "&" to the next (memchr): most posts have a few, and most of those end in ";".
            while index + 2 < bytes.count, let hit = memchr(base + index, Int32(UInt8(ascii: "&")), bytes.count - index) {
                index = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                guard index + 2 < bytes.count else { return false }
                if legacyReferenceWithoutSemicolon(in: bytes, at: index, count: bytes.count) != nil { return true }
                if bytes[index + 1] == UInt8(ascii: "#") {
                    var scan = index + 2
                    let isHex = bytes[scan] | 0x20 == UInt8(ascii: "x")
                    if isHex { scan += 1 }
                    let start = scan
                    while scan < bytes.count, scan - start < 8, isHex ? bytes[scan].isHexDigit : bytes[scan].isDecimalDigit { scan += 1 }
                    if scan > start, let code = UInt32(String(decoding: bytes[start..<scan], as: UTF8.self), radix: isHex ? 16 : 10),
                       code == 0 || (0x80...0x9F).contains(code) || (0xD800...0xDFFF).contains(code) || code > 0x10FFFF {
                        return true
                    }
                }
                index += 1
            }
            return false
        }
        return found ?? true
    }

    /// Windows-1252's characters for the bytes 0x80 to 0x9F (the five it leaves undefined map to themselves).
    private static let windows1252: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// Replaces the tree-building callbacks of the context's handler with ours.
    private static func install(on context: htmlParserCtxtPtr) {
        guard let handler = context.pointee.sax else { return }
        var events = xmlSAXHandler()
        events.initialized = handler.pointee.initialized
        events.startElement = { context, name, attributes in
            HTMLParser.builder(context)?.pointee.start(name, attributes)
        }
        events.endElement = { context, _ in
            HTMLParser.builder(context)?.pointee.end()
        }
        events.characters = { context, bytes, length in
            HTMLParser.builder(context)?.pointee.text(bytes, length)
        }
        events.ignorableWhitespace = events.characters
        events.cdataBlock = events.characters
        events.comment = { context, text in
            HTMLParser.builder(context)?.pointee.comment(text)
        }
        handler.pointee = events
    }

    private static func builder(_ context: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<TreeBuilder>? {
        guard let context, let owner = context.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private else { return nil }
        return owner.assumingMemoryBound(to: TreeBuilder.self)
    }

    private struct TreeBuilder {
        /// An element being built; `isTransparent` ones (html, body, head, and whatever nests too deep) hand their
        /// children to their parent.
        private struct Frame {
            var element: HTMLElement
            var isTransparent: Bool
        }

        private var root: [HTMLNode] = []
        private var stack: [Frame] = []
        private var pendingText: [UInt8] = []
        private var depth = 0

        mutating func start(_ name: UnsafePointer<xmlChar>?, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
            flushText()
            let tag = name.map { String(cString: $0) } ?? ""
            depth += 1
            let isTransparent = tag == "html" || tag == "body" || tag == "head" || depth > HTMLParser.maximumDepth
            var element = HTMLElement(tag)
            if !isTransparent, var pair = attributes {
                while let attributeName = pair.pointee {
                    let value = pair.advanced(by: 1).pointee.map { String(cString: $0) } ?? ""
                    element.attributes.append((String(cString: attributeName), value))
                    pair = pair.advanced(by: 2)
                }
            }
            stack.append(Frame(element: element, isTransparent: isTransparent))
        }

        mutating func end() {
            flushText()
            guard let frame = stack.popLast() else { return }
            depth -= 1
            if frame.isTransparent {
                append(contentsOf: frame.element.children)
            } else {
                append(.element(frame.element))
            }
        }

        mutating func text(_ bytes: UnsafePointer<xmlChar>?, _ length: Int32) {
            guard let bytes, length > 0 else { return }
            pendingText.append(contentsOf: UnsafeBufferPointer(start: bytes, count: Int(length)))
        }

        mutating func comment(_ text: UnsafePointer<xmlChar>?) {
            flushText()
            append(.comment(text.map { String(cString: $0) } ?? ""))
        }

        mutating func finish() -> [HTMLNode] {
            flushText()
            while !stack.isEmpty { end() }
            return root
        }

        private mutating func flushText() {
            guard !pendingText.isEmpty else { return }
            append(.text(String(decoding: pendingText, as: UTF8.self)))
            pendingText.removeAll(keepingCapacity: true)
        }

        private mutating func append(_ node: HTMLNode) {
            if stack.isEmpty { root.append(node) } else { stack[stack.count - 1].element.children.append(node) }
        }

        private mutating func append(contentsOf nodes: [HTMLNode]) {
            if stack.isEmpty { root += nodes } else { stack[stack.count - 1].element.children += nodes }
        }
    }
}
