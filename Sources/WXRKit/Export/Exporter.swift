/// An output format: receives an export as a stream and writes it somewhere.
///
/// A conversion calls `begin(site:)` once, then `write` for each author, term and post in the order the
/// reader yields them, then `finish(findings:)`. The reader hands each entity to ``write(_:)``, whose default
/// calls the method for its kind; a wrapper that treats every entity alike (``ValidatingExporter``) implements
/// that one instead. If anything fails on the way, it calls `abandon()` instead,
/// and the exporter must leave nothing half-written behind. A format implements what it needs: `begin`, the
/// author and term calls, and ``findsWhileWriting`` have defaults that do nothing, as GRDB's
/// `TransactionObserver` has for the events an observer may ignore.
///
/// ```swift
/// final class TitleLister: Exporter {
///     func write(post: Post) throws { print(post.title ?? "") }
///     func finish(findings: [Finding]) throws -> ExportOutcome { ExportOutcome() }
///     func abandon() {}
/// }
/// try WXRReader(path: "export.xml").export(to: TitleLister())
/// ```
public protocol Exporter: AnyObject {
    /// Passes one entity on to the method for its kind.
    func write(_ entity: WXREntity) throws
    func begin(site: Site) throws
    func write(author: Author) throws
    func write(term: Term) throws
    func write(post: Post) throws
    /// Completes the output. `findings` are what the reading (and, in a conversion, the validation) noticed,
    /// for formats that record them; the outcome says what was written and what the format noticed itself.
    func finish(findings: [Finding]) throws -> ExportOutcome
    /// Removes whatever was written so far.
    func abandon()
    /// The finding codes the format detects itself while it writes, and records with its own wording (SQLite's
    /// `term.undeclared`): a validating wrapper passes it no finding of these codes, so none is recorded twice.
    var findsWhileWriting: Set<FindingCode> { get }
}

extension Exporter {
    public func write(_ entity: WXREntity) throws {
        switch entity {
        case .site(let site): try begin(site: site)
        case .author(let author): try write(author: author)
        case .term(let term): try write(term: term)
        case .post(let post): try write(post: post)
        }
    }

    public func begin(site: Site) throws {}
    public func write(author: Author) throws {}
    public func write(term: Term) throws {}
    public var findsWhileWriting: Set<FindingCode> { [] }
}

/// What an exporter made of a run: what it noticed, and what to tell the user.
public struct ExportOutcome: Sendable, Hashable {
    /// What the format noticed itself while writing (names that collide, links it could not move), for the
    /// validation report.
    public var findings: [Finding]
    /// One line on what was written, in the format's own terms (`7 pages (6 published, 1 draft), ...`); `nil`
    /// lets the caller count items, comments, terms and authors.
    public var summary: String?
    /// Further lines for the user: what changed since the last run, which address the output uses.
    public var notes: [String]

    public init(findings: [Finding] = [], summary: String? = nil, notes: [String] = []) {
        self.findings = findings
        self.summary = summary
        self.notes = notes
    }
}

/// What an exporter failed to do.
public enum ExportError: Error, Sendable, Hashable, CustomStringConvertible {
    case outputExists(path: String)
    /// The output exists and holds what looks like an earlier run's, but is not: it is kept unless replaced.
    case outputNotRecognized(path: String, reason: String)
    case cannotWrite(path: String, reason: String)
    case unknownFormat(name: String, known: [String])
    case invalidOption(reason: String)

    public var description: String {
        switch self {
        case .outputExists(let path): "\(path) already exists"
        case .outputNotRecognized(let path, let reason): "\(path) was not written by wxr: \(reason)"
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        case .unknownFormat(let name, let known): "unknown format \"\(name)\" (known: \(known.joined(separator: ", ")))"
        case .invalidOption(let reason): reason
        }
    }
}
