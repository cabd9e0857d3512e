import Synchronization

/// The content compromises of a whole site export, gathered from the workers: one finding per kind and
/// construct (`raw HTML <iframe> in 12 posts`), naming every post, and the share of posts that converted clean.
final class CompromiseTally: Sendable {
    private struct Use {
        var line: Int?
        var postID: Int?
        var excerpt: String
        var postIDs: [Int] = []
        var count = 0
    }

    private struct Totals {
        var rendered = 0
        var clean = 0
        var uses: [ContentCompromise.Kind: [String: Use]] = [:]
    }

    private let totals = Mutex(Totals())

    /// One post's compromises, counted once: call it for the rendering that is kept.
    func record(_ compromises: [ContentCompromise], postID: Int?, line: Int?) {
        totals.withLock { totals in
            totals.rendered += 1
            if compromises.isEmpty { totals.clean += 1 }
            var seen: Set<ContentCompromise> = []
            for compromise in compromises {
                // A post is counted once per construct, however often it uses it.
                let key = ContentCompromise(compromise.kind, construct: compromise.construct, excerpt: "")
                guard seen.insert(key).inserted else { continue }
                var use = totals.uses[compromise.kind]?[compromise.construct]
                    ?? Use(line: line, postID: postID, excerpt: compromise.excerpt)
                use.count += 1
                if let postID { use.postIDs.append(postID) }
                totals.uses[compromise.kind, default: [:]][compromise.construct] = use
            }
        }
    }

    /// The findings, by kind and construct, then the clean share; empty when no post was rendered.
    func findings() -> [Finding] {
        totals.withLock { totals in
            guard totals.rendered > 0 else { return [] }
            var findings: [Finding] = []
            for kind in totals.uses.keys.sorted() where kind != .unknownShortcode {
                for (construct, use) in totals.uses[kind]!.sorted(by: { $0.key < $1.key }) {
                    findings.append(Self.finding(kind, construct: construct, use: use))
                }
            }
            let share = Double(totals.clean) / Double(totals.rendered) * 100
            findings.append(Finding(
                code: .contentClean, severity: .info,
                message: "\(totals.clean) of \(Counted(totals.rendered, "post")) (\(String(format: "%.1f", share))%) converted "
                    + "with no compromise; the content findings name the others"))
            return findings
        }
    }

    private static func finding(_ kind: ContentCompromise.Kind, construct: String, use: Use) -> Finding {
        let posts = Counted(use.count, "post")
        let (code, severity, message, action, hint): (FindingCode, Finding.Severity, String, String, String) = switch kind {
        case .rawHTML:
            (.contentRawHTML, .info, "<\(construct)> kept as HTML in \(posts)", "kept as HTML",
             "Markdown has no syntax for it; --unsupported-html text keeps only its text")
        case .emptyTableHeader:
            (.contentEmptyTableHeader, .info, "\(posts) with a table without a header row", "empty header row added",
             "give the table a header row if it has one")
        case .unknownEmbed:
            (.contentUnknownEmbed, .info, "an embed from \(construct) in \(posts)", "written as a link",
             "no known player: check the link still shows what it did")
        case .imageWithoutSource:
            (.contentImageWithoutSource, .warning, "\(posts) with an image without a source", "dropped",
             "the image was lost before the export, or a plugin loaded it")
        case .unknownShortcode:
            (.contentUnknownShortcode, .warning, "shortcode [\(construct)] in \(posts)", "kept as text",
             "a plugin provided it; decide what it should become")
        }
        return Finding(code: code, severity: severity, message: message + "; first: " + use.excerpt, line: use.line,
                       entity: use.postID.map { .post(id: $0) }, action: action, hint: hint, postIDs: use.postIDs)
    }
}
