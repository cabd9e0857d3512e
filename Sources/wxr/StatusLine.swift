import Foundation
import WXRKit

/// A machine-readable line that `wxr convert --status-lines` prints on standard error for `wxr batch`, which
/// runs each site as a child process: its progress as it goes, then its counts. Other lines are messages.
enum StatusLine: Hashable {
    /// What a finished conversion counted.
    struct Counts: Hashable {
        var items = 0
        var comments = 0
        var errors = 0
        var warnings = 0
        var notes = 0
    }

    case progress(bytesRead: Int, items: Int)
    case done(Counts)

    private static let prefix = "wxr-status "

    /// The line, without its newline.
    var text: String {
        switch self {
        case .progress(let bytesRead, let items): "\(Self.prefix)progress \(bytesRead) \(items)"
        case .done(let counts):
            "\(Self.prefix)done \(counts.items) \(counts.comments) \(counts.errors) \(counts.warnings) \(counts.notes)"
        }
    }

    /// Reads a line of a child's standard error; nil for a message.
    init?(parsing line: some StringProtocol) {
        guard line.hasPrefix(Self.prefix) else { return nil }
        let words = line.dropFirst(Self.prefix.count).split(separator: " ")
        let numbers = words.dropFirst().compactMap { Int($0) }
        guard numbers.count == words.count - 1 else { return nil }
        switch (words.first, numbers.count) {
        case ("progress", 2): self = .progress(bytesRead: numbers[0], items: numbers[1])
        case ("done", 5):
            self = .done(Counts(items: numbers[0], comments: numbers[1], errors: numbers[2], warnings: numbers[3],
                                notes: numbers[4]))
        default: return nil
        }
    }

    func print() {
        printError(text)
    }
}

extension StatusLine.Counts {
    init(summary: ExportSummary, report: ValidationReport) {
        self.init(items: summary.posts, comments: summary.comments, errors: report.count(.error),
                  warnings: report.count(.warning), notes: report.count(.info))
    }
}

/// Prints a conversion's progress as status lines, at most five a second.
final class StatusLineWriter {
    private var lastLine = Date.distantPast

    func progress(_ progress: ExportProgress) {
        let now = Date()
        guard now.timeIntervalSince(lastLine) >= 0.2 else { return }
        lastLine = now
        StatusLine.progress(bytesRead: progress.bytesRead, items: progress.items).print()
    }
}
