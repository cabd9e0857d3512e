/// Something noticed about an export: what, where, and what was done about it.
///
/// A finding never stops a run; errors that do are thrown as ``ReadError``.
public struct Finding: Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable {
        case info, warning, error

        public static func < (lhs: Self, rhs: Self) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }

        /// The word people read: `error`, `warning`, `note` (the JSON keeps `info`, the raw value).
        public var label: String {
            self == .info ? "note" : rawValue
        }
    }

    /// The kind of thing a finding is about, with its id when it has one.
    public enum Entity: Sendable, Hashable {
        case site
        case author(login: String?)
        case term(id: Int?)
        case post(id: Int?)
        case comment(id: Int?, postID: Int?)
    }

    /// A stable, machine-readable code such as `xml.namespace` or `date.invalid` (``FindingCode``).
    public var code: FindingCode
    public var severity: Severity
    public var message: String
    public var line: Int?
    /// The part of a site exported in parts (`site.wordpress.2024-01-15.001.xml`) that ``line`` is in; `nil`
    /// for an export read whole. See ``PartedExport``.
    public var part: String?
    public var column: Int?
    public var entity: Entity?
    /// What was done: `"kept"`, `"repaired"`, `"set to null"`, `"skipped"`...
    public var action: String?
    public var hint: String?
    /// The posts a finding about several posts names, every one in document order (a shortcode used in eight
    /// posts names all eight); empty when the finding is about its entity alone. See ``namedPostIDs``.
    public var postIDs: [Int]

    public init(
        code: FindingCode, severity: Severity, message: String, line: Int? = nil, part: String? = nil,
        column: Int? = nil, entity: Entity? = nil, action: String? = nil, hint: String? = nil, postIDs: [Int] = []
    ) {
        self.code = code
        self.severity = severity
        self.message = message
        self.line = line
        self.part = part
        self.column = column
        self.entity = entity
        self.action = action
        self.hint = hint
        self.postIDs = postIDs
    }

    /// Every post the finding names: ``postIDs`` when it is about several, else its entity's post, if any.
    public var namedPostIDs: [Int] {
        postIDs.isEmpty ? entity?.postID.map { [$0] } ?? [] : postIDs
    }
}
