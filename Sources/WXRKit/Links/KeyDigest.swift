/// A 64-bit digest of a lookup key (an old URL's key, a file name), kept in sets and indexes in place of the key.
///
/// Sets of keys grow with the export: a few hundred bytes a post as strings, eight as digests. The digest is
/// Swift's SipHash, seeded anew in every process, so no export can be made to collide on purpose; by chance,
/// two keys among a million share a digest with a probability under one in ten million.
struct KeyDigest: Hashable, Sendable {
    private let value: Int

    init(_ key: String) {
        var hasher = Hasher()
        hasher.combine(key)
        value = hasher.finalize()
    }
}
