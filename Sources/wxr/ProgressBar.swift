import Foundation

/// A one-line progress bar on standard error, redrawn at most ten times a second; for terminals only.
final class ProgressBar {
    private let total: Int?
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var isShown = false

    init(total: Int?) {
        self.total = total.flatMap { $0 > 0 ? $0 : nil }
    }

    func update(_ done: Int) {
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let elapsed = Int(now.timeIntervalSince(start))
        let megabytes = String(format: "%.0f", Double(done) / 1_000_000)
        var line: String
        if let total {
            let fraction = min(1, Double(done) / Double(total))
            let width = 30
            let filled = Int(fraction * Double(width))
            line = "[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "] "
                + String(format: "%3.0f%%", fraction * 100) + " of \(String(format: "%.0f", Double(total) / 1_000_000)) MB"
        } else {
            line = "\(megabytes) MB read"
        }
        line += ", \(elapsed / 60):" + String(format: "%02d", elapsed % 60)
        FileHandle.standardError.write(Data(("\r" + line + "\u{1B}[K").utf8))
        isShown = true
    }

    func clear() {
        guard isShown else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        isShown = false
    }
}
