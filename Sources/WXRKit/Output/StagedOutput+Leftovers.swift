import Foundation

extension StagedOutput {
    /// Removes the staging files and folders that killed runs (SIGKILL, a power cut) left beside `targetPath`,
    /// and returns their paths. Only names of this target (``StagingName``) whose process is gone are removed:
    /// the staging of a run still going, this process's own, and another target's in the same folder stay.
    ///
    /// A folder renamed aside by a swap that was killed (`.NAME.wxr-PID-XXXXXX-previous`) may be the only copy of
    /// the previous output, so it is left for the user.
    static func removeLeftovers(of targetPath: String) -> [String] {
        let url = URL(fileURLWithPath: targetPath)
        let folder = url.deletingLastPathComponent().path
        let targetName = url.lastPathComponent
        var removed: [String] = []
        for entry in (try? FileSystem.entries(of: folder)) ?? [] {
            guard let name = StagingName(parsing: entry.name, target: targetName),
                  name.processID != getpid(), !name.ownerIsRunning() else { continue }
            let path = folder + "/" + entry.name
            FileSystem.removeTree(path)
            // Another run cleaning up at the same moment may have removed it first: either way it is gone.
            if !FileSystem.exists(path) { removed.append(path) }
        }
        return removed.sorted()
    }
}
