import Foundation
import WXRKit

// Register the format beside the built-in ones, then convert by name, as `wxr convert --to` does.
var registry = ExporterRegistry.standard
registry.register("csv", summary: "one row per published post or page") { options in
    try CSVExporter(output: options.output, staging: options.staging)
}

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count == 2 else {
    print("usage: wxr-csv EXPORT.xml OUTPUT.csv   (OUTPUT may be - for standard output)")
    exit(64)
}
let exporter = try registry.makeExporter(
    named: "csv", options: ExportOptions(output: OutputTarget(path: arguments.last!, replacing: true)))
let summary = try WXRReader(path: arguments.first!).export(to: exporter)
print("read \(summary.posts) items; \(summary.findings.count) findings", to: &standardError)

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}
nonisolated(unsafe) var standardError = StandardError()
