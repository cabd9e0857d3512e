/// The report as one HTML page with nothing outside it: no scripts, fonts or images to fetch, readable on a
/// phone. Findings link to the items they name, listed at the end.
extension ValidationReport {
    public func html(examplesPerCode: Int = 20) -> String {
        let title = "Validation of \(inputName)"
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Self.escaped(title))</title>
            <style>
            body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1b1b1b;background:#fff}
            h1{font-size:1.5rem;overflow-wrap:anywhere}h2{font-size:1.25rem;margin-top:2rem}h3{font-size:1.05rem;margin:1.5rem 0 .5rem}
            table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #ddd;vertical-align:top}
            td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}.l1{padding-left:1.5rem}.l2{padding-left:3rem;color:#444}
            .top{font-weight:600}.badge{display:inline-block;border-radius:.25rem;padding:0 .4rem;font-size:.85rem;color:#fff}
            .error{background:#b3261e}.warning{background:#8a5a00}.info{background:#35618f}
            code{font-family:ui-monospace,monospace;font-size:.95em;overflow-wrap:anywhere}
            ul{padding-left:1.2rem}li{margin:.35rem 0;overflow-wrap:anywhere}.muted{color:#555}
            .totals{font-size:1.1rem}.scroll{overflow-x:auto}
            :target{background:#fff3c4}
            </style>
            </head>
            <body>
            <h1>\(Self.escaped(title))</h1>

            """
        if let site {
            out += "<p>Site: <strong>\(Self.escaped(site.title ?? "(no title)"))</strong>, WXR \(Self.escaped(site.wxrVersion ?? "version missing"))</p>\n"
        }
        out += "<p class=\"totals\">"
        for severity in [Finding.Severity.error, .warning, .info] {
            out += "<span class=\"badge \(severity.rawValue)\">\(Counted(count(severity), severity.label))</span> "
        }
        out += "</p>\n"
        if let stoppedBy { out += "<p><strong>Reading stopped:</strong> \(Self.escaped("\(stoppedBy)"))</p>\n" }

        out += "<h2>Summary</h2>\n<div class=\"scroll\"><table id=\"summary\">\n<thead><tr><th>What</th><th class=\"n\">Count</th></tr></thead>\n<tbody>\n"
        for row in summaryRows {
            let style = row.level == 0 ? "top" : "l\(row.level)"
            out += "<tr><td class=\"\(style)\">\(Self.escaped(row.label))</td><td class=\"n\">\(row.count)</td></tr>\n"
        }
        out += "</tbody>\n</table></div>\n"

        let groups = self.groups
        out += "<h2>Findings</h2>\n"
        if groups.isEmpty {
            out += "<p>Nothing to report.</p>\n"
        } else {
            out += "<div class=\"scroll\"><table id=\"codes\">\n<thead><tr><th>Code</th><th>Severity</th><th class=\"n\">Count</th></tr></thead>\n<tbody>\n"
            for group in groups {
                out += "<tr><td><a href=\"#code-\(Self.anchor(group.code))\"><code>\(Self.escaped(group.code.rawValue))</code></a></td>"
                out += "<td><span class=\"badge \(group.severity.rawValue)\">\(group.severity.label)</span></td>"
                out += "<td class=\"n\">\(group.count)</td></tr>\n"
            }
            out += "</tbody>\n</table></div>\n"
            for group in groups {
                out += "<h3 id=\"code-\(Self.anchor(group.code))\"><code>\(Self.escaped(group.code.rawValue))</code> "
                out += "<span class=\"badge \(group.severity.rawValue)\">\(group.severity.label)</span> "
                out += "<span class=\"muted\">\(group.count)</span></h3>\n<ul>\n"
                for finding in group.examples.prefix(examplesPerCode) { out += "<li>\(describeHTML(finding))</li>\n" }
                if group.count > examplesPerCode { out += "<li class=\"muted\">… and \(group.count - examplesPerCode) more</li>\n" }
                out += "</ul>\n"
            }
        }

        if !items.isEmpty {
            out += "<h2>Items named above</h2>\n<div class=\"scroll\"><table id=\"items\">\n"
            out += "<thead><tr><th class=\"n\">ID</th><th>Title</th><th>Type</th><th>Status</th><th class=\"n\">Line</th></tr></thead>\n<tbody>\n"
            for item in itemsInDocumentOrder {
                out += "<tr id=\"item-\(item.id)\"><td class=\"n\">\(item.id)</td><td>\(Self.escaped(item.title ?? ""))</td>"
                out += "<td>\(Self.escaped(item.type ?? ""))</td><td>\(Self.escaped(item.status ?? ""))</td>"
                out += "<td class=\"n\">\(item.line)\(item.part.map { " (\(Self.escaped($0)))" } ?? "")</td></tr>\n"
            }
            out += "</tbody>\n</table></div>\n"
        }
        out += "</body>\n</html>\n"
        return out
    }

    private func describeHTML(_ finding: Finding) -> String {
        var place: [String] = []
        if finding.postIDs.count > 1 {
            // Every post, each linked to its row: none is left out, however many there are.
            place.append("posts " + finding.postIDs.map { id in
                guard let item = items[id] else { return String(id) }
                return "<a href=\"#item-\(id)\">\(id)</a> (\(Self.escaped(item.placeDescription)))"
            }.joined(separator: ", "))
        } else {
            if let line = finding.placeDescription { place.append(Self.escaped(line)) }
            if let entity = finding.entity?.kindAndID, entity.kind != "site" {
                var name = entity.id.map { "\(entity.kind) \($0)" } ?? "\(entity.kind) without id"
                if entity.kind == "comment", let postID = finding.entity?.postID { name += " on post \(postID)" }
                if let postID = finding.entity?.postID, items[postID] != nil {
                    name = "<a href=\"#item-\(postID)\">\(Self.escaped(name))</a>"
                } else {
                    name = Self.escaped(name)
                }
                place.append(name)
            }
        }
        var text = place.isEmpty ? "" : "<strong>\(place.joined(separator: ", "))</strong>: "
        text += Self.escaped(finding.message)
        if let action = finding.action { text += " <span class=\"muted\">— \(Self.escaped(action))</span>" }
        if let hint = finding.hint { text += "<br><span class=\"muted\">\(Self.escaped(hint))</span>" }
        return text
    }

    /// Every attribute here is double-quoted, so an apostrophe needs no escaping.
    static func escaped(_ text: String) -> String {
        HTMLSerializer.escape(text, quotes: true)
    }

    private static func anchor(_ code: FindingCode) -> String {
        String(code.rawValue.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "-" })
    }
}
