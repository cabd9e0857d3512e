import Synchronization

/// Attachments and reusable blocks shared by renderers on several threads while an export is still being read.
///
/// ```swift
/// let shared = SharedContentContext()
/// shared.add(attachment)                                    // on the reading thread
/// let renderer = ContentRenderer(context: ContentContext(shared: shared))
/// DispatchQueue.global().async { _ = renderer.render(post) }  // renders see what was added so far
/// ```
public final class SharedContentContext: Sendable {
    private struct State {
        var attachments: [Int: ContentContext.Attachment] = [:]
        var attachmentsByParent: [Int: [Int]] = [:]
        var reusableBlocks: [Int: String] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    /// Learns what `post` contributes: an attachment's URL, a reusable block's content. The first of an id wins.
    public func add(_ post: Post) {
        var single = ContentContext()
        single.add(post)
        guard let id = post.id else { return }
        state.withLock { state in
            if let attachment = single.attachments[id], state.attachments[id] == nil {
                state.attachments[id] = attachment
                if let parent = attachment.parentID { state.attachmentsByParent[parent, default: []].append(id) }
            }
            if let block = single.reusableBlocks[id], state.reusableBlocks[id] == nil {
                state.reusableBlocks[id] = block
            }
        }
    }

    func attachment(_ id: Int) -> ContentContext.Attachment? {
        state.withLock { $0.attachments[id] }
    }

    func reusableBlock(_ id: Int) -> String? {
        state.withLock { $0.reusableBlocks[id] }
    }

    func attachments(ofPost postID: Int) -> [(id: Int, attachment: ContentContext.Attachment)] {
        state.withLock { state in
            (state.attachmentsByParent[postID] ?? []).compactMap { id in state.attachments[id].map { (id, $0) } }
        }
    }
}
