import Foundation
import WXRKit
import WXRMedia

/// The media step of `wxr convert --to markdown` and `wxr media`: puts each file of a plan (``MediaPlanRecorder``)
/// in the site folder, and says what could not be had, as findings for the report.
struct MediaStep {
    let siteFolder: String
    let flavor: SiteFlavor
    let arguments: MediaArguments
    let download: Bool
    let staging: StagingRegistry
    let quiet: Bool

    struct Outcome {
        var summary: MediaTransfer.Summary
        var findings: [Finding]
    }

    func run(_ plan: MediaPlan?) async throws -> Outcome {
        let folder = flavor.mediaFolder
        var items: [MediaItem] = []
        var findings: [Finding] = []
        let caseSensitive = MediaTransfer.namesAreCaseSensitive(under: siteFolder)
        for entry in plan?.entries(caseSensitiveDisk: caseSensitive) ?? [] {
            guard let url = entry.file.downloadURL else {
                findings.append(Finding(
                    code: .mediaMissing, severity: .warning,
                    message: "\(entry.file.sitePath) has no address to download it from (the export names no site URL)",
                    action: "skipped", postIDs: entry.postIDs))
                continue
            }
            if entry.file.isRenamed {
                findings.append(Finding(
                    code: .mediaRenamed, severity: .warning,
                    message: "\(url) is saved as \(entry.file.sitePath): another file of the site takes its name"
                        + (caseSensitive ? " once made safe" : " once made safe, or on this disk, which does not tell case apart")
                        + "; the posts' links still name the other file",
                    action: "renamed", hint: "link the posts to \(entry.file.sitePath) by hand", postIDs: entry.postIDs))
            }
            items.append(MediaItem(url: url, fallbackURL: entry.file.fallbackURL,
                                   path: folder.isEmpty ? entry.file.path : folder + "/" + entry.file.path,
                                   sourcePath: entry.file.sourcePath, postIDs: entry.postIDs))
        }
        let progress = !quiet && isatty(STDERR_FILENO) != 0 ? MediaProgressLine() : nil
        let summary = try await MediaTransfer(siteFolder: siteFolder, options: arguments.transferOptions(download: download),
                                              staging: staging)
            .run(items) { progress?.update($0) }
        progress?.clear()
        for (item, record) in zip(items, summary.records) {
            if let finding = finding(for: record, item: item) { findings.append(finding) }
        }
        return Outcome(summary: summary, findings: findings)
    }

    /// What the report says of a file that is not in the site: missing, failed, or refused (naming the flag).
    private func finding(for record: MediaRecord, item: MediaItem) -> Finding? {
        switch record.outcome {
        case .fetched, .copied, .present: return nil
        case .missing:
            return Finding(code: .mediaMissing, severity: .warning, message: "\(record.url): \(record.error ?? "not taken")",
                           action: "skipped",
                           hint: download ? nil : "--download-media downloads what the local copy lacks",
                           postIDs: item.postIDs)
        case .failed:
            let error = record.error ?? "failed"
            if let reason = record.failure, case .refusedAddress(_, _, let isPrivate) = reason {
                return Finding(code: .mediaRefused, severity: .error, message: error, action: "not fetched",
                               hint: isPrivate ? "--media-allow-private fetches from private and loopback addresses"
                                   : "link-local addresses (cloud metadata) are never fetched",
                               postIDs: item.postIDs)
            }
            if let reason = record.failure, case .refusedScheme = reason {
                return Finding(code: .mediaRefused, severity: .error, message: error, action: "not fetched",
                               hint: "only http and https URLs are fetched", postIDs: item.postIDs)
            }
            return Finding(code: .mediaFailed, severity: .error, message: error, action: "not fetched",
                           hint: "the old site no longer serves it, or refuses wxr; --media-from copies it from a backup",
                           postIDs: item.postIDs)
        }
    }

    /// `wxr: media: 12 fetched, 3 copied, 40 already there, 2 failed (4.1 MB)`.
    static func summaryLine(_ summary: MediaTransfer.Summary) -> String {
        var parts = ["\(Counted(summary.count(.fetched), "file")) fetched", "\(summary.count(.copied)) copied",
                     "\(summary.count(.present)) already there"]
        if summary.count(.missing) > 0 { parts.append("\(summary.count(.missing)) missing") }
        if summary.count(.failed) > 0 { parts.append("\(summary.count(.failed)) failed") }
        return "media: " + parts.joined(separator: ", ") + String(format: " (%.1f MB)", Double(summary.bytes) / 1_000_000)
    }
}

/// Files done of all, bytes, rate and time left, redrawn at most ten times a second on a terminal.
final class MediaProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var isShown = false

    func update(_ progress: MediaTransfer.Progress) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 || progress.done == progress.total else { return }
        lastDraw = now
        let elapsed = max(0.001, now.timeIntervalSince(start))
        let rate = Double(progress.bytes) / elapsed
        let left = progress.done > 0 ? Int(elapsed / Double(progress.done) * Double(progress.total - progress.done)) : 0
        let line = "media: \(progress.done)/\(progress.total) files, " + String(format: "%.1f MB, %.1f MB/s", Double(progress.bytes) / 1_000_000, rate / 1_000_000)
            + ", about \(left / 60):" + String(format: "%02d", left % 60) + " left"
        FileHandle.standardError.write(Data(("\r" + line + "\u{1B}[K").utf8))
        isShown = true
    }

    func clear() {
        lock.lock()
        defer { lock.unlock() }
        guard isShown else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        isShown = false
    }
}
