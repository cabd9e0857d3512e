import ArgumentParser
import WXRKit
import WXRMedia

/// The media options of `wxr convert --to markdown` and `wxr media`.
struct MediaArguments: ParsableArguments {
    @Flag(help: "Download the site's images and files into the site folder (with --media-from: what the copy lacks).")
    var downloadMedia = false

    @Option(name: [.customLong("media-from"), .customLong("from")], help: ArgumentHelp(
        "A local copy of the old site's wp-content/uploads to copy the files from (hard-linked where possible).",
        valueName: "folder"))
    var mediaFrom: String?

    @Option(help: ArgumentHelp("Files fetched at once (at most 4 from one host).", valueName: "n"))
    var mediaJobs = 8

    @Option(help: ArgumentHelp("The largest file taken, in megabytes.", valueName: "MB"))
    var mediaMaxSize = 200

    @Option(help: ArgumentHelp("Other hosts whose files are the site's own, such as cdn.example.net (comma-separated).",
                               valueName: "hosts"))
    var mediaHosts: String?

    @Flag(help: "Point content at the originals instead of resized copies (photo.jpg, not photo-300x200.jpg) and fetch only those.")
    var mediaOriginals = false

    @Flag(help: "Allow downloads from loopback and private addresses (an intranet site); link-local ones never are.")
    var mediaAllowPrivate = false

    func validate() throws {
        if mediaJobs < 1 { throw ValidationError("--media-jobs must be at least 1") }
        if mediaMaxSize < 1 { throw ValidationError("--media-max-size must be at least 1 (megabytes)") }
    }

    /// Whether the media step runs at all in a conversion.
    var isRequested: Bool { downloadMedia || mediaFrom != nil }

    var extraHosts: [String] {
        (mediaHosts ?? "").split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func transferOptions(download: Bool) -> MediaTransfer.Options {
        var fetch: MediaFetchOptions?
        if download {
            var options = MediaFetchOptions(userAgent: "wxr/\(WXRCommand.version) (WordPress export migration; media download)")
            options.maximumSize = mediaMaxSize << 20
            options.addresses = AddressPolicy(allowsPrivate: mediaAllowPrivate)
            fetch = options
        }
        return MediaTransfer.Options(fetch: fetch, localCopy: mediaFrom, jobs: mediaJobs)
    }
}
