/// What the site export knows of a term.
struct TermRecord: Sendable {
    var name: String
    /// The folder name of its page, and what Hugo front matter lists.
    var pathName: String
    var url: String
    var id: Int?
    var parentSlug: String?
    var description: String?
    /// WordPress's URLs for its archive that differ from the new one.
    var oldPaths: [String] = []

    /// The description as plain text, as term pages show it.
    var plainDescription: String? {
        description.map { PlainText.of($0).trimmingSpaces }
    }
}
