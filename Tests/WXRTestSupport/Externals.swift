import Foundation

/// What the tests need from outside the package: `../shared` (the generator and the corpus) and programs on
/// `PATH`. Each is looked up, never assumed, so that a suite needing one that is missing skips and says which.
///
/// `.ci/run` installs every program, so CI runs everything; a clone with nothing beside it runs what it can.
public enum Externals {
    /// The package's root folder.
    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared` beside the package, or `$WXR_SHARED`; nil when it (or its generator) is not there.
    public static let shared: URL? = {
        let candidate = ProcessInfo.processInfo.environment["WXR_SHARED"].map { URL(fileURLWithPath: $0) }
            ?? packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: candidate.appendingPathComponent("tools/wxrgen.py").path)
            ? candidate : nil
    }()

    /// `../shared/corpus`, the real exports; nil when absent.
    public static var corpus: URL? {
        guard let corpus = shared?.appendingPathComponent("corpus"),
              FileManager.default.fileExists(atPath: corpus.path) else { return nil }
        return corpus
    }

    /// The generator's path, when both it and `python3` are here.
    public static var wxrgen: String? {
        guard tool("python3") != nil else { return nil }
        return shared?.appendingPathComponent("tools/wxrgen.py").path
    }

    /// The first program of `names` found on `PATH`, as a full path; nil when none is.
    public static func tool(_ names: String...) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for name in names {
            for folder in path.split(separator: ":") {
                let candidate = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    /// Runs the generator with `arguments`, writing to `output`.
    /// - Throws: ``Missing`` when the generator is not here (check ``wxrgen`` in the test's trait first), or
    ///   ``Failed`` when it fails.
    public static func generate(_ arguments: [String], to output: String) throws {
        guard let wxrgen else { throw Missing(what: "python3 and ../shared/tools/wxrgen.py") }
        let result = try run(tool("python3")!, [wxrgen] + arguments + ["-o", output])
        guard result.status == 0 else { throw Failed(command: "wxrgen", message: result.stderr) }
    }

    /// Something a test needs is not here.
    public struct Missing: Error, CustomStringConvertible {
        public var what: String
        public var description: String { "missing: \(what)" }
    }

    /// A program the test ran failed.
    public struct Failed: Error, CustomStringConvertible {
        public var command: String
        public var message: String
        public var description: String { "\(command) failed: \(message)" }
    }
}
