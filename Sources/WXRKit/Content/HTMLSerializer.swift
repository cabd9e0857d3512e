/// Writes ``HTMLNode``s back as HTML: UTF-8 as it is, every element closed, comments left out.
///
/// What passes through into Markdown as raw HTML comes from here, so it is always balanced.
enum HTMLSerializer {
    static func html(_ nodes: [HTMLNode]) -> String {
        var output = ""
        for node in nodes { write(node, into: &output, preformatted: false) }
        return output
    }

    static func html(_ element: HTMLElement) -> String {
        var output = ""
        write(.element(element), into: &output, preformatted: false)
        return output
    }

    static func openTag(_ element: HTMLElement) -> String {
        var tag = "<" + element.name
        for (name, value) in element.attributes where isAttributeName(name) {
            tag += " " + name + "=\"" + escape(value, quotes: true) + "\""
        }
        return tag + ">"
    }

    private static func write(_ node: HTMLNode, into output: inout String, preformatted: Bool) {
        switch node {
        case .text(let text):
            output += escape(text, quotes: false)
        case .comment:
            break
        case .element(let element):
            guard isTagName(element.name) else {
                for child in element.children { write(child, into: &output, preformatted: preformatted) }
                return
            }
            output += openTag(element)
            guard !HTMLTag.void.contains(element.name) else { return }
            let inside = preformatted || HTMLTag.preformatted.contains(element.name)
            if element.name == "script" || element.name == "style" {
                // Raw text elements: their text is not escaped, but must not close them early.
                let text = element.textContent.replacingOccurrences(of: "</", with: "<\\/")
                output += text
            } else {
                for child in element.children { write(child, into: &output, preformatted: inside) }
            }
            output += "</" + element.name + ">"
        }
    }

    static func escape(_ text: String, quotes: Bool) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || (quotes && $0 == UInt8(ascii: "\"")) }) else {
            return text
        }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): escaped.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): escaped.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): escaped.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\"") where quotes: escaped.append(contentsOf: "&quot;".utf8)
            default: escaped.append(byte)
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }

    /// Names a parser could produce from broken markup (`<a"b>`) are not written as tags.
    private static func isTagName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x3A }
            && name.utf8.first.map { $0 >= 0x61 && $0 <= 0x7A } == true
    }

    private static func isAttributeName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy {
            $0 > 0x20 && $0 != 0x22 && $0 != 0x27 && $0 != 0x3C && $0 != 0x3E && $0 != 0x2F && $0 != 0x3D && $0 != 0x7F
        }
    }
}
