extension Term {
    /// A term's identity, as WordPress matches terms on import: its taxonomy and its slug, lowercase with
    /// spaces as hyphens. An export may declare `Company News` and file its posts under `company-news`;
    /// WordPress makes them one term, and so does every part of wxr (the site, the database, the report).
    struct Key: Hashable, Sendable {
        var taxonomy: String
        var slug: String

        init(taxonomy: String, slug: String) {
            self.taxonomy = taxonomy
            let lowered = slug.lowercasedFast
            self.slug = lowered.utf8.contains(0x20) ? lowered.split(separator: " ").joined(separator: "-") : lowered
        }

        /// A term named by a post without a slug (WXR 1.0 wrote some so): matched by its name instead.
        init(taxonomy: String, name: String) {
            self.init(taxonomy: taxonomy, slug: "name:" + name)
        }
    }
}
