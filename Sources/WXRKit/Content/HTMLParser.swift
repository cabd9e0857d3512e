internal import CLibXML2
import Synchronization

/// Parses a fragment of post HTML into ``HTMLNode``s, on libxml2's HTML parser: forgiving as browsers are
/// about unclosed and misnested tags, never touching the network. The only file of Content/ that sees libxml2.
enum HTMLParser {
    /// Nesting beyond this is read as text: hostile input must not exhaust the stack of the recursive walk.
    static let maximumDepth = 200

    /// Parser contexts kept between posts: making one (and its name dictionary) per post costs more than the
    /// parse of a short post. One per thread at a time; Linux's libxml2 contexts are not shared.
    private static let contexts = Mutex<[ParserContext]>([])

    private final class ParserContext: @unchecked Sendable {
        let pointer: htmlParserCtxtPtr
        init?() {
            guard let pointer = htmlNewParserCtxt() else { return nil }
            self.pointer = pointer
        }
        deinit { htmlFreeParserCtxt(pointer) }
    }

    static func parse(_ html: String) -> [HTMLNode] {
        var source = "<html><body>" + html + "</body></html>"
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue | HTML_PARSE_NODEFDTD.rawValue | XML_PARSE_HUGE.rawValue)
        let context = contexts.withLock { $0.popLast() } ?? ParserContext()
        let document = source.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                if let context {
                    htmlCtxtReadMemory(context.pointer, chars.baseAddress, Int32(chars.count), nil, "UTF-8", options)
                } else {
                    htmlReadMemory(chars.baseAddress, Int32(chars.count), nil, "UTF-8", options)
                }
            }
        }
        if let context {
            contexts.withLock { pool in if pool.count < 16 { pool.append(context) } }
        }
        guard let document else { return html.isEmpty ? [] : [.text(html)] }
        defer { xmlFreeDoc(document) }
        var nodes: [HTMLNode] = []
        // Whatever the parser placed in <head> (a pasted <style> or <title>) or after </body> is content too.
        var top = document.pointee.children
        while let node = top {
            if node.pointee.type == XML_ELEMENT_NODE, name(of: node) == "html" {
                var part = node.pointee.children
                while let child = part {
                    let partName = child.pointee.type == XML_ELEMENT_NODE ? name(of: child) : ""
                    if partName == "body" || partName == "head" {
                        nodes += children(of: child, depth: 1)
                    } else if let converted = convert(child, depth: 1) {
                        nodes.append(converted)
                    }
                    part = child.pointee.next
                }
            }
            top = node.pointee.next
        }
        return nodes
    }

    private static func children(of parent: xmlNodePtr, depth: Int) -> [HTMLNode] {
        var nodes: [HTMLNode] = []
        var child = parent.pointee.children
        while let node = child {
            if let converted = convert(node, depth: depth) { nodes.append(converted) }
            child = node.pointee.next
        }
        return nodes
    }

    private static func convert(_ node: xmlNodePtr, depth: Int) -> HTMLNode? {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            return .text(string(node.pointee.content))
        case XML_COMMENT_NODE:
            return .comment(string(node.pointee.content))
        case XML_ELEMENT_NODE:
            if depth > maximumDepth {
                return .text(flatText(of: node))
            }
            var attributes: [(name: String, value: String)] = []
            var property = node.pointee.properties
            while let attribute = property {
                var value = ""
                var part = attribute.pointee.children
                while let text = part {
                    value += string(text.pointee.content)
                    part = text.pointee.next
                }
                attributes.append((string(attribute.pointee.name), value))
                property = attribute.pointee.next
            }
            return .element(HTMLElement(name(of: node), attributes: attributes, children: children(of: node, depth: depth + 1)))
        default:
            return nil
        }
    }

    private static func name(of node: xmlNodePtr) -> String {
        string(node.pointee.name)
    }

    private static func string(_ text: UnsafeMutablePointer<xmlChar>?) -> String {
        text.map { String(cString: $0) } ?? ""
    }

    private static func string(_ text: UnsafePointer<xmlChar>?) -> String {
        guard let text else { return "" }
        return String(cString: text)
    }

    /// All text under `node`, walked without recursion (this is where nesting is too deep for it).
    private static func flatText(of node: xmlNodePtr) -> String {
        var text = ""
        var stack: [xmlNodePtr] = []
        var current = node.pointee.children
        while true {
            if let each = current {
                if each.pointee.type == XML_TEXT_NODE || each.pointee.type == XML_CDATA_SECTION_NODE {
                    text += string(each.pointee.content)
                }
                if each.pointee.type == XML_ELEMENT_NODE, let child = each.pointee.children {
                    stack.append(each)
                    current = child
                } else {
                    current = each.pointee.next
                }
            } else if let parent = stack.popLast() {
                current = parent.pointee.next
            } else {
                break
            }
        }
        return text
    }
}
