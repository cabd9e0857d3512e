internal import CLibXML2
import Foundation

/// Feeds bytes to libxml2's SAX2 push parser and hands its events to a ``WXRAssembler``.
///
/// This is the only file of Reader/ that touches libxml2 (Content/HTMLParser is the other, for post HTML). The parser is built safe: no network, no DTD loading, and no
/// entity but XML's five predefined ones is ever expanded (so neither external entities nor expansion bombs
/// can do anything); `XML_PARSE_HUGE` lets multi-megabyte posts through, which is safe because of that.
///
/// Bytes pass through an ``InputSanitizer`` first. What it cannot repair (mismatched tags, an element cut
/// off) stops libxml2; the stream then reports the damage at its line, drops the entity it was in, and
/// resumes with a new parser at the next `<item>`, started with the root and channel tags of the file so that
/// its namespaces are declared. A file cut off ends the reading after the last complete item.
final class XMLStream {
    let assembler: WXRAssembler
    private var context: xmlParserCtxtPtr
    private let input: SanitizedInput
    private let name: String
    private var sanitized: [UInt8] = []
    private var declaredEncoding: String?
    private var isPassThrough = false
    private var rewritten: [UInt8] = []
    private var lineEnds: LineEndPreserver?
    private var isFirstChunk = true
    private var mayPreserveLineEnds = true
    private(set) var fatalError: ReadError?
    private var namespaceWarnings = 0
    private(set) var isFinished = false

    /// The first fatal error of the current parser, with where it happened in the bytes fed to it.
    private struct Damage {
        var line: Int
        var column: Int
        var code: FindingCode
        var message: String
        var offset: Int
        var lineAtOffset: Int
    }
    private var damage: Damage?
    /// Lines before the current parser's first line: a resumed parser counts from 1 at its `<item>`. Kept
    /// behind a pointer: it is read on every element, and a stored property would be checked for exclusive
    /// access each time.
    private let lineOffsetStorage = UnsafeMutablePointer<Int>.allocate(capacity: 1)
    private var lineOffset: Int {
        get { lineOffsetStorage.pointee }
        set { lineOffsetStorage.pointee = newValue }
    }
    /// Bytes fed to the current parser, and the last two feeds, kept to resume after damage.
    private var fedCount = 0
    private var recentFeeds: [(offset: Int, bytes: [UInt8])] = []
    /// Where the current parser's own bytes start in its feed (after the resumption prefix), and in the stream.
    private var prefixLength = 0
    private var streamOffsetOfParser = 0
    private var lastResumeOffset = -1
    /// The root and channel start tags with their namespace declarations, once read.
    private var rootTag: [UInt8]?
    private var channelTag: [UInt8]?
    /// Between damage and the next `<item>`.
    private var seeking: ItemSearch?
    private var pendingDamage: Finding?

    /// Parses `input`; with `readsAhead`, reading and sanitizing run on a thread of their own.
    init(input: InputSource, name: String, assembler: WXRAssembler, readsAhead: Bool) throws(ReadError) {
        self.input = SanitizedInput(source: input, isConcurrent: readsAhead)
        self.name = name
        self.assembler = assembler
        guard let context = Self.makeContext(name: name) else {
            throw .ioFailure(reason: "libxml2 could not create a parser")
        }
        self.context = context
        lineOffsetStorage.initialize(to: 0)
        context.pointee._private = Unmanaged.passUnretained(self).toOpaque()
        context.pointee.userData = context.pointee._private
    }

    deinit {
        input.cancel()
        Self.free(context)
        lineOffsetStorage.deallocate()
    }

    private static func makeContext(name: String) -> xmlParserCtxtPtr? {
        var handler = xmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        handler.startElementNs = { context, localName, _, uri, namespaceCount, namespaces, attributeCount, _, attributes in
            XMLStream.withOwner(context) {
                $0.didStart(localName, uri, Int(namespaceCount), namespaces, Int(attributeCount), attributes)
            }
        }
        handler.endElementNs = { context, _, _, _ in
            XMLStream.withOwner(context) { stream in stream.assembler.end(line: stream.line) }
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
        handler.internalSubset = { context, _, _, systemID in
            XMLStream.withOwner(context) { $0.didDeclareDocumentType(systemID: systemID) }
        }
        handler.entityDecl = { context, name, type, _, systemID, _ in
            // Reported, never stored: an entity that is not stored can be neither fetched nor expanded.
            XMLStream.withOwner(context) { $0.didDeclareEntity(name, type: type, systemID: systemID) }
        }
        handler.serror = { context, error in
            guard let context, let error else { return }
            XMLStream.owner(context).didFail(error.pointee)
        }
        guard let context = xmlCreatePushParserCtxt(&handler, nil, nil, 0, name) else { return nil }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_HUGE.rawValue | XML_PARSE_NOWARNING.rawValue)
        xmlCtxtUseOptions(context, options)
        return context
    }

    private static func free(_ context: xmlParserCtxtPtr) {
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

    /// The line of the file the parser is on.
    var line: Int { Int(xmlSAX2GetLineNumber(context)) + lineOffset }

    /// Parses one more chunk of input. Returns false once the whole input has been parsed.
    func advance() throws(ReadError) -> Bool {
        guard !isFinished else { return false }
        var chunk = try input.next()
        let isLast = chunk.isLast
        declaredEncoding = chunk.declaredEncoding
        isPassThrough = chunk.isPassThrough
        for finding in chunk.repairs { assembler.addRepair(finding) }
        if let cutOff = chunk.cutOff {
            // As a cut-off XML file: what came before is read, the rest reported (the XML's own end too).
            assembler.add(Finding(code: .inputTruncated, severity: .error, message: cutOff, line: line,
                                  action: "read up to where the data ends", hint: "download or copy the file again"))
        }
        input.recycle(&sanitized)
        swap(&sanitized, &chunk.bytes)
        if isFirstChunk {
            isFirstChunk = false
            // Inserting ASCII references into UTF-16 would corrupt it; such files keep XML's line ends.
            let head = sanitized.prefix(4)
            mayPreserveLineEnds = !(head.starts(with: [0xFE, 0xFF]) || head.starts(with: [0xFF, 0xFE]) || head.contains(0))
        }
        let bytes = sanitized
        if seeking != nil {
            bytes.withUnsafeBytes { seeking?.append($0) }
        } else {
            bytes.withUnsafeBytes { feed($0, terminate: isLast, isRewritten: false) }
        }
        // Damage sets `seeking`; each resumption starts past the last, so this ends.
        while seeking != nil, fatalError == nil, let resumed = nextResumption() {
            resumed.withUnsafeBytes { feed($0, terminate: isLast, isRewritten: false) }
        }
        if fatalError != nil || assembler.failure != nil {
            isFinished = true
        }
        if isLast && !isFinished {
            isFinished = true
            if seeking != nil { finishSeeking(found: nil) }
            assembler.finishDocument(line: line)
        }
        return !isFinished
    }

    // MARK: Feeding the parser

    /// Parses `bytes`, preserving CRs from the first one on, and recovers from damage.
    private func feed(_ bytes: UnsafeRawBufferPointer, terminate: Bool, isRewritten: Bool) {
        var bytes = bytes
        if !isRewritten, lineEnds == nil, mayPreserveLineEnds, !bytes.isEmpty,
           let cr = memchr(bytes.baseAddress!, 0x0D, bytes.count) {
            // Parse up to the first CR, then ask the parser where it stands to start rewriting from there.
            let before = UnsafeRawPointer(cr) - bytes.baseAddress!
            parse(UnsafeRawBufferPointer(rebasing: bytes[0..<before]), terminate: false)
            if damage != nil || assembler.failure != nil {
                recover(remainder: UnsafeRawBufferPointer(rebasing: bytes[before...]), atEnd: false)
                return
            }
            lineEnds = resumeLineEnds()
            bytes = UnsafeRawBufferPointer(rebasing: bytes[before...])
        }
        if !isRewritten, lineEnds != nil, lineEnds!.rewrite(bytes, into: &rewritten) {
            let rewrittenBytes = rewritten
            rewrittenBytes.withUnsafeBytes { parse($0, terminate: terminate) }
        } else {
            parse(bytes, terminate: terminate)
        }
        if damage != nil { recover(remainder: UnsafeRawBufferPointer(start: nil, count: 0), atEnd: terminate) }
    }

    private func parse(_ bytes: UnsafeRawBufferPointer, terminate: Bool) {
        guard damage == nil, assembler.failure == nil else { return }
        remember(bytes)
        let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self)
        let status = xmlParseChunk(context, base, Int32(bytes.count), terminate ? 1 : 0)
        if status != 0, damage == nil, assembler.failure == nil {
            damage = Damage(line: line, column: Int(xmlSAX2GetColumnNumber(context)), code: .xmlNotWellFormed,
                            message: "libxml2 error \(status)", offset: fedCount, lineAtOffset: line)
        }
    }

    /// Keeps the last two feeds: damage found in them is resumed from where it happened.
    private func remember(_ bytes: UnsafeRawBufferPointer) {
        if recentFeeds.count == 2 {
            var reused = recentFeeds.removeFirst().bytes
            reused.removeAll(keepingCapacity: true)
            reused.append(contentsOf: bytes)
            recentFeeds.append((fedCount, reused))
        } else {
            recentFeeds.append((fedCount, Array(bytes)))
        }
        fedCount += bytes.count
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

    // MARK: Recovering from damage

    /// The parser stopped on damage: report it, drop the entity it was in, and look for the next `<item>`.
    /// `remainder` is what the caller had not fed yet.
    private func recover(remainder: UnsafeRawBufferPointer, atEnd: Bool) {
        guard let damage else { return }
        self.damage = nil
        let dropped = assembler.abandon()
        var finding = Finding(code: damage.code, severity: .error, message: damage.message, line: damage.line,
                              column: damage.column, entity: dropped?.entity)
        if atEnd || damage.code == .xmlTruncated {
            finding.code = .xmlTruncated
            finding.action = dropped.map { "the \($0.name) starting at line \($0.line) is incomplete and was not kept" }
                ?? "read up to the damage"
            finding.hint = "the file is cut off: export it again, or download it again"
            assembler.add(finding)
            isFinished = true
            assembler.finishDocument(line: damage.line)
            return
        }
        guard rootTag != nil, channelTag != nil, !isPassThrough else {
            fatalError = .notWellFormed(line: damage.line, column: damage.column, reason: damage.message)
            return
        }
        // The bytes after the damage: from the recent feeds, then what was not fed yet.
        var rest: [UInt8] = []
        // Never from inside the resumption prefix: the stream offsets below must only move forward.
        var restStart = max(damage.offset, prefixLength)
        if let first = recentFeeds.first, restStart < first.offset { restStart = first.offset }
        for feed in recentFeeds where feed.offset + feed.bytes.count > restStart {
            let from = max(0, restStart - feed.offset)
            rest.append(contentsOf: feed.bytes[from...])
        }
        rest.append(contentsOf: remainder)
        let streamOffset = streamOffsetOfParser + (restStart - prefixLength)
        var lineAtRest = damage.lineAtOffset
        if restStart > damage.offset { lineAtRest = damage.line }
        finding.action = dropped.map { "the \($0.name) starting at line \($0.line) was not kept" } ?? "skipped"
        pendingDamage = finding
        Self.free(context)
        context = Self.makeContext(name: name)!
        context.pointee._private = Unmanaged.passUnretained(self).toOpaque()
        context.pointee.userData = context.pointee._private
        fedCount = 0
        recentFeeds.removeAll()
        seeking = ItemSearch(line: lineAtRest, streamOffset: streamOffset)
        rest.withUnsafeBytes { seeking?.append($0) }
    }

    /// Looks for the next `<item>` in the bytes gathered since the damage. Returns what a new parser should be
    /// fed from there (the root and channel tags, then the item on), or nil to wait for more input.
    private func nextResumption() -> [UInt8]? {
        guard var search = seeking else { return nil }
        seeking = nil       // one owner of the bytes while they are searched: no copy
        let minimum = max(0, lastResumeOffset + 1 - search.streamOffset)
        let next = search.nextItem(from: minimum)
        seeking = search
        guard let (found, itemLine) = next else { return nil }
        let itemOffset = search.streamOffset + found
        finishSeeking(found: itemLine)
        lastResumeOffset = itemOffset
        // The new parser starts on line 1 with the prefix and the item together.
        var resumed: [UInt8] = []
        if let encoding = declaredEncoding {
            resumed.append(contentsOf: Array("<?xml version=\"1.0\" encoding=\"\(encoding)\"?>".utf8))
        }
        resumed.append(contentsOf: rootTag!)
        resumed.append(contentsOf: channelTag!)
        lineOffset = itemLine - 1
        prefixLength = resumed.count
        streamOffsetOfParser = itemOffset
        if lineEnds != nil {
            // The preserver's idea of depth went wrong with the damage: undo its rewriting, and let the new
            // parser start a preserver of its own at the first CR.
            resumed.append(contentsOf: LineEndPreserver.restore(search.bytes[found...]))
            lineEnds = nil
        } else {
            resumed.append(contentsOf: search.bytes[found...])
        }
        return resumed
    }

    private func finishSeeking(found line: Int?) {
        guard var finding = pendingDamage else { return }
        pendingDamage = nil
        if let line {
            finding.action = (finding.action ?? "skipped") + "; reading resumed at line \(line)"
        } else {
            finding.action = (finding.action ?? "skipped") + "; no item follows"
        }
        assembler.add(finding)
        seeking = nil
    }

    // MARK: Callbacks

    private func didStart(
        _ localName: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?, _ namespaceCount: Int,
        _ namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, _ attributeCount: Int,
        _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        guard let localName else { return }
        let name = UnsafeBufferPointer(start: localName, count: strlen(localName))
        let namespace = uri.map { namespaceOf(UnsafeBufferPointer(start: $0, count: strlen($0))) } ?? .none
        let tag = WXRTag.lookup(namespace: namespace, name: name)
        if tag == .rss || tag == .channel, channelTag == nil {
            let start = Self.startTag(tag == .rss ? "rss" : "channel", namespaceCount, namespaces)
            if tag == .rss { rootTag = start } else if rootTag != nil { channelTag = start }
        }
        assembler.start(tag, line: line) {
            (Self.attribute("domain", attributeCount, attributes), Self.attribute("nicename", attributeCount, attributes))
        }
        if assembler.failure != nil { xmlStopParser(context) }
    }

    /// A start tag with the namespace declarations SAX2 passed as (prefix, URI) pairs, on one line.
    private static func startTag(
        _ name: String, _ count: Int, _ namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) -> [UInt8] {
        var tag = Array("<\(name)".utf8)
        for index in 0..<count {
            guard let namespaces, let uri = namespaces[2 * index + 1] else { continue }
            tag.append(contentsOf: Array(" xmlns".utf8))
            if let prefix = namespaces[2 * index] {
                tag.append(UInt8(ascii: ":"))
                tag.append(contentsOf: UnsafeBufferPointer(start: prefix, count: strlen(prefix)))
            }
            tag.append(contentsOf: Array("=\"".utf8))
            for byte in UnsafeBufferPointer(start: uri, count: strlen(uri)) {
                switch byte {
                case UInt8(ascii: "\""): tag.append(contentsOf: Array("&quot;".utf8))
                case UInt8(ascii: "&"): tag.append(contentsOf: Array("&amp;".utf8))
                case UInt8(ascii: "<"): tag.append(contentsOf: Array("&lt;".utf8))
                case 0x0A, 0x0D, 0x09: tag.append(0x20)
                default: tag.append(byte)
                }
            }
            tag.append(UInt8(ascii: "\""))
        }
        tag.append(UInt8(ascii: ">"))
        return tag
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

    private func didDeclareDocumentType(systemID: UnsafePointer<xmlChar>?) {
        guard let systemID else { return }
        assembler.add(Finding(
            code: .xmlExternalDTD, severity: .warning,
            message: "the document type names an external DTD, \"\(String(cString: systemID).prefix(200))\"",
            line: line, action: "not loaded", hint: "WordPress exports have no DTD; nothing is fetched while reading"))
    }

    private func didDeclareEntity(_ name: UnsafePointer<xmlChar>?, type: Int32, systemID: UnsafePointer<xmlChar>?) {
        let entity = name.map { String(cString: $0) } ?? ""
        if let systemID {
            assembler.add(Finding(
                code: .xmlExternalEntity, severity: .warning,
                message: "the entity \(entity) names \"\(String(cString: systemID).prefix(200))\"",
                line: line, action: "not loaded", hint: "external entities are never read: no file or network access"))
        } else {
            assembler.add(Finding(
                code: .xmlEntityDeclaration, severity: .warning, message: "the document declares the entity \(entity)",
                line: line, action: "not expanded", hint: "declared entities are never expanded, so expansion bombs do nothing"))
        }
    }

    private func didFail(_ error: xmlError) {
        var message = error.message.map { String(cString: $0) }?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "error"
        if lineOffset > 0 { message = Self.shiftingLines(in: message, by: lineOffset) }
        let line = Int(error.line) + lineOffset, column = Int(error.int2)
        if error.level == XML_ERR_FATAL {
            guard damage == nil else { return }
            let depth = Int(context.pointee.nameNr)
            var code: FindingCode = .xmlNotWellFormed
            var reason = message
            if error.code == Int32(XML_ERR_TAG_NAME_MISMATCH.rawValue) {
                code = .xmlMismatchedTag
            } else if error.code == Int32(XML_ERR_DOCUMENT_END.rawValue) || error.code == Int32(XML_ERR_TAG_NOT_FINISHED.rawValue),
                      depth > 0, let open = context.pointee.name {
                // libxml2 says "Extra content at the end of the document" when the input stops inside elements.
                code = .xmlTruncated
                reason = "the file ends inside <\(String(cString: open))> with \(Counted(depth, "element")) still open: it is cut off"
            }
            let consumed = Int(xmlByteConsumed(context))
            let lineAtOffset = (context.pointee.input.map { Int($0.pointee.line) } ?? Int(error.line)) + lineOffset
            damage = Damage(line: code == .xmlTruncated ? self.line : line, column: column, code: code, message: reason,
                            offset: consumed >= 0 ? consumed : fedCount, lineAtOffset: lineAtOffset)
            // Stop here, so that the position above is where reading resumes.
            xmlStopParser(context)
            return
        }
        if error.domain == Int32(XML_FROM_NAMESPACE.rawValue) {
            namespaceWarnings += 1
            guard namespaceWarnings <= 20 else { return }
            assembler.add(Finding(
                code: .xmlNamespace, severity: .warning, message: message, line: line, column: column,
                action: "read on", hint: "the element is read as if in no namespace; WXR fields it holds are not read"))
            return
        }
        assembler.add(Finding(code: .xmlError, severity: error.level == XML_ERR_ERROR ? .error : .warning,
                              message: message, line: line, column: column, action: "read on"))
    }

    /// libxml2's message with the lines it names ("tag mismatch: title line 7 and item") counted from the
    /// file's start rather than the resumed parser's.
    private static func shiftingLines(in message: String, by offset: Int) -> String {
        var result = ""
        var rest = message[...]
        while let range = rest.range(of: "line ") {
            result += rest[..<range.upperBound]
            rest = rest[range.upperBound...]
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            if let number = Int(digits) {
                result += String(number + offset)
                rest = rest.dropFirst(digits.count)
            }
        }
        return result + rest
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
