import Foundation
import WXRKit

/// One site of `wxr batch`, converted by `wxr convert` in a child process: a crash or an out-of-memory kill
/// then ends that site alone, and each site's memory is its own and returned when it ends.
struct SiteConversion {
    /// This program, run again as `wxr convert`.
    let executable: String
    let site: BatchSite
    /// The `wxr convert` arguments after the input, output and the batch's own (`--quiet`, `--status-lines`).
    let options: [String]

    /// Runs the conversion to its end; `progress` is called on this thread as the child reports it.
    /// `children` holds the child while it runs, so that an interrupted batch can stop it.
    func run(children: ChildProcesses, progress: (ExportProgress) -> Void) -> BatchOutcome {
        let start = Date()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["convert", site.input, "--output", site.output, "--quiet", "--status-lines"] + options
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardError = pipe
        do {
            try children.run(process)
        } catch {
            return BatchOutcome(exitCode: 2, signal: nil, counts: nil, seconds: 0,
                                messages: ["cannot run \(executable): \(error.localizedDescription)"])
        }
        // Our copy of the writing end, closed, so that reading ends when the child's does.
        try? pipe.fileHandleForWriting.close()
        var counts: StatusLine.Counts?
        var messages: [String] = []
        var pending = Data()
        let reading = pipe.fileHandleForReading
        while true {
            let data = reading.availableData
            pending.append(data)
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                pending.removeSubrange(pending.startIndex...newline)
                switch StatusLine(parsing: line) {
                case .progress(let bytesRead, let items): progress(ExportProgress(bytesRead: bytesRead, items: items))
                case .done(let done): counts = done
                // The first lines say why; a child that prints a thousand says no more in the table.
                case nil: if messages.count < 20 { messages.append(Self.message(line)) }
                }
            }
            if data.isEmpty { break }
        }
        if !pending.isEmpty, messages.count < 20 { messages.append(Self.message(String(decoding: pending, as: UTF8.self))) }
        process.waitUntilExit()
        children.remove(process)
        let signal = process.terminationReason == .uncaughtSignal ? process.terminationStatus : nil
        return BatchOutcome(exitCode: process.terminationStatus, signal: signal, counts: counts,
                            seconds: Date().timeIntervalSince(start), messages: messages)
    }

    private static func message(_ line: String) -> String {
        line.hasPrefix("wxr: ") ? String(line.dropFirst(5)) : line
    }
}
