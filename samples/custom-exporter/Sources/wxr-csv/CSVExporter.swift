import WXRKit

/// Writes one CSV row per published post or page: id, type, date, title, author, comment count.
///
/// It shows the `Exporter` contract: it writes through `StagedFile`, so the CSV appears only when the run
/// succeeds, and `abandon()` leaves nothing behind; terms it ignores (the protocol's default does nothing).
final class CSVExporter: Exporter {
    private let file: StagedFile
    private var authorNames: [String: String] = [:]

    init(output: OutputTarget, staging: StagingRegistry) throws {
        file = try StagedFile(target: output, staging: staging)
    }

    func begin(site: Site) throws {
        try file.write(Array("id,type,date,title,author,comments\r\n".utf8))
    }

    func write(author: Author) throws {
        if let login = author.login { authorNames[login] = author.displayName ?? login }
    }

    func write(post: Post) throws {
        guard post.status == "publish", post.type == "post" || post.type == "page" else { return }
        let author = post.authorLogin.map { authorNames[$0] ?? $0 } ?? ""
        let fields = [post.id.map(String.init) ?? "", post.type ?? "", post.date ?? "", post.title ?? "", author,
                      String(post.comments.filter { $0.approved == "1" }.count)]
        try file.write(Array((fields.map(Self.quoted).joined(separator: ",") + "\r\n").utf8))
    }

    func finish(findings: [Finding]) throws -> ExportOutcome {
        try file.commit()
        return ExportOutcome()
    }

    func abandon() {
        file.discard()
    }

    /// RFC 4180: quote a field that holds a comma, quote or line break, doubling its quotes.
    private static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
