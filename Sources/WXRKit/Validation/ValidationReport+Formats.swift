import Foundation

/// The report as JSON, plain text and Markdown.
extension ValidationReport {
    /// One row of the summary table: what is counted, how many, and how deep it sits.
    public struct SummaryRow: Sendable, Hashable {
        public var label: String
        public var count: Int
        public var level: Int
    }

    /// The summary table: items by type and status, comments by type and approval, terms by taxonomy,
    /// authors and attachments.
    public var summaryRows: [SummaryRow] {
        var rows: [SummaryRow] = []
        rows.append(SummaryRow(label: "Items", count: statistics.posts, level: 0))
        for (type, statuses) in statistics.postsByTypeAndStatus.sorted(by: { $0.key < $1.key }) {
            rows.append(SummaryRow(label: type, count: statuses.values.reduce(0, +), level: 1))
            for (status, count) in statuses.sorted(by: { $0.key < $1.key }) {
                rows.append(SummaryRow(label: status, count: count, level: 2))
            }
        }
        rows.append(SummaryRow(label: "Comments", count: statistics.comments, level: 0))
        for (type, approvals) in statistics.commentsByTypeAndApproval.sorted(by: { $0.key < $1.key }) {
            rows.append(SummaryRow(label: type, count: approvals.values.reduce(0, +), level: 1))
            for (approval, count) in approvals.sorted(by: { $0.key < $1.key }) {
                rows.append(SummaryRow(label: Self.approvalLabel(approval), count: count, level: 2))
            }
        }
        rows.append(SummaryRow(label: "Terms", count: statistics.termsByTaxonomy.values.reduce(0, +), level: 0))
        for (taxonomy, count) in statistics.termsByTaxonomy.sorted(by: { $0.key < $1.key }) {
            rows.append(SummaryRow(label: taxonomy, count: count, level: 1))
        }
        rows.append(SummaryRow(label: "Authors", count: statistics.authors, level: 0))
        rows.append(SummaryRow(label: "Attachments", count: statistics.attachments, level: 0))
        return rows
    }

    static func approvalLabel(_ approved: String) -> String {
        switch approved {
        case "1": "approved"
        case "0": "pending"
        default: approved
        }
    }

    // MARK: JSON

    /// The report as one JSON object: `input`, `site`, `summary` (counts by severity and by code),
    /// `statistics` (as `wxr stats --json`), `findings` (the first of each code, each with the ids of every post
    /// it names in `post_ids`), `items` (the posts findings name: id, title, type, status, line), `omitted`,
    /// `stopped_by`.
    public var json: [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("input"); writer.value(inputName)
        writer.key("site")
        writer.beginObject()
        writer.key("title"); writer.value(site?.title)
        writer.key("link"); writer.value(site?.link)
        writer.key("wxr_version"); writer.value(site?.wxrVersion)
        writer.endObject()
        writer.key("summary")
        writer.beginObject()
        writer.key("errors"); writer.value(count(.error))
        writer.key("warnings"); writer.value(count(.warning))
        writer.key("notes"); writer.value(count(.info))
        writer.key("by_code")
        writer.beginObject()
        for (code, count) in findings.countsByCode.sorted(by: { $0.key < $1.key }) {
            writer.dynamicKey(code.rawValue)
            writer.value(count)
        }
        writer.endObject()
        writer.endObject()
        writer.key("statistics")
        statistics.write(into: &writer)
        writer.key("findings")
        writer.beginArray()
        for finding in findings.findings { Self.write(finding, into: &writer) }
        writer.endArray()
        writer.key("items")
        writer.beginArray()
        for item in itemsInDocumentOrder {
            writer.beginObject()
            writer.key("id"); writer.value(item.id)
            writer.key("title"); writer.value(item.title)
            writer.key("type"); writer.value(item.type)
            writer.key("status"); writer.value(item.status)
            writer.key("line"); writer.value(item.line)
            // Only in a site exported in parts: a whole export's report stays as it was.
            if let part = item.part { writer.key("part"); writer.value(part) }
            writer.endObject()
        }
        writer.endArray()
        writer.key("omitted"); writer.value(findings.omitted)
        writer.key("stopped_by"); writer.value(stoppedBy.map { "\($0)" })
        writer.endObject()
        writer.newline()
        return writer.bytes
    }

    static func write(_ finding: Finding, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("code"); writer.value(finding.code.rawValue)
        writer.key("severity"); writer.value(finding.severity.rawValue)
        writer.key("message"); writer.value(finding.message)
        writer.key("line"); writer.value(finding.line)
        if let part = finding.part { writer.key("part"); writer.value(part) }
        writer.key("column"); writer.value(finding.column)
        let entity = finding.entity?.kindAndID
        writer.key("entity"); writer.value(entity?.kind)
        writer.key("entity_id"); writer.value(entity?.id)
        writer.key("post_id"); writer.value(finding.entity?.postID)
        writer.key("post_ids")
        writer.beginArray()
        for id in finding.namedPostIDs { writer.value(id) }
        writer.endArray()
        writer.key("action"); writer.value(finding.action)
        writer.key("hint"); writer.value(finding.hint)
        writer.endObject()
    }

    // MARK: Text

    /// The report for a terminal: the summary, then each code with its first examples.
    public func text(examplesPerCode: Int = 5) -> String {
        var lines: [String] = []
        lines.append("Validation of \(inputName)")
        if let site { lines.append("Site: \(site.title ?? "(no title)") (WXR \(site.wxrVersion ?? "version missing"))") }
        lines.append(summaryLine)
        lines.append("")
        for row in summaryRows {
            let left = String(repeating: "  ", count: row.level) + row.label
            lines.append(left.padding(toLength: max(left.count, 34), withPad: " ", startingAt: 0) + " " + String(row.count))
        }
        if let stoppedBy { lines.append(""); lines.append("Reading stopped: \(stoppedBy)") }
        for group in groups {
            lines.append("")
            lines.append("\(group.code) (\(group.severity.label), \(group.count))")
            for finding in group.examples.prefix(examplesPerCode) {
                lines.append("  " + describe(finding))
            }
            if group.count > examplesPerCode { lines.append("  ... and \(group.count - examplesPerCode) more") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// "line 12, post 42: message (action; hint)"; a finding about several posts names every one, with its
    /// line when the report describes it: "posts 42 (line 12), 57 (line 80): message (action; hint)".
    func describe(_ finding: Finding) -> String {
        var place: [String] = []
        if finding.postIDs.count > 1 {
            place.append("posts " + finding.postIDs.map { id in
                items[id].map { "\(id) (\($0.placeDescription))" } ?? String(id)
            }.joined(separator: ", "))
        } else {
            if let line = finding.placeDescription { place.append(line) }
            if let entity = finding.entity?.kindAndID, entity.kind != "site" {
                place.append(entity.id.map { "\(entity.kind) \($0)" } ?? "\(entity.kind) without id")
            }
        }
        var text = place.isEmpty ? finding.message : place.joined(separator: ", ") + ": " + finding.message
        let notes = [finding.action, finding.hint].compactMap { $0 }
        if !notes.isEmpty { text += " (" + notes.joined(separator: "; ") + ")" }
        return text
    }

    // MARK: Markdown

    /// The report in Markdown: a summary table, a table of codes, each code with its first examples, then the
    /// items they name.
    public func markdown(examplesPerCode: Int = 10) -> String {
        var out = "# Validation of \(Self.markdownEscaped(inputName))\n\n"
        if let site {
            out += "Site: **\(Self.markdownEscaped(site.title ?? "(no title)"))**, WXR \(site.wxrVersion ?? "version missing")\n\n"
        }
        out += "**\(summaryLine)**\n\n"
        if let stoppedBy { out += "Reading stopped: \(Self.markdownEscaped("\(stoppedBy)"))\n\n" }
        out += "## Summary\n\n| What | Count |\n| --- | ---: |\n"
        for row in summaryRows {
            let label = String(repeating: "&nbsp;&nbsp;", count: row.level * 2) + Self.markdownEscaped(row.label)
            out += "| \(row.level == 0 ? "**\(label)**" : label) | \(row.count) |\n"
        }
        let groups = self.groups
        out += "\n## Findings\n\n"
        guard !groups.isEmpty else { return out + "Nothing to report.\n" }
        out += "| Code | Severity | Count |\n| --- | --- | ---: |\n"
        for group in groups { out += "| `\(group.code)` | \(group.severity.label) | \(group.count) |\n" }
        for group in groups {
            out += "\n### `\(group.code)` (\(group.severity.label), \(group.count))\n\n"
            for finding in group.examples.prefix(examplesPerCode) {
                out += "- \(Self.markdownEscaped(describe(finding)))\n"
            }
            if group.count > examplesPerCode { out += "- ... and \(group.count - examplesPerCode) more\n" }
        }
        if !items.isEmpty {
            out += "\n## Items named above\n\n| ID | Title | Type | Status | Line |\n| ---: | --- | --- | --- | ---: |\n"
            for item in itemsInDocumentOrder {
                out += "| \(item.id) | \(Self.markdownEscaped(item.title ?? "")) | \(Self.markdownEscaped(item.type ?? "")) "
                    + "| \(Self.markdownEscaped(item.status ?? "")) | \(item.line)\(item.part.map { " (\(Self.markdownEscaped($0)))" } ?? "") |\n"
            }
        }
        return out
    }

    /// The items findings name, in the order the export has them.
    var itemsInDocumentOrder: [ItemSummary] {
        items.values.sorted { ($0.part ?? "", $0.line, $0.id) < ($1.part ?? "", $1.line, $1.id) }
    }

    static func markdownEscaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "|", "*", "_", "`", "[", "]", "<", ">", "\\", "#": out += "\\\(character)"
            case "\n", "\r": out += " "
            default: out.append(character)
            }
        }
        return out
    }
}
