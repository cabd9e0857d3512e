import Synchronization

/// Where the old site's items are on the new one: an old URL's key (``SiteAddress``) to its new URL.
///
/// Filled in stream order on the exporting thread and read by the rendering threads. Entries are never
/// changed once made (the first claim of a key wins), so a lookup gives the same answer whenever it is made,
/// or none yet: a post whose links find nothing renders again at the end, when every item is known.
final class SiteIndex: Sendable {
    /// By the keys' fingerprints (``Fingerprint``): the keys themselves are never asked for, and as strings they
    /// were most of the index.
    private let entries = Mutex<[UInt64: String]>([:])

    /// Records that `key` now lives at `url`, unless an earlier item has the key.
    func add(_ key: String, url: String) {
        let digest = Fingerprint.of(key)
        entries.withLock { entries in
            if entries[digest] == nil { entries[digest] = url }
        }
    }

    func url(for key: String) -> String? {
        let digest = Fingerprint.of(key)
        return entries.withLock { $0[digest] }
    }
}
