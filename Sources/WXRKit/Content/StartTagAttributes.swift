/// The attributes of the start tags in a piece of HTML, read on its bytes without building a tree: what the link
/// check and the media search look at. HTML comments (Gutenberg's block delimiters among them), `<script>` and
/// `<style>` are skipped: they hold no attributes that display.
enum StartTagAttributes {
    /// Calls `visit` for each attribute that `wantsAttribute` accepts, on the elements `readsElement` accepts
    /// (names lowercased), with its value (`&amp;` decoded) and the offset in `bytes` where the value starts.
    ///
    /// The element test comes first so that tags of no interest cost no attribute reading.
    static func forEach(
        in bytes: [UInt8], readsElement: (_ element: String) -> Bool,
        wantsAttribute: (_ element: String, _ attribute: String) -> Bool,
        _ visit: (_ element: String, _ attribute: String, _ value: String, _ offset: Int) -> Void
    ) {
        var index = 0
        while let open = bytes[index...].firstIndex(of: UInt8(ascii: "<")) {
            index = open + 1
            if bytes[index...].starts(with: "!--".utf8) {
                index = ContentRenderer.find(caseInsensitive: "-->", in: bytes, from: index + 3).map { $0 + 3 } ?? bytes.count
                continue
            }
            var nameEnd = index
            while nameEnd < bytes.count, bytes[nameEnd].isASCIILetter || bytes[nameEnd].isDecimalDigit || bytes[nameEnd] == UInt8(ascii: "-") {
                nameEnd += 1
            }
            guard nameEnd > index else { continue }
            let name = String(decoding: bytes[index..<nameEnd], as: UTF8.self).lowercasedFast
            index = nameEnd
            if name == "script" {
                index = ContentRenderer.find(caseInsensitive: "</script", in: bytes, from: index) ?? bytes.count
            } else if name == "style" {
                index = ContentRenderer.find(caseInsensitive: "</style", in: bytes, from: index) ?? bytes.count
            } else if readsElement(name) {
                index = readAttributes(of: name, from: index, in: bytes, wantsAttribute: wantsAttribute, visit)
            }
        }
    }

    /// Reads one tag's attributes from `start` to its `>`; returns where the tag ends.
    private static func readAttributes(
        of element: String, from start: Int, in bytes: [UInt8], wantsAttribute: (String, String) -> Bool,
        _ visit: (String, String, String, Int) -> Void
    ) -> Int {
        var position = start
        func skipSpaces() {
            while position < bytes.count, bytes[position].isHTMLSpace || bytes[position] == UInt8(ascii: "/") { position += 1 }
        }
        while true {
            skipSpaces()
            guard position < bytes.count, bytes[position] != UInt8(ascii: ">") else { return position }
            let nameStart = position
            while position < bytes.count, !bytes[position].isHTMLSpace,
                  bytes[position] != UInt8(ascii: "="), bytes[position] != UInt8(ascii: ">") {
                position += 1
            }
            let name = String(decoding: bytes[nameStart..<position], as: UTF8.self).lowercasedFast
            while position < bytes.count, bytes[position].isHTMLSpace { position += 1 }
            guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else { continue }
            position += 1
            while position < bytes.count, bytes[position].isHTMLSpace { position += 1 }
            guard position < bytes.count else { return position }
            let valueStart: Int
            let valueEnd: Int
            let quote = bytes[position]
            if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                valueStart = position + 1
                valueEnd = bytes[valueStart...].firstIndex(of: quote) ?? bytes.count
                position = min(valueEnd + 1, bytes.count)
            } else {
                valueStart = position
                while position < bytes.count, !bytes[position].isHTMLSpace, bytes[position] != UInt8(ascii: ">") { position += 1 }
                valueEnd = position
            }
            guard wantsAttribute(element, name) else { continue }
            let value = ContentLinks.ampersandsDecoded(String(decoding: bytes[valueStart..<valueEnd], as: UTF8.self))
            visit(element, name, value, valueStart)
        }
    }
}
