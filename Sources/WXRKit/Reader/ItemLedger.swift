/// The items a parted export has passed on, by WordPress id: which part each came from, on which line, and a
/// hash of its content, so that a copy in a later part is recognised, and told identical or not, without
/// keeping any post.
///
/// ```swift
/// var ledger = ItemLedger()
/// ledger.admit(post, part: 0)             // .new
/// ledger.admit(post, part: 1)             // .repeated(first: …, isIdentical: true)
/// ```
/// - Complexity: About 40 bytes an id: 11 MB for 270,000 items.
struct ItemLedger {
    /// Where an item was first seen.
    struct FirstCopy: Hashable {
        var part: Int
        var line: Int
        fileprivate var contentHash: Int
    }

    /// What to do with an item.
    enum Verdict: Hashable {
        /// Its id is new, or it has none: pass it on.
        case new
        /// Its id was seen in the same part: a duplicate the export itself holds, passed on as a whole export's is.
        case sameIDInPart
        /// An earlier part had it: skip it.
        case repeated(first: FirstCopy, isIdentical: Bool)
    }

    private var firstCopies: [Int: FirstCopy] = [:]

    /// Records the item if its id is new, and says what to do with it.
    mutating func admit(_ post: Post, part: Int) -> Verdict {
        guard let id = post.id else { return .new }
        let hash = Self.contentHash(of: post)
        guard let first = firstCopies[id] else {
            firstCopies[id] = FirstCopy(part: part, line: post.line, contentHash: hash)
            return .new
        }
        if first.part == part { return .sameIDInPart }
        return .repeated(first: first, isIdentical: first.contentHash == hash)
    }

    /// The part the item with this id was passed on from.
    func part(ofItem id: Int) -> Int? {
        firstCopies[id]?.part
    }

    /// A hash of everything the item holds but where it is: two parts put the same item on different lines.
    /// Swift's hashes are seeded per process, which is all a ledger needs.
    private static func contentHash(of post: Post) -> Int {
        var located = post
        located.line = 0
        for index in located.comments.indices { located.comments[index].line = 0 }
        return located.hashValue
    }
}
