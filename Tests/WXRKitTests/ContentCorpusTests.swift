import Foundation
import Testing
@testable import WXRKit

/// The content engine over whole exports: generated ones and the real ones of ../shared/corpus.
@Suite(.enabled(if: Paths.shared != nil, "skipped: ../shared is not beside the package"))
struct ContentCorpusTests {
    struct Rendered {
        var post: Post
        var markdown: String
    }

    static func renderAll(_ path: String) throws -> [Rendered] {
        let result = try ReadResult(path: path)
        var context = ContentContext()
        for post in result.posts { context.add(post) }
        let renderer = ContentRenderer(context: context)
        return result.posts.filter { !ContentRenderer.nonContentTypes.contains($0.type ?? "") }.map {
            Rendered(post: $0, markdown: renderer.render($0).markdown)
        }
    }

    /// The Markdown outside fenced code blocks and raw HTML blocks: where leftovers would show.
    static func prose(_ markdown: String) -> String {
        var output: [Substring] = []
        var fence: Substring?
        var inRawHTML = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if let open = fence {
                if line.hasPrefix(open) && line.allSatisfy({ $0 == "`" }) { fence = nil }
                continue
            }
            if line.hasPrefix("```") {
                fence = line.prefix(while: { $0 == "`" })
                continue
            }
            if line.hasPrefix("<"), !line.hasPrefix("<!--more"), !line.hasPrefix("<http") { inRawHTML = true }
            if line.isEmpty { inRawHTML = false }
            if !inRawHTML { output.append(line) }
        }
        return output.joined(separator: "\n")
    }

    static let convertedShortcode = try! NSRegularExpression(pattern: #"(?<!\\)\[(caption|wp_caption|gallery|embed|audio|video|code|sourcecode)(\s[^\]]*)?\](?!\()"#)

    static func leftovers(in markdown: String) -> [String] {
        var found: [String] = []
        let text = prose(markdown)
        if text.contains("<!-- wp:") || text.contains("<!-- /wp:") { found.append("block delimiter") }
        if Self.convertedShortcode.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil {
            found.append("shortcode")
        }
        if text.contains("<p>") || text.contains("<p ") { found.append("<p> tag") }
        return found
    }

    /// Paragraphs of classic content: text between blank lines, outside <pre>.
    static func sourceParagraphs(_ content: String) -> Int {
        var count = 0
        var inPre = false
        for chunk in content.components(separatedBy: "\n\n") {
            let trimmed = chunk.trimmingCharacters(in: .whitespacesAndNewlines)
            if chunk.contains("<pre") { inPre = !chunk.contains("</pre>") }
            else if inPre { if chunk.contains("</pre>") { inPre = false }; continue }
            if !trimmed.isEmpty && trimmed != "<!--more-->" { count += 1 }
        }
        return count
    }

    @Test(.enabled(if: Externals.wxrgen != nil, "skipped: needs python3 and ../shared/tools/wxrgen.py"), arguments: [1, 5])
    func generatedExportsConvertWithoutLeftoversOrLostParagraphs(seed: Int) throws {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let generated = try RoundTripTests.generate(posts: 400, seed: seed, in: directory)
        let rendered = try Self.renderAll(generated.xml.path)
        #expect(rendered.count > 300)
        for item in rendered {
            let problems = Self.leftovers(in: item.markdown)
            #expect(problems.isEmpty, "item \(item.post.id ?? 0): \(problems)")
            let content = item.post.content ?? ""
            if !BlockParser.hasBlocks(content) {
                let blocks = Self.prose(item.markdown).components(separatedBy: "\n\n").filter { !$0.isEmpty }.count
                    + item.markdown.components(separatedBy: "```").count / 2
                #expect(blocks >= Self.sourceParagraphs(content), "item \(item.post.id ?? 0) lost a paragraph")
            }
        }
    }

    @Test func corpusExportsConvertWithoutLeftovers() throws {
        let corpus = Paths.shared!.appendingPathComponent("corpus")
        let files = (FileManager.default.enumerator(atPath: corpus.path)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".xml") }.sorted()
        var rendered = 0
        for file in files {
            guard let items = try? Self.renderAll(corpus.appendingPathComponent(file).path) else { continue }
            rendered += items.count
            for item in items {
                // Raw HTML the engine passes through may hold <p>; block delimiters and converted shortcodes never.
                let problems = Self.leftovers(in: item.markdown).filter { $0 != "<p> tag" }
                #expect(problems.isEmpty, "\(file) item \(item.post.id ?? 0): \(problems)")
            }
        }
        #expect(rendered > 500)
    }
}
