import Testing
import Yams
@testable import WXRKit

/// A post's approved comments as a thread: replies under their parents in date order, a reply whose parent is
/// not shown kept at the top level, never lost.
@Suite struct CommentThreadTests {
    static func comment(_ id: Int, parent: Int? = nil, approved: String = "1", at minute: Int) -> WXRKit.Comment {
        WXRKit.Comment(id: id, parentID: parent, author: "c\(id)", dateGMT: "2022-10-08 12:\(minute < 10 ? "0" : "")\(minute):00",
                content: "Comment \(id)", approved: approved)
    }

    static func render(_ comments: [WXRKit.Comment]) throws -> [[String: Any]] {
        let thread = CommentThread(comments)
        let node = thread.node(renderer: ContentRenderer(options: RenderOptions()), includePrivateData: false)
        return try #require(try Yams.load(yaml: FrontMatter.serialize(node)) as? [[String: Any]])
    }

    @Test func repliesNestUnderTheirParents() throws {
        let thread = try Self.render([Self.comment(2, parent: 1, at: 5), Self.comment(1, at: 1), Self.comment(3, at: 9)])
        #expect(thread.count == 2)
        let first = try #require(thread.first)
        #expect((first["replies"] as? [[String: Any]])?.count == 1)
        #expect(CommentThread([Self.comment(1, at: 1), Self.comment(2, parent: 1, at: 2)]).count == 2)
    }

    @Test func heldCommentsAreLeftOutAndTheirRepliesKept() throws {
        let comments = [Self.comment(1, approved: "0", at: 1), Self.comment(2, parent: 1, at: 2), Self.comment(3, approved: "spam", at: 3)]
        #expect(CommentThread(comments).count == 1)
        let thread = try Self.render(comments)
        #expect(thread.count == 1, "the reply stands on its own")
    }

    @Test func aCommentThatAnswersItselfOrALoopIsNotLost() {
        let comments = [Self.comment(1, parent: 1, at: 1), Self.comment(2, parent: 3, at: 2), Self.comment(3, parent: 2, at: 3)]
        #expect(CommentThread(comments).count == 3)
    }
}
