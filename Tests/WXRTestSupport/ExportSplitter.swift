import Foundation

/// Splits an export's text into parts at `<item>` boundaries, as `wp export --max_file_size` does: every part
/// repeats the channel header, and the authors and terms too unless `includeOnce` keeps them to the first (as
/// `--include_once` does). Written for wxrgen's layout, one `<item>` and one `</item>` a line.
public struct ExportSplitter {
    /// Everything before the first item: the channel header, authors and terms.
    public let header: String
    /// Each `<item>…</item>`, its line ends included.
    public let items: [String]
    /// Everything after the last item: `</channel></rss>`.
    public let footer: String

    public init(text: String) throws {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        var header: [Substring] = []
        while let line = lines.first, line.trimmingCharacters(in: .whitespaces) != "<item>" {
            header.append(line)
            lines.removeFirst()
        }
        var items: [String] = []
        var item: [Substring] = []
        while let line = lines.first {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if item.isEmpty, trimmed != "<item>" { break }
            item.append(line)
            lines.removeFirst()
            if trimmed == "</item>" {
                items.append(item.joined(separator: "\n") + "\n")
                item = []
            }
        }
        guard item.isEmpty, !items.isEmpty else { throw Unsplittable() }
        self.header = header.joined(separator: "\n") + "\n"
        self.items = items
        footer = lines.joined(separator: "\n")
    }

    /// The header without its authors and terms: what `--include_once` gives every part but the first.
    public var headerWithoutAuthorsAndTerms: String {
        var text = header
        for element in ["wp:author", "wp:category", "wp:tag", "wp:term"] {
            while let start = text.range(of: "<\(element)>"),
                  let end = text.range(of: "</\(element)>", range: start.upperBound..<text.endIndex) {
                text.removeSubrange(start.lowerBound..<end.upperBound)
            }
        }
        return text
    }

    /// The export in `count` parts of about as many items each.
    public func parts(_ count: Int, includeOnce: Bool = false) -> [String] {
        (0..<count).map { index in
            let slice = items[(index * items.count / count)..<((index + 1) * items.count / count)]
            return (index > 0 && includeOnce ? headerWithoutAuthorsAndTerms : header) + slice.joined() + footer
        }
    }

    /// Writes the parts as `NAME.000.xml`, `NAME.001.xml`... in `directory`; their paths, in order.
    public static func write(_ parts: [String], named name: String, in directory: URL) throws -> [String] {
        try parts.enumerated().map { index, text in
            let path = directory.appendingPathComponent(name + String(format: ".%03d.xml", index)).path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
    }

    public struct Unsplittable: Error, CustomStringConvertible {
        public var description: String { "no <item> lines to split at" }
    }
}
