/// What validation found in an export: the counts of what it holds, the findings, and the items they name.
///
/// Render it with ``json``, ``text``, ``markdown`` or ``html``; the same report gives the same bytes.
public struct ValidationReport: Sendable {
    public var inputName: String
    public var site: Site?
    public var statistics: SiteStatistics
    /// The findings, the first ones of each code, with the count of every code.
    public var findings: FindingLog
    /// The items findings name, by WordPress id: enough to find them in the export.
    public var items: [Int: ItemSummary]
    /// What stopped the reading, when the export could not be read to its end.
    public var stoppedBy: ReadError?

    public init(
        inputName: String, site: Site? = nil, statistics: SiteStatistics = SiteStatistics(),
        findings: FindingLog = FindingLog(), items: [Int: ItemSummary] = [:], stoppedBy: ReadError? = nil
    ) {
        self.inputName = inputName
        self.site = site
        self.statistics = statistics
        self.findings = findings
        self.items = items
        self.stoppedBy = stoppedBy
    }

    public var hasErrors: Bool { findings.hasErrors || stoppedBy != nil }

    public func count(_ severity: Finding.Severity) -> Int {
        findings.countsBySeverity[severity, default: 0]
    }

    /// The findings grouped by code: errors first, then warnings, then notes; within each, the most
    /// frequent first.
    public var groups: [FindingGroup] {
        var examples: [FindingCode: [Finding]] = [:]
        var order: [FindingCode] = []
        for finding in findings.findings {
            if examples[finding.code] == nil { order.append(finding.code) }
            examples[finding.code, default: []].append(finding)
        }
        return order.map { code in
            FindingGroup(code: code, severity: examples[code]!.map(\.severity).max()!,
                         count: findings.count(of: code), examples: examples[code]!)
        }.sorted { lhs, rhs in
            if lhs.severity != rhs.severity { return lhs.severity > rhs.severity }
            if lhs.count != rhs.count { return lhs.count > rhs.count }
            return lhs.code < rhs.code
        }
    }

    /// A one-line account: "3 errors, 12 warnings, 2 notes".
    public var summaryLine: String {
        let errors = count(.error), warnings = count(.warning), notes = count(.info)
        return "\(Counted(errors, "error")), \(Counted(warnings, "warning")), \(Counted(notes, "note"))"
    }
}

/// All findings of one code.
public struct FindingGroup: Sendable, Hashable {
    public var code: FindingCode
    public var severity: Finding.Severity
    /// How many there were, examples or not.
    public var count: Int
    /// The first ones, in document order.
    public var examples: [Finding]
}

/// An item as a report names it.
public struct ItemSummary: Sendable, Hashable {
    public var id: Int
    public var title: String?
    public var type: String?
    public var status: String?
    public var line: Int
    /// The part of a site exported in parts that ``line`` is in; `nil` for an export read whole.
    public var part: String?

    public init(id: Int, title: String?, type: String?, status: String?, line: Int, part: String? = nil) {
        self.id = id
        self.title = title
        self.type = type
        self.status = status
        self.line = line
        self.part = part
    }

    /// The post as a report names it, its title cut to 120 characters; `nil` for a post without an id.
    init?(_ post: Post) {
        guard let id = post.id else { return nil }
        self.init(id: id, title: post.title.map { String($0.prefix(120)) }, type: post.type ?? "post",
                  status: post.status, line: post.line)
    }
}

extension Finding.Entity {
    /// `"post"`, `"comment"`... and the id, as reports and the SQLite findings table name them.
    public var kindAndID: (kind: String, id: Int?) {
        switch self {
        case .site: ("site", nil)
        case .author: ("author", nil)
        case .term(let id): ("term", id)
        case .post(let id): ("post", id)
        case .comment(let id, _): ("comment", id)
        }
    }

    /// The post the finding is about, directly or through one of its comments.
    public var postID: Int? {
        switch self {
        case .post(let id): id
        case .comment(_, let postID): postID
        default: nil
        }
    }
}
