/// Counts of what an export holds: posts by type and status, comments by type and approval, terms by
/// taxonomy, authors and attachments.
///
/// ```swift
/// var statistics = SiteStatistics()
/// let reader = try WXRReader(path: "export.xml")
/// while let entity = try reader.next() { statistics.add(entity) }
/// ```
public struct SiteStatistics: Sendable, Hashable {
    /// Posts by `type`, then by `status` (`"(none)"` when the item has none).
    public private(set) var postsByTypeAndStatus: [String: [String: Int]] = [:]
    /// Comments by `type` (`"comment"` for the empty type), then by `approved`.
    public private(set) var commentsByTypeAndApproval: [String: [String: Int]] = [:]
    public private(set) var termsByTaxonomy: [String: Int] = [:]
    public private(set) var authors = 0
    public private(set) var posts = 0
    public private(set) var comments = 0
    public private(set) var attachments = 0

    public init() {}

    public mutating func add(_ entity: WXREntity) {
        switch entity {
        case .site:
            break
        case .author:
            authors += 1
        case .term(let term):
            termsByTaxonomy[term.taxonomy, default: 0] += 1
        case .post(let post):
            posts += 1
            let type = post.type ?? "(none)"
            postsByTypeAndStatus[type, default: [:]][post.status ?? "(none)", default: 0] += 1
            if type == "attachment" { attachments += 1 }
            for comment in post.comments {
                comments += 1
                let commentType = comment.type.flatMap { $0.isEmpty ? nil : $0 } ?? "comment"
                commentsByTypeAndApproval[commentType, default: [:]][comment.approved ?? "(none)", default: 0] += 1
            }
        }
    }

    /// The counts as one JSON object.
    public var json: [UInt8] {
        var writer = JSONWriter()
        write(into: &writer)
        writer.newline()
        return writer.bytes
    }

    /// Writes the counts as one JSON object, where a value is due.
    func write(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("authors"); writer.value(authors)
        writer.key("posts"); writer.value(posts)
        writer.key("attachments"); writer.value(attachments)
        writer.key("comments"); writer.value(comments)
        writer.key("posts_by_type"); Self.write(postsByTypeAndStatus, into: &writer)
        writer.key("comments_by_type"); Self.write(commentsByTypeAndApproval, into: &writer)
        writer.key("terms_by_taxonomy")
        writer.beginObject()
        for (taxonomy, count) in termsByTaxonomy.sorted(by: { $0.key < $1.key }) {
            writer.dynamicKey(taxonomy)
            writer.value(count)
        }
        writer.endObject()
        writer.endObject()
    }

    /// The counts as an aligned plain-text table.
    public var text: String {
        var lines: [String] = []
        func row(_ label: String, _ count: Int, indent: Int = 0) {
            let left = String(repeating: " ", count: indent) + label
            lines.append(left.padding(toLength: max(left.count, 34), withPad: " ", startingAt: 0) + " " + String(count))
        }
        lines.append("Posts by type and status")
        for (type, statuses) in postsByTypeAndStatus.sorted(by: { $0.key < $1.key }) {
            row(type, statuses.values.reduce(0, +), indent: 2)
            for (status, count) in statuses.sorted(by: { $0.key < $1.key }) { row(status, count, indent: 4) }
        }
        lines.append("Comments by type and approval")
        for (type, approvals) in commentsByTypeAndApproval.sorted(by: { $0.key < $1.key }) {
            row(type, approvals.values.reduce(0, +), indent: 2)
            for (approval, count) in approvals.sorted(by: { $0.key < $1.key }) {
                row(Self.approvalLabel(approval), count, indent: 4)
            }
        }
        lines.append("Terms by taxonomy")
        for (taxonomy, count) in termsByTaxonomy.sorted(by: { $0.key < $1.key }) { row(taxonomy, count, indent: 2) }
        row("Authors", authors)
        row("Attachments", attachments)
        row("Items in all", posts)
        row("Comments in all", comments)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func approvalLabel(_ approved: String) -> String {
        switch approved {
        case "1": "approved (1)"
        case "0": "pending (0)"
        default: approved
        }
    }

    private static func write(_ nested: [String: [String: Int]], into writer: inout JSONWriter) {
        writer.beginObject()
        for (outer, inner) in nested.sorted(by: { $0.key < $1.key }) {
            writer.dynamicKey(outer)
            writer.beginObject()
            for (key, count) in inner.sorted(by: { $0.key < $1.key }) {
                writer.dynamicKey(key)
                writer.value(count)
            }
            writer.endObject()
        }
        writer.endObject()
    }
}
