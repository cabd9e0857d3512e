/// The keys each item and term of an export answers to on the old site: what the site export files under
/// their new URLs and what the unresolved-link check looks links up in, so that both know the same addresses.
extension SiteAddress {
    /// The keys of an item, in the order they claim: its permalink, its guid, `?p=` (WordPress redirects it for
    /// any type), then `?page_id=` for a page or `?attachment_id=` for an attachment.
    func keys(of post: Post) -> [String] {
        var keys: [String] = []
        if let link = post.link, let key = key(of: link) { keys.append(key) }
        if let guid = post.guid, guid != post.link, let key = key(of: guid), !keys.contains(key) { keys.append(key) }
        if let id = post.id {
            let idKey = "?p=\(id)"
            if !keys.contains(idKey) { keys.append(idKey) }
            switch post.type {
            case "page": keys.append("?page_id=\(id)")
            case "attachment": keys.append("?attachment_id=\(id)")
            default: break
            }
        }
        return keys
    }

    /// WordPress's paths for a term's archive under its default bases (`/category/`, `/tag/`, else the
    /// taxonomy's name): through its ancestors' slugs first when it has any, then by its own slug alone.
    static func archivePaths(of term: Term.Key, ancestors: [String]) -> [String] {
        let base = term.taxonomy == "category" ? "category" : term.taxonomy == "post_tag" ? "tag" : term.taxonomy
        var paths = ["/\(base)/\(term.slug)/"]
        if !ancestors.isEmpty { paths.insert("/\(base)/\((ancestors + [term.slug]).joined(separator: "/"))/", at: 0) }
        return paths
    }

    /// The keys of a term's archive: its paths, then `?cat=` for a category with an id or `?tag=` for a tag.
    static func keys(of term: Term.Key, ancestors: [String], id: Int?) -> [String] {
        var keys = archivePaths(of: term, ancestors: ancestors).map(normalizedPath)
        if let id, term.taxonomy == "category" { keys.append("?cat=\(id)") }
        if term.taxonomy == "post_tag" { keys.append(tagQueryKey(slug: term.slug)) }
        return keys
    }

    /// The slugs of a term's ancestors, the topmost first, as far as they are known (at most 15, so that a
    /// loop in the parents ends). `parentSlugOf` gives a known term's parent slug, `.some(nil)` for a term at
    /// the top, and `nil` for a term not known.
    static func ancestors(from parentSlug: String?, taxonomy: String, parentSlugOf: (Term.Key) -> String??) -> [String] {
        var ancestors: [String] = []
        var parent = parentSlug
        while let slug = parent, ancestors.count < 15, let above = parentSlugOf(Term.Key(taxonomy: taxonomy, slug: slug)) {
            ancestors.insert(slug, at: 0)
            parent = above
        }
        return ancestors
    }
}
