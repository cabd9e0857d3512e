import Yams

/// A post's approved comments as a thread, for a data file or the front matter.
///
/// Replies nest under the comment they answer; a reply whose parent is not shown (held, spam, missing) is
/// shown at the top level rather than lost. Comment text is converted by the content engine like post text.
struct CommentThread {
    private struct Entry {
        var comment: Comment
        var replies: [Int] = []
    }

    private var entries: [Entry] = []
    private var roots: [Int] = []

    /// Approved comments only (``Comment/isApproved``).
    init(_ comments: [Comment]) {
        let approved = comments.filter(\.isApproved)
            .sorted { ($0.dateGMT ?? $0.date ?? "", $0.id ?? 0) < ($1.dateGMT ?? $1.date ?? "", $1.id ?? 0) }
        var position: [Int: Int] = [:]
        for comment in approved {
            if let id = comment.id, position[id] == nil { position[id] = entries.count }
            entries.append(Entry(comment: comment))
        }
        for index in entries.indices {
            if let parent = entries[index].comment.parentID, let parentIndex = position[parent], parentIndex != index,
               !isAncestor(index, of: parentIndex) {
                entries[parentIndex].replies.append(index)
            } else {
                roots.append(index)
            }
        }
    }

    var count: Int { entries.count }
    var isEmpty: Bool { entries.isEmpty }

    /// The thread as a YAML list.
    func node(renderer: ContentRenderer, includePrivateData: Bool) -> Node {
        .list(roots.map { node(for: $0, renderer: renderer, includePrivateData: includePrivateData) })
    }

    private func node(for index: Int, renderer: ContentRenderer, includePrivateData: Bool) -> Node {
        let comment = entries[index].comment
        var fields: [(String, Node)] = []
        func add(_ key: String, _ value: Node?) {
            if let value { fields.append((key, value)) }
        }
        add("id", .integer(comment.id))
        add("author", .string(comment.author?.trimmingSpaces ?? ""))
        if let url = comment.authorURL?.trimmingSpaces, !url.isEmpty, url != "http://" { add("author_url", .string(url)) }
        if includePrivateData {
            add("author_email", comment.authorEmail.flatMap { $0.isEmpty ? nil : .string($0) })
            add("author_ip", comment.authorIP.flatMap { $0.isEmpty ? nil : .string($0) })
        }
        add("date", .timestamp(SiteDates.withOffset(local: comment.date, utc: comment.dateGMT)))
        let type = comment.type.flatMap { $0.isEmpty ? nil : $0 } ?? "comment"
        add("type", .string(type))
        let text = renderer.render(comment.content ?? "").markdown
        add("content", .string(text.hasSuffix("\n") ? String(text.dropLast()) : text))
        let replies = entries[index].replies
        if !replies.isEmpty {
            add("replies", .list(replies.map { node(for: $0, renderer: renderer, includePrivateData: includePrivateData) }))
        }
        return .map(fields)
    }

    /// Whether `index` is above `other` in the thread (which would make a cycle of bad parent ids).
    private func isAncestor(_ index: Int, of other: Int) -> Bool {
        var seen: Set<Int> = [other]
        var queue = entries[index].replies
        while let next = queue.popLast() {
            if next == other { return true }
            if seen.insert(next).inserted { queue += entries[next].replies }
        }
        return false
    }
}
