import Foundation
import WXRKit

/// Puts a site's media files in its folder: each one already there and intact is left alone, the others are
/// copied (hard-linked where the file system allows) from a local copy of the old uploads folder, or
/// downloaded, each under a staging name renamed when complete; then `wxr/media.json` records them all.
///
/// A run interrupted at any point leaves whole files only: a killed run's staging files are removed by the next
/// run into the same folders, and the next run takes only what is still missing.
///
/// ```swift
/// var options = MediaTransfer.Options()
/// options.fetch = MediaFetchOptions(userAgent: "wxr/1.0")
/// let summary = try await MediaTransfer(siteFolder: "site", options: options, staging: StagingRegistry()).run(items)
/// ```
public final class MediaTransfer: Sendable {
    public struct Options: Sendable {
        /// How to download what is missing; `nil` downloads nothing.
        public var fetch: MediaFetchOptions?
        /// A local copy of the old site's `wp-content/uploads`, taken from first.
        public var localCopy: String?
        /// Files worked on at once (each host still gets at most ``MediaFetchOptions/perHost``).
        public var jobs = 8

        public init(fetch: MediaFetchOptions? = nil, localCopy: String? = nil, jobs: Int = 8) {
            self.fetch = fetch
            self.localCopy = localCopy
            self.jobs = jobs
        }
    }

    /// How far a run has come.
    public struct Progress: Sendable {
        public var done: Int
        public var total: Int
        /// Bytes fetched or copied so far.
        public var bytes: Int
    }

    /// What a run did: a record per item, in the items' order.
    public struct Summary: Sendable {
        public var records: [MediaRecord]

        public func count(_ outcome: MediaRecord.Outcome) -> Int {
            records.count { $0.outcome == outcome }
        }

        /// Bytes fetched or copied in this run.
        public var bytes: Int {
            records.filter { $0.outcome == .fetched || $0.outcome == .copied }.reduce(0) { $0 + ($1.size ?? 0) }
        }
    }

    private let siteFolder: String
    private let options: Options
    private let staging: StagingRegistry

    public init(siteFolder: String, options: Options, staging: StagingRegistry) {
        self.siteFolder = siteFolder
        self.options = options
        self.staging = staging
    }

    /// Places every item, then writes the manifest.
    /// - Throws: ``ExportError`` when the manifest cannot be written; a file that cannot be had is a record.
    public func run(_ items: [MediaItem], progress: (@Sendable (Progress) -> Void)? = nil) async throws -> Summary {
        let previous = MediaManifest(siteFolder: siteFolder)
        let fetcher = options.fetch.map(MediaFetcher.init)
        var records = [MediaRecord?](repeating: nil, count: items.count)
        var done = 0
        var bytes = 0
        // Written as the run goes too, at most once a second: a killed run's successor then trusts what it got.
        var running = previous
        var lastSave = ContinuousClock.now
        await withTaskGroup(of: (Int, MediaRecord).self) { group in
            var next = 0
            func start(_ group: inout TaskGroup<(Int, MediaRecord)>) {
                let index = next
                next += 1
                group.addTask { [self] in (index, await place(items[index], previous: previous[items[index].path], fetcher: fetcher)) }
            }
            while next < min(items.count, max(1, options.jobs)) { start(&group) }
            for await (index, record) in group {
                records[index] = record
                done += 1
                if record.outcome == .fetched || record.outcome == .copied { bytes += record.size ?? 0 }
                progress?(Progress(done: done, total: items.count, bytes: bytes))
                if record.isOnDisk {
                    running[record.path] = record
                    if ContinuousClock.now - lastSave >= .seconds(1) {
                        try? writeManifest(running)
                        lastSave = ContinuousClock.now
                    }
                }
                if next < items.count, !staging.isInterrupted { start(&group) }
            }
        }
        try? await fetcher?.shutdown()
        let placed = records.compactMap { $0 }
        var manifest = MediaManifest()
        for record in placed { manifest[record.path] = record }
        try writeManifest(manifest)
        return Summary(records: placed)
    }

    private func writeManifest(_ manifest: MediaManifest) throws {
        let path = siteFolder + "/" + MediaManifest.path
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        let file = try StagedFile(target: .file(path: path, replacing: true), staging: staging)
        do {
            try file.write(manifest.json)
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }

    private func place(_ item: MediaItem, previous: MediaRecord?, fetcher: MediaFetcher?) async -> MediaRecord {
        var record = MediaRecord(url: item.url, path: item.path, outcome: .missing)
        guard Self.isSafe(item.path) else {
            record.outcome = .failed
            record.error = "the path \(item.path) would leave the site folder"
            return record
        }
        let target = siteFolder + "/" + item.path
        var status = stat()
        if let previous, previous.isOnDisk, previous.url == item.url, stat(target, &status) == 0,
           status.st_mode & S_IFMT == S_IFREG, Int(status.st_size) == previous.size, Int(status.st_mtim.tv_sec) == previous.modified {
            var present = previous
            present.outcome = .present
            return present
        }
        let staged: StagedFile
        do {
            staged = try stage(item.path)
        } catch {
            record.outcome = .failed
            record.error = "\(error)"
            return record
        }
        if let copy = options.localCopy, let source = item.sourcePath.map({ copy + "/" + $0 }), Self.isFile(source) {
            return finish(staged, record: record, outcome: .copied, failure: Self.link(source, to: staged.stagingPath))
        }
        guard let fetcher else {
            staged.discard()
            record.error = options.localCopy == nil ? "downloading was not asked for" : "not in \(options.localCopy!)"
            return record
        }
        var result = await fetcher.fetch(item.url, to: staged.stagingPath)
        if case .failure(let failure) = result, failure.reason == .status(404), let fallback = item.fallbackURL {
            result = await fetcher.fetch(fallback, to: staged.stagingPath)
            if case .success = result { record.url = fallback }
        }
        switch result {
        case .success(let file):
            record.etag = file.etag
            record.lastModified = file.lastModified
            return finish(staged, record: record, outcome: .fetched, failure: nil, hash: (file.sha256, file.size))
        case .failure(let failure):
            record.failure = failure.reason
            return finish(staged, record: record, outcome: .fetched, failure: failure.description)
        }
    }

    /// A staging file beside the item's path, in folders made as needed, none of them a symbolic link: a link
    /// inside the site must not take a file, or a folder, outside it.
    private func stage(_ path: String) throws -> StagedFile {
        var folder = siteFolder
        for component in path.split(separator: "/").dropLast() {
            folder += "/" + component
            var status = stat()
            if lstat(folder, &status) == 0 {
                guard status.st_mode & S_IFMT == S_IFDIR else {
                    throw ExportError.cannotWrite(path: path, reason: "\(folder) leads out of the site folder or is not a folder")
                }
            } else if mkdir(folder, 0o755) != 0 && errno != EEXIST {
                throw ExportError.cannotWrite(path: folder, reason: String(cString: strerror(errno)))
            }
        }
        return try StagedFile(target: .file(path: siteFolder + "/" + path, replacing: true), staging: staging)
    }

    /// Commits the staged file and records its size, hash and time, or discards it and records why.
    /// `hash` is the one taken while downloading; a copied file is read back for its own.
    private func finish(_ staged: StagedFile, record: MediaRecord, outcome: MediaRecord.Outcome, failure: String?,
                        hash known: (hex: String, size: Int)? = nil) -> MediaRecord {
        var record = record
        if let failure {
            staged.discard()
            record.outcome = .failed
            record.error = failure
            return record
        }
        guard let hash = known ?? Self.sha256(ofFile: staged.stagingPath) else {
            staged.discard()
            record.outcome = .failed
            record.error = "cannot read back \(staged.stagingPath)"
            return record
        }
        do {
            try staged.commit()
        } catch {
            record.outcome = .failed
            record.error = "\(error)"
            return record
        }
        var status = stat()
        stat(siteFolder + "/" + record.path, &status)
        record.outcome = outcome
        record.size = hash.size
        record.sha256 = hash.hex
        record.modified = Int(status.st_mtim.tv_sec)
        return record
    }

    /// Hard-links `source` at `path` (in place of the staging file), or copies it across file systems.
    private static func link(_ source: String, to path: String) -> String? {
        unlink(path)
        if Foundation.link(source, path) == 0 { return nil }
        do {
            try FileManager.default.copyItem(atPath: source, toPath: path)
            return nil
        } catch {
            return "cannot copy \(source): \(error.localizedDescription)"
        }
    }

    private static func sha256(ofFile path: String) -> (hex: String, size: Int)? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var hash = SHA256()
        var size = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { break }
            size += count
            buffer.withUnsafeBytes { hash.update(with: UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        }
        return (hash.finalize(), size)
    }

    /// Whether the disk that holds `folder` (or, before it exists, its nearest existing parent) tells `A.jpg`
    /// and `a.jpg` apart: Linux's file systems do, macOS's and Windows' by default do not. Found by making a
    /// file and asking for it in upper case.
    public static func namesAreCaseSensitive(under folder: String) -> Bool {
        var existing = folder.isEmpty ? "." : folder
        while !FileManager.default.fileExists(atPath: existing), existing != "/", existing != "." {
            existing = (existing as NSString).deletingLastPathComponent
            if existing.isEmpty { existing = "." }
        }
        let probe = existing + "/.wxr-case-probe-\(getpid())"
        let descriptor = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return false }    // cannot tell: number, which is safe on either kind
        close(descriptor)
        defer { unlink(probe) }
        var status = stat()
        return stat(existing + "/.WXR-CASE-PROBE-\(getpid())", &status) != 0
    }

    /// Relative, and no `.`, `..` or empty component.
    static func isSafe(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.contains("\0") && !path.contains("\\")
            && path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { $0 != "" && $0 != "." && $0 != ".." }
    }

    private static func isFile(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
    }
}
