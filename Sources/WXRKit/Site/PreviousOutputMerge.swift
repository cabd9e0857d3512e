import Foundation

/// Completes a site's staging folder from the previous output at the commit: walks the previous folder and
/// hard-links into the staging folder what the new output keeps from it (files the same as this run's, the
/// user's own files, files the user edited since wxr wrote them), never modifying the previous folder, and
/// tells what changed.
///
/// A generated file whose bytes are the same is kept as it is (same inode, same modification time); one whose
/// content changed is replaced, unless the user edited it since (its hash is not the manifest's), in which case
/// the user's version is kept and reported in ``SiteDirectory/Changes/keptEdits``.
struct PreviousOutputMerge {
    let written: [String: SiteDirectory.WrittenFile]
    let manifest: [String: ContentHash]
    /// The previous folder had no manifest: every file in it is the user's, and the new files win.
    let isForeign: Bool
    private(set) var changes = SiteDirectory.Changes()
    /// Written paths found in the previous output; the rest are added.
    private var found: Set<String> = []
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)

    init(written: [String: SiteDirectory.WrittenFile], manifest: [String: ContentHash], isForeign: Bool) {
        self.written = written
        self.manifest = manifest
        self.isForeign = isForeign
    }

    /// Carries what the new output keeps from `site`'s previous folder into its staging folder, and fills
    /// ``changes``.
    /// - Throws: ``ExportError/cannotWrite(path:reason:)`` when a folder and a file meet at one path and the
    ///   old one holds the user's files, when an unchanged file disappeared during the run, or when the file
    ///   system fails.
    mutating func carry(into site: SiteDirectory) throws(ExportError) {
        try walk("", of: site)
        changes.added = written.keys.filter { !found.contains($0) }
        // Found the same during the run, but not there now: its bytes are in neither folder.
        if let lost = changes.added.first(where: { written[$0]?.isUnchanged == true }) {
            throw .cannotWrite(path: lost, reason: "it was removed from the folder during the export; run again")
        }
        changes.sort()
    }

    private mutating func walk(_ folder: String, of site: SiteDirectory) throws(ExportError) {
        let oldFolder = folder.isEmpty ? site.path : site.path + "/" + folder
        let entries = try FileSystem.entries(of: oldFolder)
        if entries.isEmpty, !folder.isEmpty {
            do { try site.makeFolder(folder) } catch { throw Self.conflict(folder) }
        }
        for entry in entries {
            let relative = folder.isEmpty ? entry.name : folder + "/" + entry.name
            if relative == SiteManifest.fileName { continue }
            let oldPath = oldFolder + "/" + entry.name
            var type = Int(entry.type)
            var status = stat()
            if type == Int(DT_UNKNOWN) || type == Int(DT_DIR) {
                guard lstat(oldPath, &status) == 0 else { throw FileSystem.failure(oldPath) }
                type = switch status.st_mode & S_IFMT {
                case S_IFDIR: Int(DT_DIR)
                case S_IFREG: Int(DT_REG)
                default: Int(DT_UNKNOWN)
                }
            }
            if type == Int(DT_DIR) {
                try walk(relative, of: site)
                // The user's permissions on their folders are kept; a folder left empty goes.
                if site.hasMadeFolder(relative) {
                    chmod(site.stagingPath + "/" + relative, status.st_mode & 0o7777)
                }
            } else if type == Int(DT_REG) {
                try carryFile(relative, from: oldPath, into: site)
            } else {
                try carryOther(relative, from: oldPath, into: site)
            }
        }
    }

    private mutating func carryFile(_ relative: String, from oldPath: String, into site: SiteDirectory)
        throws(ExportError)
    {
        if let new = written[relative] {
            found.insert(relative)
            if new.isUnchanged {
                changes.unchanged.append(relative)
                try link(oldPath, to: relative, in: site, replacing: false)
                return
            }
            let (old, size) = try hash(oldPath)
            if size == new.size, old == new.hash {
                changes.unchanged.append(relative)
            } else if isForeign {
                changes.replaced.append(relative)
                return
            } else if manifest[relative] == old {
                changes.updated.append(relative)
                return
            } else {
                changes.keptEdits.append(relative)
            }
            try link(oldPath, to: relative, in: site, replacing: true)
        } else if let recorded = manifest[relative] {
            if try hash(oldPath).hash == recorded {
                changes.removed.append(relative)
            } else {
                changes.keptEdits.append(relative)
                try link(oldPath, to: relative, in: site, replacing: false)
            }
        } else {
            try link(oldPath, to: relative, in: site, replacing: false)
        }
    }

    /// A symbolic link, FIFO, socket or device: never wxr's, so the user's.
    private mutating func carryOther(_ relative: String, from oldPath: String, into site: SiteDirectory)
        throws(ExportError)
    {
        if written[relative] != nil {
            found.insert(relative)
            if isForeign {
                changes.replaced.append(relative)
                return
            }
            changes.keptEdits.append(relative)
            try link(oldPath, to: relative, in: site, replacing: true)
        } else {
            if manifest[relative] != nil { changes.keptEdits.append(relative) }
            try link(oldPath, to: relative, in: site, replacing: false)
        }
    }

    private mutating func hash(_ path: String) throws(ExportError) -> (hash: ContentHash, size: Int) {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileSystem.failure(path) }
        defer { close(descriptor) }
        guard let found = PreviousOutput.contentHash(reading: descriptor, buffer: &buffer) else {
            throw FileSystem.failure(path)
        }
        return found
    }

    /// Puts an entry of the previous output into the staging folder: a hard link to the same file, so nothing in
    /// the previous folder is ever modified, or a copy where the file system refuses the link.
    private func link(_ oldPath: String, to relative: String, in site: SiteDirectory, replacing: Bool) throws(ExportError) {
        if let slash = relative.utf8.lastIndex(of: UInt8(ascii: "/")) {
            let folder = String(relative[..<slash])
            do { try site.makeFolder(folder) } catch { throw Self.conflict(folder) }
        }
        let newPath = site.stagingPath + "/" + relative
        if replacing { unlink(newPath) }
        if linkat(AT_FDCWD, oldPath, AT_FDCWD, newPath, 0) == 0 { return }
        if errno == EEXIST { throw Self.conflict(relative) }
        try FileSystem.copy(oldPath, to: newPath)
    }

    private static func conflict(_ relative: String) -> ExportError {
        .cannotWrite(path: relative, reason: "this run writes a file where the previous output has a folder, or "
            + "the other way round, and the old one holds your files; move it away and run again")
    }
}
