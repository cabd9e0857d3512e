import Foundation
import WXRKit

/// What `wxr batch` did, site by site: the table it prints on standard error, the JSON of `--summary-json`, and
/// its exit code.
struct BatchSummary {
    var sites: [BatchSite]
    /// Each site's outcome, in the order of `sites`.
    var outcomes: [BatchOutcome]
    /// Files of the folders searched named as exports that are not.
    var skipped: [String]
    var seconds: Double

    func count(_ status: BatchOutcome.Status) -> Int {
        outcomes.count(where: { $0.status == status })
    }

    /// 0 when every site converted cleanly; 1 when some reports have warnings or errors; 2 when a site failed.
    var exitCode: Int32 {
        if count(.failed) > 0 { return 2 }
        return count(.errors) + count(.warnings) > 0 ? 1 : 0
    }

    /// The table: a row per site, then why each failed site failed and a line of totals.
    var table: String {
        let header = ["site", "items", "comments", "errors", "warnings", "notes", "seconds", "status"]
        var rows = [header]
        for (site, outcome) in zip(sites, outcomes) {
            let counts = outcome.counts.map { [$0.items, $0.comments, $0.errors, $0.warnings, $0.notes].map(Counted.grouped) }
            rows.append([site.name] + (counts ?? Array(repeating: "-", count: 5))
                + [String(format: "%.1f", outcome.seconds), outcome.status.rawValue])
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max()! }
        var lines = rows.map { row in
            row.indices.map { column in
                let cell = row[column]
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                // The name and the status read left to right; numbers line up on their last digit.
                return column == 0 || column == row.count - 1 ? cell + padding : padding + cell
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        for (site, outcome) in zip(sites, outcomes) where outcome.status == .failed {
            lines.append("\(site.name): \(outcome.messages.joined(separator: "; "))")
        }
        let items = outcomes.reduce(0) { $0 + ($1.counts?.items ?? 0) }
        lines.append("\(Counted(sites.count, "site")): \(count(.converted)) converted, \(count(.warnings)) with warnings, "
            + "\(count(.errors)) with errors, \(count(.failed)) failed; \(Counted(items, "item"))"
            + String(format: " in %.1f s", seconds))
        return lines.joined(separator: "\n") + "\n"
    }

    /// The same as JSON: `sites` (each with `name`, `input`, `output`, `report`, `status`, `exit_code`,
    /// `items`, `comments`, `errors`, `warnings`, `notes`, `seconds`, `messages`), `skipped` (files named as
    /// exports that are not), then `totals`.
    var json: [UInt8] {
        var writer = JSONWriter(layout: .indented)
        writer.beginObject()
        writer.key("sites")
        writer.beginArray()
        for (site, outcome) in zip(sites, outcomes) {
            let converted = outcome.status != .failed
            writer.beginObject()
            writer.key("name"); writer.value(site.name)
            writer.key("input"); writer.value(site.input)
            writer.key("output"); writer.value(converted ? site.output : nil)
            writer.key("report"); writer.value(converted ? site.report : nil)
            writer.key("status"); writer.value(outcome.status.rawValue)
            writer.key("exit_code"); writer.value(Int(outcome.exitCode))
            writer.key("items"); writer.value(outcome.counts?.items)
            writer.key("comments"); writer.value(outcome.counts?.comments)
            writer.key("errors"); writer.value(outcome.counts?.errors)
            writer.key("warnings"); writer.value(outcome.counts?.warnings)
            writer.key("notes"); writer.value(outcome.counts?.notes)
            writer.key("seconds"); writer.value(Self.rounded(outcome.seconds))
            writer.key("messages")
            writer.beginArray()
            for message in outcome.messages { writer.value(message) }
            writer.endArray()
            writer.endObject()
        }
        writer.endArray()
        writer.key("skipped")
        writer.beginArray()
        for path in skipped { writer.value(path) }
        writer.endArray()
        writer.key("totals")
        writer.beginObject()
        writer.key("sites"); writer.value(sites.count)
        for status in [BatchOutcome.Status.converted, .warnings, .errors, .failed] {
            writer.dynamicKey(status.rawValue); writer.value(count(status))
        }
        writer.key("items"); writer.value(outcomes.reduce(0) { $0 + ($1.counts?.items ?? 0) })
        writer.key("comments"); writer.value(outcomes.reduce(0) { $0 + ($1.counts?.comments ?? 0) })
        writer.key("seconds"); writer.value(Self.rounded(seconds))
        writer.key("exit_code"); writer.value(Int(exitCode))
        writer.endObject()
        writer.endObject()
        writer.newline()
        return writer.bytes
    }

    private static func rounded(_ seconds: Double) -> Double {
        (seconds * 100).rounded() / 100
    }
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
