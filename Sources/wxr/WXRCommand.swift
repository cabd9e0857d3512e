import ArgumentParser
import Foundation
import WXRKit

@main
struct WXRCommand: AsyncParsableCommand {
    /// The release, for `--version` and the User-Agent of media downloads.
    static let version = "0.9.0"

    static let configuration = CommandConfiguration(
        commandName: "wxr",
        abstract: "Convert WordPress exports (WXR) to Hugo, Jekyll, Eleventy or Astro sites, SQLite, JSON and NDJSON; validate them; render their posts as Markdown.",
        discussion: """
            Examples:
              wxr convert export.xml --to markdown --flavor hugo --output mysite
              wxr convert export.xml --to json --output site.json
              wxr batch exports/ --to sqlite --output databases
              wxr convert export.xml --to ndjson -o - | jq 'select(.kind == "post") | .title'
              wxr stats export.xml --json
              wxr render export.xml --id 42

            Exit codes:
              0   done, nothing wrong
              1   done, but the export has errors (see the findings)
              2   the input cannot be read: missing, not XML, not a WordPress export, or parts of
                  different sites; wxr batch: a site failed
              64  usage error
              73  the output cannot be written: it exists (use --force), or the disk refused
            """,
        version: version,
        subcommands: [Convert.self, Batch.self, Media.self, Validate.self, Stats.self, Render.self])
}

/// The documented exit codes, in one place.
enum ExitStatus {
    static let findingsWithErrors = ExitCode(1)
    static let unreadableInput = ExitCode(2)
    static let usage = ExitCode(64)
    static let cannotWrite = ExitCode(73)

    /// Prints the error on standard error and returns the exit code it maps to.
    static func report(_ error: any Error) -> ExitCode {
        switch error {
        case let error as ReadError:
            printError("wxr: \(error)")
            return unreadableInput
        case let error as PartedExportError:
            if case .mixedSites = error {
                printError("wxr: \(error) (add --allow-mixed-sites to read them as one site)")
            } else {
                printError("wxr: \(error)")
            }
            return unreadableInput
        case let error as ExportError:
            switch error {
            case .outputExists: printError("wxr: \(error) (use --force to replace it)")
            case .outputNotRecognized:
                printError("wxr: \(error) (use --force to write over it, keeping its other files as they are)")
            default: printError("wxr: \(error)")
            }
            switch error {
            case .unknownFormat, .invalidOption: return usage
            case .outputExists, .outputNotRecognized, .cannotWrite: return cannotWrite
            }
        default:
            printError("wxr: \(error)")
            return ExitCode.failure
        }
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Removes the run's staged output when it is interrupted (SIGINT, SIGTERM, SIGHUP), so nothing half-written is
/// left behind, and exits with 128 + the signal's number. Keep it alive for the whole run.
final class InterruptCleanup {
    /// The staging of this run's outputs: pass it to every output.
    let staging = StagingRegistry()
    private var sources: [DispatchSourceSignal] = []
    /// How many of the registry's removed leftovers were reported.
    private var reportedCount = 0

    /// - Parameter beforeExit: What to do first when interrupted, given the signal: `wxr batch` passes it on to
    ///   its child processes and waits for them to remove their own staged outputs.
    init(beforeExit: @escaping @Sendable (Int32) -> Void = { _ in }) {
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            // The signal goes to a dispatch source, whose handler runs on a normal thread: it may take locks
            // and wait for a swap in progress, which a signal handler could not.
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [staging] in
                beforeExit(signalNumber)
                staging.removeAll()
                _exit(128 + signalNumber)
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Waits for the interrupt's handler to end the process, when an interrupt is why the run failed: the
    /// staging removed under it makes a write fail, and that error must not win the race with exit code 130.
    func holdIfInterrupted() {
        guard staging.isInterrupted else { return }
        while true { pause() }
    }

    /// Says which leftovers of killed runs staging the outputs removed, each once.
    func reportRemovedLeftovers() {
        let removed = staging.removedLeftovers
        for path in removed.dropFirst(reportedCount) { printError("wxr: removed \(path), left by an interrupted run") }
        reportedCount = removed.count
    }
}
