/// The posts whose links matched nothing when they were read, kept to the end of the export, when
/// ``UnresolvedLinkCheck`` decides which still match nothing.
///
/// Many posts wait (every post that links to a deleted page does), so they are packed: a fixed record a post
/// and one byte buffer for the texts, the post's title, type and status as the report names it and then its
/// URLs, each ended by NUL, which XML cannot hold (U+0001, which it cannot hold either, stands for nil). An
/// array of URLs, one of keys and an ``ItemSummary`` took about 230 bytes a post; this takes the texts' bytes
/// and 32 more, with no allocation of its own.
struct WaitingLinks {
    /// One waiting post, unpacked.
    struct Entry {
        var postID: Int?
        var line: Int
        var item: ItemSummary?
        var urls: [String]
    }

    private struct Record {
        var postID: Int?
        var line: Int
        /// Where its texts end in `texts`; they start where the previous record's end.
        var end: Int
    }

    private var records: [Record] = []
    private var texts: [UInt8] = []
    private static let none: UInt8 = 0x01

    mutating func append(_ post: Post, urls: [String]) {
        let item = ItemSummary(post)
        for text in [item?.title, item?.type, item?.status] + urls.map(Optional.some) {
            if let text { texts.append(contentsOf: text.utf8) } else { texts.append(Self.none) }
            texts.append(0)
        }
        records.append(Record(postID: post.id, line: post.line, end: texts.count))
    }

    /// Unpacks every waiting post in turn, in document order: one at a time, since there may be a hundred
    /// thousand.
    func forEach(_ body: (Entry) -> Void) {
        var start = 0
        for record in records {
            let parts = texts[start..<record.end].split(separator: 0, omittingEmptySubsequences: false).dropLast()
                .map { $0.elementsEqual([Self.none]) ? nil : String(decoding: $0, as: UTF8.self) }
            start = record.end
            let item = record.postID.map {
                ItemSummary(id: $0, title: parts[0], type: parts[1], status: parts[2], line: record.line)
            }
            body(Entry(postID: record.postID, line: record.line, item: item, urls: parts.dropFirst(3).compactMap { $0 }))
        }
    }
}
