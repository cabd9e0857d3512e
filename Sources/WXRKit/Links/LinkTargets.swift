/// Every address on the old site that something in the export answers to, whatever its status: each item's
/// permalink, guid and ids, each term's archive, by the keys ``SiteAddress`` gives them (`SiteAddress+Keys`).
///
/// Filled in stream order; only the keys' fingerprints are kept, never items nor the keys themselves: 8 bytes
/// a key, about 40 bytes an item with the set's spare room, so that an export of 270,000 items fits in a
/// few megabytes (the keys as strings took 126 bytes an item).
///
/// ```swift
/// var targets = LinkTargets()
/// targets.add(post, address: address)
/// if case .item(let key)? = address.target(of: url)?.target, !targets.contains(key) { … }   // no such page
/// ```
struct LinkTargets: Sendable {
    private var keys: Set<UInt64> = []
    /// Each term's parent slug (`nil` at the top), for archive paths through the ancestors; the first
    /// declaration of a term wins, as in the site export.
    private var termParents: [Term.Key: String?] = [:]

    /// Learns a term of the channel.
    mutating func add(_ term: Term) {
        guard let slug = term.slug ?? term.name else { return }
        add(Term.Key(taxonomy: term.taxonomy, slug: slug), parentSlug: term.parentSlug, id: term.id)
    }

    /// Learns an item, and the terms it is filed under that the channel did not declare.
    mutating func add(_ post: Post, address: SiteAddress) {
        for key in address.keys(of: post) { keys.insert(Fingerprint.of(key)) }
        for term in post.terms {
            add(Term.Key(taxonomy: term.taxonomy, slug: term.slug ?? term.name), parentSlug: nil, id: nil)
        }
    }

    /// Whether something in the export answers to `key`.
    func contains(_ key: String) -> Bool {
        keys.contains(Fingerprint.of(key))
    }

    private mutating func add(_ term: Term.Key, parentSlug: String?, id: Int?) {
        guard termParents[term] == nil else { return }
        termParents.updateValue(parentSlug, forKey: term)
        let ancestors = SiteAddress.ancestors(from: parentSlug, taxonomy: term.taxonomy) { termParents[$0] }
        for key in SiteAddress.keys(of: term, ancestors: ancestors, id: id) { keys.insert(Fingerprint.of(key)) }
    }
}
