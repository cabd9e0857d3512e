import ArgumentParser
import Foundation
import WXRKit

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show posts converted by the content engine: WordPress content as Markdown (or display HTML).",
        discussion: """
            Classic-editor content gets WordPress's automatic paragraphs, Gutenberg blocks and shortcodes are \
            converted, and the result is CommonMark. The export is read twice: first for the attachments \
            (galleries) and reusable blocks a post may use, then to render.

            With --all, prints one JSON object per line for every item that has content to show (not \
            attachments, menu items, revisions or WordPress internals), where item is the item's 0-based \
            position in the export:
              {"item": 0, "id": 12, "type": "post", "status": "publish",
               "title": "…", "markdown": "…"}

            Examples:
              wxr render export.xml --id 42
              wxr render export.xml --id 42 --to html
              wxr render export.xml --all --embeds hugo | jq -r .markdown
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown, html
    }

    @Argument(help: "The WXR file to read (XML, or gzip, xz or zip: read as it streams, never unpacked), or - for standard input.")
    var input: String

    @Option(help: "The WordPress id of the post to show.")
    var id: Int?

    @Flag(help: "Render every item, as JSON lines.")
    var all = false

    @Option(name: .customLong("to"), help: ArgumentHelp("Markdown, or the HTML WordPress would display.", valueName: "format"))
    var format: Format = .markdown

    @Option(help: ArgumentHelp("How embeds are written: a link, the player's html, or Hugo's shortcodes.", valueName: "style"))
    var embeds: RenderOptions.EmbedStyle = .link

    @Option(help: ArgumentHelp("HTML Markdown cannot express: kept raw, or reduced to its text and links.", valueName: "how"))
    var unsupportedHTML: RenderOptions.UnsupportedHTML = .raw

    @Flag(help: "Keep presentational <span> and <font> wrappers (colours, fonts) as raw HTML; dropped otherwise, content kept.")
    var keepStyles = false

    @Flag(help: "Print on standard error how fast the engine alone converted the content (MB/s of input).")
    var timing = false

    func validate() throws {
        guard (id != nil) != all else { throw ValidationError("give either --id N or --all") }
    }

    func run() throws {
        let path: String
        var spool: String?
        if input == "-" {
            spool = try Self.spoolStandardInput()
            path = spool!
        } else {
            path = input
        }
        defer { if let spool { unlink(spool) } }

        var context = ContentContext()
        do {
            let reader = try WXRReader(path: path)
            while let entity = try reader.next() {
                if case .post(let post) = entity { context.add(post) }
            }
        } catch {
            throw ExitStatus.report(error)
        }
        let renderer = ContentRenderer(options: RenderOptions(embeds: embeds, unsupportedHTML: unsupportedHTML, keepStyles: keepStyles), context: context)

        var found = false
        var item = 0
        var inputBytes = 0
        var engineSeconds = 0.0
        var line = JSONWriter()
        do {
            let reader = try WXRReader(path: path)
            while let entity = try reader.next() {
                guard case .post(let post) = entity else { continue }
                defer { item += 1 }
                if let id, post.id != id { continue }
                if all, ContentRenderer.nonContentTypes.contains(post.type ?? "") { continue }
                let content = post.content ?? ""
                var text = ""
                var compromises: [ContentCompromise] = []
                let started = Self.threadCPUSeconds()
                if format == .html {
                    text = renderer.html(post)
                } else {
                    let rendered = renderer.render(post)
                    text = rendered.markdown
                    compromises = rendered.compromises
                }
                engineSeconds += Self.threadCPUSeconds() - started
                inputBytes += content.utf8.count
                if all {
                    line.reset()
                    line.beginObject()
                    line.key("item"); line.value(item)
                    line.key("id"); line.value(post.id)
                    line.key("type"); line.value(post.type)
                    line.key("status"); line.value(post.status)
                    line.key("title"); line.value(post.title)
                    line.dynamicKey(format.rawValue); line.value(text)
                    if format == .markdown {
                        line.key("compromises")
                        line.beginArray()
                        for compromise in compromises {
                            line.beginObject()
                            line.key("kind"); line.value(compromise.kind.rawValue)
                            line.key("construct"); line.value(compromise.construct)
                            line.key("excerpt"); line.value(compromise.excerpt)
                            line.endObject()
                        }
                        line.endArray()
                    }
                    line.endObject()
                    line.newline()
                    FileHandle.standardOutput.write(Data(line.bytes))
                } else {
                    FileHandle.standardOutput.write(Data(text.utf8))
                    found = true
                    break
                }
            }
        } catch {
            throw ExitStatus.report(error)
        }
        if timing {
            let seconds = engineSeconds
            let megabytes = Double(inputBytes) / 1_048_576
            printError(String(format: "content engine: %.1f MB of content in %.2f s of CPU on one core: %.1f MB/s", megabytes, seconds, seconds > 0 ? megabytes / seconds : 0))
        }
        if let id, !found {
            printError("wxr: no item with id \(id) in \(input)")
            throw ExitStatus.findingsWithErrors
        }
    }

    /// CPU time of this thread: the engine's own work, whatever else the machine is doing.
    private static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Standard input copied to a temporary file, since rendering reads the export twice.
    private static func spoolStandardInput() throws -> String {
        var template = Array((NSTemporaryDirectory() + "/wxr-render-XXXXXX").utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else { throw ExitStatus.cannotWrite }
        let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        while let chunk = try FileHandle.standardInput.read(upToCount: 1 << 20), !chunk.isEmpty {
            try handle.write(contentsOf: chunk)
        }
        return path
    }
}

extension RenderOptions.EmbedStyle: ExpressibleByArgument {}
extension RenderOptions.UnsupportedHTML: ExpressibleByArgument {}
