internal import CLibXML2
import Foundation

/// Feeds bytes to libxml2's SAX2 push parser and hands its events to a ``WXRAssembler``.
///
/// This is the only file that touches libxml2. The parser is built safe: no network, no DTD loading, and no
/// entity but XML's five predefined ones is ever expanded (so neither external entities nor expansion bombs
/// can do anything); `XML_PARSE_HUGE` lets multi-megabyte posts through, which is safe because of that.
final class XMLStream {
    let assembler: WXRAssembler
    private let context: xmlParserCtxtPtr
    private let input: InputSource
    private var chunk: [UInt8]
    private var rewritten: [UInt8] = []
    private var lineEnds: LineEndPreserver?
    private var isFirstChunk = true
    private var mayPreserveLineEnds = true
    private(set) var fatalError: ReadError?
    private var namespaceWarnings = 0
    private(set) var isFinished = false

    private static let chunkSize = 1 << 16

    init(input: InputSource, name: String, assembler: WXRAssembler) throws(ReadError) {
        self.input = input
        self.assembler = assembler
        chunk = [UInt8](repeating: 0, count: Self.chunkSize)

        var handler = xmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        handler.startElementNs = { context, localName, _, uri, _, _, attributeCount, _, attributes in
            XMLStream.withOwner(context) { $0.didStart(localName, uri, Int(attributeCount), attributes) }
        }
        handler.endElementNs = { context, _, _, _ in
            XMLStream.withOwner(context) { $0.assembler.end() }
        }
        handler.characters = { context, bytes, length in
            XMLStream.withOwner(context) { $0.didRead(bytes, length) }
        }
        handler.cdataBlock = { context, bytes, length in
            XMLStream.withOwner(context) { $0.didRead(bytes, length) }
        }
        handler.getEntity = { _, name in
            // Only &lt; &gt; &amp; &apos; &quot;: declared entities are never expanded.
            xmlGetPredefinedEntity(name)
        }
        handler.serror = { context, error in
            guard let context, let error else { return }
            XMLStream.owner(context).didFail(error.pointee)
        }

        guard let context = xmlCreatePushParserCtxt(&handler, nil, nil, 0, name) else {
            throw .ioFailure(reason: "libxml2 could not create a parser")
        }
        self.context = context
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_HUGE.rawValue | XML_PARSE_NOWARNING.rawValue)
        xmlCtxtUseOptions(context, options)
        context.pointee._private = Unmanaged.passUnretained(self).toOpaque()
        context.pointee.userData = context.pointee._private
    }

    deinit {
        if let document = context.pointee.myDoc { xmlFreeDoc(document) }
        xmlFreeParserCtxt(context)
    }

    private static func owner(_ pointer: UnsafeMutableRawPointer?) -> XMLStream {
        Unmanaged<XMLStream>.fromOpaque(pointer!).takeUnretainedValue()
    }

    /// Calls `body` on the stream that owns a parser, without retaining it: the stream outlives its parser.
    private static func withOwner(_ pointer: UnsafeMutableRawPointer?, _ body: (XMLStream) -> Void) {
        Unmanaged<XMLStream>.fromOpaque(pointer!)._withUnsafeGuaranteedRef(body)
    }

    /// The line the parser is on.
    var line: Int { Int(xmlSAX2GetLineNumber(context)) }

    /// Parses one more chunk of input. Returns false once the whole input has been parsed.
    func advance() throws(ReadError) -> Bool {
        guard !isFinished else { return false }
        let count = try input.read(into: &chunk)
        if isFirstChunk {
            isFirstChunk = false
            // Inserting ASCII references into UTF-16 would corrupt it; such files keep XML's line ends.
            let head = chunk.prefix(min(count, 4))
            mayPreserveLineEnds = !(head.starts(with: [0xFE, 0xFF]) || head.starts(with: [0xFF, 0xFE]) || head.contains(0))
        }
        let terminate: Int32 = count == 0 ? 1 : 0
        let status = chunk.withUnsafeBytes { raw -> Int32 in
            var bytes = UnsafeRawBufferPointer(rebasing: raw[0..<count])
            if lineEnds == nil, mayPreserveLineEnds, let cr = memchr(raw.baseAddress!, 0x0D, count) {
                // Parse up to the first CR, then ask the parser where it stands to start rewriting from there.
                let before = UnsafeRawPointer(cr) - raw.baseAddress!
                let status = parse(UnsafeRawBufferPointer(rebasing: raw[0..<before]), terminate: 0)
                guard status == 0, fatalError == nil, assembler.failure == nil else { return status }
                lineEnds = resumeLineEnds()
                bytes = UnsafeRawBufferPointer(rebasing: raw[before..<count])
            }
            if lineEnds != nil, lineEnds!.rewrite(bytes, into: &rewritten) {
                return rewritten.withUnsafeBytes { parse($0, terminate: terminate) }
            }
            return parse(bytes, terminate: terminate)
        }
        if status != 0 || fatalError != nil || assembler.failure != nil {
            isFinished = true
            if fatalError == nil, assembler.failure == nil {
                fatalError = .notWellFormed(line: line, column: Int(xmlSAX2GetColumnNumber(context)),
                                            reason: "libxml2 error \(status)")
            }
        }
        if count == 0 {
            isFinished = true
            assembler.finishDocument(line: line)
        }
        return !isFinished
    }

    /// A line-end preserver in the state the parser is in: its depth, whether it is inside CDATA, and the
    /// bytes it holds back unparsed (which start at a token boundary) scanned on top.
    private func resumeLineEnds() -> LineEndPreserver {
        let parser = context.pointee
        var preserver = LineEndPreserver(
            depth: Int(parser.nameNr), isInCDATA: parser.instate == XML_PARSER_CDATA_SECTION)
        if let input = parser.input, let current = input.pointee.cur, let end = input.pointee.end, end > current {
            var ignored: [UInt8] = []
            _ = preserver.rewrite(UnsafeRawBufferPointer(start: current, count: end - current), into: &ignored)
        }
        return preserver
    }

    private func parse(_ bytes: UnsafeRawBufferPointer, terminate: Int32) -> Int32 {
        let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self)
        return xmlParseChunk(context, base, Int32(bytes.count), terminate)
    }

    // MARK: Callbacks

    private func didStart(
        _ localName: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?, _ attributeCount: Int,
        _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        guard let localName else { return }
        let name = UnsafeBufferPointer(start: localName, count: strlen(localName))
        let namespace = uri.map { namespaceOf(UnsafeBufferPointer(start: $0, count: strlen($0))) } ?? .none
        let tag = WXRTag.lookup(namespace: namespace, name: name)
        assembler.start(tag, line: line) {
            (Self.attribute("domain", attributeCount, attributes), Self.attribute("nicename", attributeCount, attributes))
        }
        if assembler.failure != nil { xmlStopParser(context) }
    }

    /// Namespace URIs seen so far: a document uses a handful, so a short list beats classifying each time.
    private var knownNamespaces: [(uri: [UInt8], namespace: XMLNamespace)] = []

    private func namespaceOf(_ uri: UnsafeBufferPointer<UInt8>) -> XMLNamespace {
        for known in knownNamespaces where known.uri.count == uri.count {
            if known.uri.withUnsafeBytes({ memcmp($0.baseAddress!, uri.baseAddress!, uri.count) }) == 0 {
                return known.namespace
            }
        }
        let namespace = XMLNamespace(uri: uri)
        if knownNamespaces.count < 32 { knownNamespaces.append((Array(uri), namespace)) }
        return namespace
    }

    private func didRead(_ bytes: UnsafePointer<xmlChar>?, _ length: Int32) {
        guard assembler.isCollecting, let bytes else { return }
        assembler.text(UnsafeRawBufferPointer(start: bytes, count: Int(length)))
    }

    private func didFail(_ error: xmlError) {
        let message = error.message.map { String(cString: $0) }?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "error"
        let line = Int(error.line), column = Int(error.int2)
        if error.level == XML_ERR_FATAL {
            guard fatalError == nil else { return }
            let depth = Int(context.pointee.nameNr)
            if error.code == Int32(XML_ERR_DOCUMENT_END.rawValue), depth > 0, let open = context.pointee.name {
                // libxml2 says "Extra content at the end of the document" when the input stops inside elements.
                fatalError = .notWellFormed(
                    line: self.line, column: Int(xmlSAX2GetColumnNumber(context)),
                    reason: "the file ends inside <\(String(cString: open))> with \(depth) element(s) still open: it is cut off")
            } else {
                fatalError = .notWellFormed(line: line, column: column, reason: message)
            }
            return
        }
        if error.domain == Int32(XML_FROM_NAMESPACE.rawValue) {
            namespaceWarnings += 1
            guard namespaceWarnings <= 20 else { return }
            assembler.add(Finding(
                code: "xml.namespace", severity: .warning, message: message, line: line, column: column,
                action: "read on", hint: "the element is read as if in no namespace; WXR fields it holds are not read"))
            return
        }
        assembler.add(Finding(code: "xml.error", severity: error.level == XML_ERR_ERROR ? .error : .warning,
                              message: message, line: line, column: column, action: "read on"))
    }

    /// The value of an attribute in no namespace, from SAX2's five-pointer attribute records.
    private static func attribute(
        _ wanted: StaticString, _ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) -> String? {
        guard let attributes else { return nil }
        for index in 0..<count {
            let record = attributes + index * 5
            guard let name = record[0], record[2] == nil, let start = record[3], let end = record[4],
                  strcmp(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self),
                         UnsafeRawPointer(wanted.utf8Start).assumingMemoryBound(to: CChar.self)) == 0
            else { continue }
            let value = String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
            // Without entity substitution libxml2 hands "&amp;" in attributes over as "&#38;".
            return value.utf8.contains(UInt8(ascii: "&")) ? value.replacingOccurrences(of: "&#38;", with: "&") : value
        }
        return nil
    }
}
