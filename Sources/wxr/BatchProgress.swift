import Foundation
import WXRKit

/// The progress of `wxr batch` on standard error: on a terminal, a line per site being converted and one for
/// the batch, redrawn in place; as plain lines every ten seconds for logs; or nothing.
///
/// Sites report from their own threads; the batch draws from its thread. Each finished site gets a line that
/// stays.
final class BatchProgress: @unchecked Sendable {
    enum Style: String, CaseIterable {
        case terminal, plain, none
    }

    /// A site being converted.
    private struct Running {
        var name: String
        var size: Int?
        var start: Date
        var progress = ExportProgress(bytesRead: 0, items: 0)
    }

    // Every access holds the lock.
    private let lock = NSLock()
    private let style: Style
    private let start = Date()
    private let siteCount: Int
    /// The bytes of every site's input, for the time left; sites of unknown size count as nothing.
    private let totalBytes: Int
    private var running: [Int: Running] = [:]
    private var finishedCount = 0
    private var finishedBytes = 0
    private var finishedItems = 0
    /// Terminal: how many lines the block drawn last spans, the cursor being on its last.
    private var drawnLines = 0
    private var lastPlainLine = Date()

    init(style: Style, siteCount: Int, totalBytes: Int) {
        self.style = style
        self.siteCount = siteCount
        self.totalBytes = totalBytes
    }

    func started(_ index: Int, name: String, size: Int?) {
        lock.withLock { running[index] = Running(name: name, size: size, start: Date()) }
    }

    func update(_ index: Int, _ progress: ExportProgress) {
        lock.withLock { running[index]?.progress = progress }
    }

    /// Takes the site off the running ones and prints its line.
    func finished(_ index: Int, name: String, size: Int?, outcome: BatchOutcome) {
        lock.withLock {
            running[index] = nil
            finishedCount += 1
            finishedBytes += size ?? 0
            finishedItems += outcome.counts?.items ?? 0
            guard style != .none else { return }
            var line = "wxr: \(name): \(outcome.status.rawValue)"
            if let counts = outcome.counts { line += ", \(Counted(counts.items, "item"))" }
            line += String(format: " in %.1f s", outcome.seconds)
            if outcome.status == .failed, let reason = outcome.reason { line += ": \(reason)" }
            write(erasingBlock() + line + "\n")
            drawnLines = 0
            if style == .terminal { write(block()) }
        }
    }

    /// Redraws the terminal block, or prints the plain line when ten seconds have passed.
    func tick() {
        lock.withLock {
            switch style {
            case .terminal: write(erasingBlock() + block())
            case .plain:
                guard Date().timeIntervalSince(lastPlainLine) >= 10 else { return }
                lastPlainLine = Date()
                write("wxr: batch: \(overall())\n")
            case .none: return
            }
        }
    }

    /// Removes the terminal block, for the final table.
    func clear() {
        lock.withLock {
            guard style == .terminal else { return }
            write(erasingBlock())
        }
    }

    // MARK: Drawing (the lock held)

    private func block() -> String {
        let now = Date()
        var lines = running.sorted { $0.key < $1.key }.map { _, site in
            let seconds = max(0.001, now.timeIntervalSince(site.start))
            var line = "  " + Self.fitted(site.name, width: 24)
            if let size = site.size, size > 0 {
                line += String(format: " %3.0f%%", min(99, Double(site.progress.bytesRead) / Double(size) * 100))
            }
            return line + " \(Counted(site.progress.items, "item")), \(Int(Double(site.progress.items) / seconds)) items/s"
        }
        lines.append("batch: \(overall())")
        drawnLines = lines.count
        return lines.joined(separator: "\n")
    }

    /// `3/10 sites done, 2 running, 12,345 items, 2,100 items/s, about 0:42 left`.
    private func overall() -> String {
        let elapsed = max(0.001, Date().timeIntervalSince(start))
        let items = finishedItems + running.values.reduce(0) { $0 + $1.progress.items }
        let bytes = finishedBytes + running.values.reduce(0) { $0 + min($1.progress.bytesRead, $1.size ?? 0) }
        var text = "\(finishedCount)/\(siteCount) sites done, \(running.count) running, \(Counted(items, "item")), "
            + "\(Int(Double(items) / elapsed)) items/s"
        if bytes > 0, totalBytes > bytes {
            let left = Int(Double(totalBytes - bytes) / (Double(bytes) / elapsed))
            text += ", about \(left / 60):" + String(format: "%02d", left % 60) + " left"
        }
        return text
    }

    /// Moves up to the block's first line and erases to the end of the screen.
    private func erasingBlock() -> String {
        guard style == .terminal else { return "" }
        return (drawnLines > 1 ? "\u{1B}[\(drawnLines - 1)A" : "") + "\r\u{1B}[J"
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    private static func fitted(_ name: String, width: Int) -> String {
        name.count > width ? String(name.prefix(width - 1)) + "…" : name.padding(toLength: width, withPad: " ", startingAt: 0)
    }
}
