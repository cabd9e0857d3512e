import ArgumentParser
import Foundation
import WXRKit

@main
struct WXRCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wxr",
        abstract: "Convert WordPress exports (WXR) to Hugo, Jekyll, Eleventy or Astro sites, SQLite, JSON and NDJSON; validate them; render their posts as Markdown.",
        discussion: """
            Examples:
              wxr convert export.xml --to markdown --flavor hugo --output mysite
              wxr convert export.xml --to json --output site.json
              wxr convert export.xml --to ndjson -o - | jq 'select(.kind == "post") | .title'
              wxr stats export.xml --json
              wxr render export.xml --id 42

            Exit codes:
              0   done, nothing wrong
              1   done, but the export has errors (see the findings)
              2   the input cannot be read: missing, not XML, or not a WordPress export
              64  usage error
              73  the output cannot be written: it exists (use --force), or the disk refused
            """,
        subcommands: [Convert.self, Validate.self, Stats.self, Render.self])
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
        case let error as ExportError:
            if case .outputExists = error {
                printError("wxr: \(error) (use --force to replace it)")
            } else {
                printError("wxr: \(error)")
            }
            switch error {
            case .unknownFormat, .invalidOption: return usage
            case .outputExists, .cannotWrite: return cannotWrite
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

/// Removes temporary output when the run is interrupted, so nothing half-written is left behind.
enum InterruptCleanup {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    static func install() {
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                OutputFile.removeTemporaryFiles()
                SiteDirectory.removeStagingFolders()
                _exit(128 + signalNumber)
            }
            source.resume()
            sources.append(source)
        }
    }
}
