import Foundation

/// How one site of `wxr batch` went.
struct BatchOutcome: Hashable {
    enum Status: String {
        /// Converted; its report has no error and no warning.
        case converted
        /// Converted; its report has warnings.
        case warnings
        /// Converted with every intact item; its report has errors (`wxr convert`'s exit code 1).
        case errors
        /// Not converted: unreadable, not a WordPress export, output not writable, or the conversion crashed.
        /// Nothing of its output was left half-written.
        case failed
    }

    var status: Status
    /// The conversion's exit code; for a conversion killed by a signal, 128 and the signal's number.
    var exitCode: Int32
    /// What the conversion counted; nil when it failed.
    var counts: StatusLine.Counts?
    var seconds: Double
    /// What the conversion printed on standard error, `wxr: ` taken off: why it failed.
    var messages: [String]

    /// The outcome of a conversion that ended with `exitCode` after printing `counts` (or not).
    init(exitCode: Int32, signal: Int32?, counts: StatusLine.Counts?, seconds: Double, messages: [String]) {
        self.exitCode = signal.map { 128 + $0 } ?? exitCode
        self.seconds = seconds
        self.messages = messages
        switch (exitCode, signal, counts) {
        case (0, nil, let counts?):
            status = counts.warnings > 0 ? .warnings : .converted
            self.counts = counts
        case (1, nil, let counts?):
            status = .errors
            self.counts = counts
        default:
            status = .failed
            self.counts = nil
            if let signal {
                self.messages.append("the conversion was killed by signal \(signal)\(signal == SIGKILL ? " (out of memory?)" : "")")
            } else if self.messages.isEmpty {
                self.messages.append("the conversion ended with exit code \(exitCode)")
            }
        }
    }

    /// The first message, for the table.
    var reason: String? { messages.first }
}
