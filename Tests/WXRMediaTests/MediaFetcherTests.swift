import Foundation
import Testing
import WXRKit
import WXRTestSupport
@testable import WXRMedia

/// The fetcher against a real HTTP server on loopback that the test starts (scripts/media-test-server.py):
/// what it takes, what it retries, what it refuses. Never the internet.
@Suite(.serialized) struct MediaFetcherTests {
    let server: MediaTestServer?
    let folder: String

    init() throws {
        do {
            server = try MediaTestServer()
        } catch {
            // Every test here then returns at once: said once per test, naming what is missing.
            print("skipped: \(error)")
            server = nil
        }
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("wxr-fetch-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    /// Quick retries and timeouts, loopback allowed: the tests' server is on 127.0.0.1.
    static func options(_ change: (inout MediaFetchOptions) -> Void = { _ in }) -> MediaFetchOptions {
        var options = MediaFetchOptions(userAgent: "wxr-tests/1.0 (+https://example.org/wxr)")
        options.addresses = AddressPolicy(allowsPrivate: true)
        options.backoff = .milliseconds(20)
        options.readTimeout = .seconds(2)
        options.connectTimeout = .seconds(2)
        change(&options)
        return options
    }

    func fetch(_ path: String, options: MediaFetchOptions = options()) async throws -> Result<FetchedFile, MediaFetchFailure>? {
        guard let server else { return nil }
        let fetcher = MediaFetcher(options: options)
        defer { Task { try? await fetcher.shutdown() } }
        let result = await fetcher.fetch(server.url(path), to: folder + "/file")
        try await fetcher.shutdown()
        return result
    }

    func failure(_ result: Result<FetchedFile, MediaFetchFailure>?) -> MediaFetchFailure.Reason? {
        if case .failure(let failure)? = result { return failure.reason }
        return nil
    }

    @Test func aFileIsFetchedWholeWithItsHashAndAnHonestUserAgent() async throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        guard case .success(let file)? = try await fetch("/_test/ok/photo.jpg") else {
            if server != nil { Issue.record("not fetched") }
            return
        }
        let bytes = try #require(FileManager.default.contents(atPath: folder + "/file"))
        #expect(Array(bytes.prefix(3)) == [0xFF, 0xD8, 0xFF])
        #expect(file.size == bytes.count)
        #expect(file.sha256 == SHA256.hex(of: Array(bytes)))
        #expect(file.contentType == "image/jpeg")
        #expect(try server!.userAgents()["/_test/ok/photo.jpg"]?.hasPrefix("wxr-tests/1.0") == true)
    }

    @Test func notFoundAndForbiddenAreFailuresNotRetried() async throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        guard server != nil else { return }
        #expect(failure(try await fetch("/_test/status/404/a.jpg")) == .status(404))
        #expect(failure(try await fetch("/_test/status/403/a.jpg")) == .status(403))
        let counts = try server!.requestCounts()
        #expect(counts["/_test/status/404/a.jpg"] == 1, "a 404 is asked once: \(counts)")
    }

    @Test func serverErrorsAndThrottlingAreRetried() async throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        guard server != nil else { return }
        guard case .success? = try await fetch("/_test/flaky/k1/2/a.jpg") else { Issue.record("500, 500, then 200 not fetched"); return }
        guard case .success? = try await fetch("/_test/throttle/k2/1/a.jpg") else { Issue.record("429 then 200 not fetched"); return }
        #expect(failure(try await fetch("/_test/flaky/k3/9/a.jpg")) == .status(500), "gives up after the retries")
        let counts = try server!.requestCounts()
        #expect(counts["/_test/flaky/k3/9/a.jpg"] == 4, "the first try and three retries: \(counts)")
    }

    @Test func aConnectionCutMidBodyIsAFailureRetriedNotAFile() async throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        guard server != nil else { return }
        let result = try await fetch("/_test/kill-after/2000/a.jpg")
        guard case .connection? = failure(result) else { Issue.record("\(String(describing: result))"); return }
        #expect(try server!.requestCounts()["/_test/kill-after/2000/a.jpg"] == 4, "retried as a connection error")
    }

    @Test func aBodySlowerThanTheReadTimeoutFails() async throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        guard server != nil else { return }
        let result = try await fetch("/_test/slow/5/a.jpg", options: Self.options { $0.readTimeout = .milliseconds(500); $0.retries = 0 })
        #expect(failure(result) == .timeout, "\(String(describing: result))")
    }

    @Test func redirectsAreFollowedFiveAtMostAndOnlyToHTTP() async throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        guard let server else { return }
        guard case .success(let file)? = try await fetch("/_test/redirect/3/a.jpg") else { Issue.record("3 redirects not followed"); return }
        #expect(file.finalURL.hasSuffix("/_test/ok/a.jpg"))
        #expect(failure(try await fetch("/_test/redirect/7/a.jpg")) == .tooManyRedirects(5))
        guard case .success? = try await fetch("/_test/redirect-relative/2/b.jpg") else { Issue.record("relative redirects"); return }
        for target in ["ftp://example.org/a.jpg", "file:///etc/passwd"] {
            let path = "/_test/redirect-to?location=" + target.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let reason = failure(try await fetch(path))
            guard case .refusedScheme? = reason else { Issue.record("\(target): \(String(describing: reason))"); continue }
        }
        _ = server
    }

    @Test func linkLocalIsNeverFetchedEvenThroughARedirect() async throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        guard server != nil else { return }
        let metadata = "http://169.254.169.254/latest/meta-data/".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let reason = failure(try await fetch("/_test/redirect-to?location=" + metadata))
        #expect(reason == .refusedAddress(host: "169.254.169.254", address: "169.254.169.254", isPrivate: false))
    }

    @Test func loopbackOnlyWhenAllowed() async throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        guard server != nil else { return }
        let reason = failure(try await fetch("/_test/ok/a.jpg", options: Self.options { $0.addresses = AddressPolicy() }))
        guard case .refusedAddress(_, _, let isPrivate)? = reason else { Issue.record("\(String(describing: reason))"); return }
        #expect(isPrivate)
        #expect(try server!.requestCounts()["/_test/ok/a.jpg"] == nil, "nothing was sent")
    }

    @Test func tooLargeAndWrongTypeAreFailures() async throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        guard server != nil else { return }
        let small = Self.options { $0.maximumSize = 1 << 20 }
        #expect(failure(try await fetch("/_test/big/3/a.jpg", options: small)) == .tooLarge(limit: 1 << 20))
        #expect(failure(try await fetch("/_test/big-chunked/3/a.jpg", options: small)) == .tooLarge(limit: 1 << 20))
        #expect(failure(try await fetch("/_test/big-close/3/a.jpg", options: small)) == .tooLarge(limit: 1 << 20))
        guard case .wrongType? = failure(try await fetch("/_test/html-for-image/a.jpg")) else { Issue.record("HTML type taken"); return }
        guard case .wrongType? = failure(try await fetch("/_test/wrong-type/a.jpg")) else { Issue.record("HTML body taken"); return }
    }
}
