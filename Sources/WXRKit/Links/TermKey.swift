/// A term by taxonomy and slug, as posts name it.
struct TermKey: Hashable, Sendable, Codable {
    var taxonomy: String
    var slug: String

    /// The slug as WordPress would store it: lowercase, spaces as hyphens. An export may declare a term as
    /// `Company News` and file its posts under `company-news`; WordPress makes them one term on import.
    init(taxonomy: String, slug: String) {
        self.taxonomy = taxonomy
        let lowered = SiteAddress.lowercased(slug)
        self.slug = lowered.utf8.contains(0x20) ? lowered.split(separator: " ").joined(separator: "-") : lowered
    }
}
