import Foundation
import Testing

/// `wxr media` and `wxr convert --download-media` end to end: a generated export whose site address is a loopback
/// server the test starts, some of its files served and some not.
@Suite(.serialized) struct MediaCLITests {
    /// The generated export, the served folder, the server: nil with the reason when python3 or ../shared is missing.
    struct Setup {
        let directory: URL
        let export: String
        let served: URL
        let server: MediaTestServer
        /// The files the site uses, by their path below the site's media folder.
        let paths: [String]
    }

    static func setUp(posts: Int = 30, latency: Int = 0) throws -> Setup? {
        let directory = try CLITests.temporaryDirectory()
        let served = directory.appendingPathComponent("served")
        try FileManager.default.createDirectory(at: served, withIntermediateDirectories: true)
        let server: MediaTestServer
        do {
            server = try MediaTestServer(root: served, latencyMilliseconds: latency)
        } catch {
            print("skipped: \(error)")
            return nil
        }
        let export = directory.appendingPathComponent("export.xml").path
        do {
            try Externals.generate(["--posts", "\(posts)", "--base-url", server.url("")], to: export)
        } catch {
            print("skipped: \(error)")
            return nil
        }
        // What the site uses: a first run with nothing to copy from and no downloading lists every file.
        let probe = directory.appendingPathComponent("probe")
        let empty = directory.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        try CLITests.wxr("media", export, "--output", probe.path, "--flavor", "hugo", "--from", empty.path, "--quiet")
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: probe.appendingPathComponent("wxr/media.json"))) as! [String: Any]
        let paths = (manifest["files"] as! [[String: Any]]).map { ($0["path"] as! String).replacingOccurrences(of: "static/", with: "") }
        return Setup(directory: directory, export: export, served: served, server: server, paths: paths.sorted())
    }

    /// Serves every file but every fifth: those are the ones the old site lost.
    static func serve(_ setup: Setup) throws -> (served: [String], lost: [String]) {
        var served: [String] = [], lost: [String] = []
        for (index, path) in setup.paths.enumerated() {
            if index % 5 == 4 { lost.append(path); continue }
            let file = setup.served.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data([0xFF, 0xD8, 0xFF, 0xE0] + Array(path.utf8)).write(to: file)
            served.append(path)
        }
        return (served, lost)
    }

    @Test func everyServedFileIsFetchedEveryLostOneReportedAndASecondRunFetchesNothing() throws {
        guard let setup = try Self.setUp() else { return }
        defer { try? FileManager.default.removeItem(at: setup.directory) }
        #expect(setup.paths.count >= 10, "the generated export uses media: \(setup.paths.count)")
        #expect(setup.paths.allSatisfy { $0.hasPrefix("wp-content/uploads/") }, "\(setup.paths.prefix(3))")
        let (served, lost) = try Self.serve(setup)
        let site = setup.directory.appendingPathComponent("site").path

        let first = try CLITests.wxr("convert", setup.export, "--to", "markdown", "--output", site,
                                     "--download-media", "--media-allow-private")
        #expect(first.status == 1, "a lost file is an error: \(first.stderr)")
        #expect(first.stderr.contains("\(served.count) files fetched"), "\(first.stderr)")
        #expect(first.stderr.contains("\(lost.count) failed"), "\(first.stderr)")
        for path in served {
            let bytes = FileManager.default.contents(atPath: site + "/static/" + path)
            #expect(bytes == Data([0xFF, 0xD8, 0xFF, 0xE0] + Array(path.utf8)), "\(path)")
        }
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: site + ".report.json"))) as! [String: Any]
        let findings = (report["findings"] as! [[String: Any]]).filter { $0["code"] as? String == "media.failed" }
        #expect(findings.count == lost.count, "\(findings.count) media.failed for \(lost.count) lost")
        for path in lost {
            #expect(findings.contains { ($0["message"] as? String)?.contains(path) == true && ($0["message"] as? String)?.contains("404") == true },
                    "\(path) reported with its status")
        }

        try setup.server.reset()
        let second = try CLITests.wxr("media", setup.export, "--output", site, "--media-allow-private")
        #expect(second.stderr.contains("0 files fetched"), "\(second.stderr)")
        #expect(second.stderr.contains("\(served.count) already there"), "\(second.stderr)")
        let counts = try setup.server.requestCounts()
        #expect(served.allSatisfy { counts["/" + $0] == nil }, "a file already there is not asked for again: \(counts)")
    }

    @Test func withoutAllowingPrivateAddressesLoopbackIsRefusedAndTheFindingNamesTheFlag() throws {
        guard let setup = try Self.setUp(posts: 5) else { return }
        defer { try? FileManager.default.removeItem(at: setup.directory) }
        _ = try Self.serve(setup)
        let site = setup.directory.appendingPathComponent("site").path
        let result = try CLITests.wxr("media", setup.export, "--output", site, "--flavor", "jekyll")
        #expect(result.status == 1)
        #expect(result.stderr.contains("media.refused"), "\(result.stderr)")
        let report = try String(contentsOfFile: site + ".media.report.json", encoding: .utf8)
        #expect(report.contains("--media-allow-private"))
        #expect(try setup.server.requestCounts().isEmpty, "nothing was sent")
    }

    /// The sample links a resized copy (`orwell-road-picket-1024x683.jpg`): with --media-originals, the original.
    @Test func originalsAreWhatTheContentLinks() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let plain = directory.appendingPathComponent("plain").path, originals = directory.appendingPathComponent("originals").path
        try CLITests.wxr("convert", CLITests.sample, "--to", "markdown", "--output", plain, "--quiet")
        try CLITests.wxr("convert", CLITests.sample, "--to", "markdown", "--output", originals, "--media-originals", "--quiet")
        func markdown(_ site: String) throws -> String {
            let files = try FileManager.default.subpathsOfDirectory(atPath: site + "/content").filter { $0.hasSuffix(".md") }
            return try files.map { try String(contentsOfFile: site + "/content/" + $0, encoding: .utf8) }.joined()
        }
        let before = try markdown(plain), after = try markdown(originals)
        #expect(before.contains("/wp-content/uploads/2022/10/orwell-road-picket-1024x683.jpg"))
        #expect(!after.contains("orwell-road-picket-1024x683.jpg") && !after.contains("orwell-road-picket-300x200.jpg"))
        #expect(after.contains("/wp-content/uploads/2022/10/orwell-road-picket.jpg"))
    }

    @Test func mediaGoWithASiteFromAFile() throws {
        let json = try CLITests.wxr("convert", CLITests.sample, "--to", "json", "--output", "-", "--download-media")
        #expect(json.status == 64 && json.stderr.contains("go with --to markdown"), "\(json.stderr)")
        // The export is read once, for the site and its media alike: standard input will do.
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let site = directory.appendingPathComponent("site").path
        let piped = try CLITests.wxr("convert", "-", "--to", "markdown", "--output", site, "--media-from", directory.path,
                                     stdin: try String(contentsOfFile: CLITests.sample, encoding: .utf8))
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(piped.stderr.contains("missing"), "the sample's files are not in the empty copy: \(piped.stderr)")
        #expect(FileManager.default.fileExists(atPath: site + "/wxr/media.json"))
    }

    @Test func aLocalCopyIsUsedFirstAndWhatItLacksIsReported() throws {
        guard let setup = try Self.setUp(posts: 10) else { return }
        defer { try? FileManager.default.removeItem(at: setup.directory) }
        let (served, lost) = try Self.serve(setup)
        let site = setup.directory.appendingPathComponent("site").path
        let uploads = setup.served.appendingPathComponent("wp-content/uploads").path
        let result = try CLITests.wxr("media", setup.export, "--output", site, "--flavor", "astro", "--from", uploads)
        #expect(result.status == 0, "missing files are warnings: \(result.stderr)")
        #expect(result.stderr.contains("\(served.count) copied"), "\(result.stderr)")
        #expect(result.stderr.contains("\(lost.count) missing"), "\(result.stderr)")
        #expect(served.allSatisfy { FileManager.default.fileExists(atPath: site + "/public/" + $0) })
        #expect(try setup.server.requestCounts().isEmpty, "a copy needs no download")
    }

    @Test func aRunKilledMidDownloadLeavesNoPartialFileAndTheNextOneCompletes() throws {
        guard let setup = try Self.setUp(posts: 30, latency: 150) else { return }
        defer { try? FileManager.default.removeItem(at: setup.directory) }
        let (served, _) = try Self.serve(setup)
        let site = setup.directory.appendingPathComponent("site").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLITests.binary)
        process.arguments = ["media", setup.export, "--output", site, "--flavor", "hugo", "--media-allow-private",
                             "--media-jobs", "2", "--quiet"]
        try process.run()
        // Killed once the manifest records some files, mid-download: SIGKILL, so none of wxr's cleanup runs.
        let manifest = site + "/wxr/media.json"
        for _ in 0..<500 where !FileManager.default.fileExists(atPath: manifest) { usleep(20_000) }
        #expect(FileManager.default.fileExists(atPath: manifest), "the manifest is written as the run goes")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        let after = try CLITests.wxr("media", setup.export, "--output", site, "--flavor", "hugo", "--media-allow-private")
        let files = try FileManager.default.subpathsOfDirectory(atPath: site + "/static")
        #expect(!files.contains { $0.split(separator: "/").last!.hasPrefix(".") }, "no staging file left: \(files)")
        for path in served {
            #expect(FileManager.default.contents(atPath: site + "/static/" + path) == Data([0xFF, 0xD8, 0xFF, 0xE0] + Array(path.utf8)),
                    "\(path) whole after the resumed run")
        }
        #expect(after.stderr.contains("already there"), "\(after.stderr)")
    }

    /// Catches two files merged into one name, or a renamed file left out of the report: `a.jpg` and `a .jpg`
    /// come out as one safe name, so the second is numbered, and the report names it and its post.
    @Test func filesThatShareASafeNameAreBothKeptAndTheRenameReported() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let uploads = directory.appendingPathComponent("uploads/2020/01")
        try FileManager.default.createDirectory(at: uploads, withIntermediateDirectories: true)
        try Data("plain".utf8).write(to: uploads.appendingPathComponent("a.jpg"))
        try Data("spaced".utf8).write(to: uploads.appendingPathComponent("a .jpg"))
        let export = directory.appendingPathComponent("export.xml").path
        try """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
            <channel><title>T</title><link>https://example.org</link><wp:wxr_version>1.2</wp:wxr_version>
            <wp:base_site_url>https://example.org</wp:base_site_url><wp:base_blog_url>https://example.org</wp:base_blog_url>
            <item><title>P</title><wp:post_id>7</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status>
            <content:encoded><![CDATA[<img src="https://example.org/wp-content/uploads/2020/01/a.jpg">
            <img src="https://example.org/wp-content/uploads/2020/01/a%20.jpg">]]></content:encoded></item>
            </channel></rss>
            """.write(toFile: export, atomically: true, encoding: .utf8)
        let site = directory.appendingPathComponent("site").path
        let result = try CLITests.wxr("media", export, "--output", site, "--flavor", "plain",
                                      "--from", directory.appendingPathComponent("uploads").path)
        #expect(result.stderr.contains("2 copied"), "\(result.stderr)")
        let folder = site + "/media/wp-content/uploads/2020/01/"
        #expect(FileManager.default.contents(atPath: folder + "a.jpg") == Data("plain".utf8))
        #expect(FileManager.default.contents(atPath: folder + "a-2.jpg") == Data("spaced".utf8))
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: site + ".media.report.json")))
        let findings = ((report as? [String: Any])?["findings"] as? [[String: Any]]) ?? []
        let renamed = findings.filter { $0["code"] as? String == "media.renamed" }
        #expect(renamed.count == 1, "\(findings)")
        #expect((renamed.first?["message"] as? String)?.contains("/wp-content/uploads/2020/01/a-2.jpg") == true)
        #expect((renamed.first?["post_ids"] as? [Int]) == [7], "\(renamed)")
    }

    /// Catches `wxr media` without `--flavor` refusing a folder an earlier convert wrote, or putting its files
    /// where that generator does not serve them.
    @Test(arguments: [("hugo", "static/"), ("jekyll", "wp-content/"), ("eleventy", "public/"), ("astro", "public/"),
                      ("plain", "media/")])
    func mediaFindsTheFlavorOfAConvertedSite(flavor: String, folder: String) throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let site = directory.appendingPathComponent("site").path
        let empty = directory.appendingPathComponent("empty").path
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let converted = try CLITests.wxr("convert", CLITests.sample, "--to", "markdown", "--flavor", flavor, "--output", site, "--quiet")
        #expect(converted.status == 0, "\(converted.stderr)")
        let result = try CLITests.wxr("media", CLITests.sample, "--output", site, "--from", empty, "--quiet")
        #expect(result.status == 0, "\(result.stderr)")
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: site + "/wxr/media.json")))
        let paths = (((manifest as? [String: Any])?["files"] as? [[String: Any]]) ?? []).compactMap { $0["path"] as? String }
        #expect(!paths.isEmpty)
        #expect(paths.allSatisfy { $0.hasPrefix(folder) }, "\(paths)")
    }
}
