import Foundation

/// The name of a staging file or folder beside its target: `.NAME.wxr-PID-XXXXXX`, hidden, recognisably wxr's,
/// tied to the target `NAME`, and naming the process that made it, so that a later run can tell the leftovers
/// of a killed run (whose process is gone) from the staging of a run still going.
///
/// ```swift
/// StagingName.template(for: "site.json")      // ".site.json.wxr-4242-XXXXXX", for mkstemp
/// StagingName(parsing: ".site.json.wxr-4242-a8Kq0Z", target: "site.json")?.processID   // 4242
/// StagingName(parsing: ".site.json.wxr-4242-a8Kq0Z", target: "site")                  // nil: another target's
/// ```
struct StagingName: Equatable {
    /// The process that staged it.
    var processID: pid_t

    /// The template mkstemp and mkdtemp fill in (they replace the six `X`) for a staging name of `targetName`.
    static func template(for targetName: String, processID: pid_t = getpid()) -> String {
        ".\(targetName).wxr-\(processID)-XXXXXX"
    }

    /// The staging name `fileName` is, when it is one of `targetName`'s; nil for any other name, the staging of
    /// another target in the same folder included.
    init?(parsing fileName: String, target targetName: String) {
        let prefix = ".\(targetName).wxr-"
        guard fileName.hasPrefix(prefix) else { return nil }
        let rest = fileName.utf8.dropFirst(prefix.utf8.count)
        guard let dash = rest.firstIndex(of: UInt8(ascii: "-")) else { return nil }
        let digits = rest[..<dash]
        let suffix = rest[rest.index(after: dash)...]
        // mkstemp's six characters are ASCII letters and digits; anything more (a `-previous` tree) is not one.
        guard (1...10).contains(digits.count), digits.allSatisfy(Self.isDigit), suffix.count == 6,
              suffix.allSatisfy({ Self.isDigit($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }),
              let processID = pid_t(String(decoding: digits, as: UTF8.self)), processID > 0
        else { return nil }
        self.processID = processID
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte)
    }

    /// Whether the process that staged it is still running (or is one this process may not signal, so still
    /// counts as running); asks the kernel with `kill(pid, 0)`, which sends nothing.
    func ownerIsRunning() -> Bool {
        kill(processID, 0) == 0 || errno == EPERM
    }
}
