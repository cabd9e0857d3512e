/// One thing the reader yields, in this order: the site, then authors and terms, then posts.
///
/// In WXR 1.0, whose header lists no authors, an author read from `dc:creator` comes just before the
/// first post that names it.
public enum WXREntity: Sendable, Hashable {
    case site(Site)
    case author(Author)
    case term(Term)
    case post(Post)
}
