import WXRKit

/// libFuzzer calls this with each input it makes up: any bytes at all.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    exercise(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

/// Everything one input goes through. Add new stages here: a crash in any of them is a finding of the fuzzer.
func exercise(_ bytes: [UInt8]) {
    // The content engine on the bytes themselves, as if they were a post's content: blocks, shortcodes,
    // autop, the HTML parser and the Markdown writer all see arbitrary input this way.
    let renderer = ContentRenderer(options: RenderOptions(embeds: .hugo))
    let content = String(decoding: bytes, as: UTF8.self)
    _ = renderer.render(content, postID: 1, footnotes: content)
    _ = ContentRenderer(options: RenderOptions(embeds: .html, unsupportedHTML: .text)).html(content)
    _ = UnknownShortcodeCheck().unknownShortcodes(in: content)

    guard let reader = try? WXRReader(bytes: bytes, name: "fuzz") else { return }
    var validator = ExportValidator(contentCheck: UnknownShortcodeCheck())
    do {
        while let entity = try reader.next() {
            validator.add(readerFindings: reader.takeNewFindings())
            validator.inspect(entity)
            if case .post(let post) = entity { _ = renderer.render(post) }
        }
        let report = validator.makeReport(inputName: "fuzz")
        _ = report.json
        _ = report.html()
        _ = report.markdown()
    } catch {
        _ = validator.makeReport(inputName: "fuzz", stoppedBy: error)
    }
}

/// libFuzzer's entry when it does not provide `main` itself.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32
) -> Int32

/// SwiftPM links an executable's `main` to `<Target>_main`: hand over to libFuzzer's driver there.
@_cdecl("ReaderFuzzer_main")
public func readerFuzzerMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzzTestOneInput(data, size) }
}
