import Foundation
import Testing
import WXRTestSupport

/// The loopback server the media fetcher's tests rely on: if it misbehaves other than as scripted, those tests
/// would pass or fail for the wrong reason. Checked with `LoopbackHTTP`, never with the fetcher.
@Suite(.enabled(if: Externals.tool("python3") != nil,
                "skipped: python3 is not on PATH (scripts/media-test-server.py needs it)"))
struct MediaTestServerTests {
    /// One server for the tests that neither count requests nor stop it: each start costs a Python interpreter.
    /// It is never stopped by hand, so this also relies on it exiting with the test process.
    static let shared = Result { try MediaTestServer() }

    @Test(arguments: [
        ("cat.jpg", "image/jpeg", [0xFF, 0xD8, 0xFF]),
        ("cat.png", "image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        ("cat.gif", "image/gif", Array("GIF89a".utf8)),
        ("cat.pdf", "application/pdf", Array("%PDF-".utf8)),
    ])
    func okAnswersTheFileTypesSignatureAndType(name: String, contentType: String, signature: [UInt8]) throws {
        let server = try Self.shared.get()
        let response = try server.get("/_test/ok/\(name)")
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == contentType)
        #expect(response.body.starts(with: signature))
        #expect(response.header("Content-Length") == String(response.body.count))
    }

    @Test func okBodiesDifferByName() throws {
        // A fetcher that deduplicates by content hash would merge every test image if they were all alike.
        let server = try Self.shared.get()
        let first = try server.get("/_test/ok/a.jpg").body, second = try server.get("/_test/ok/b.jpg").body
        #expect(first != second)
        #expect(first.suffix(2) == [0xFF, 0xD9])   // a complete JPEG ends with EOI
    }

    @Test(arguments: [403, 404, 406, 500])
    func statusPathsAnswerThatStatus(status: Int) throws {
        let server = try Self.shared.get()
        #expect(try server.get("/_test/status/\(status)/photo.jpg").status == status)
    }

    @Test func flakyFailsTheGivenNumberOfTimesPerKeyThenSucceeds() throws {
        let server = try Self.shared.get()
        let statuses = try (0..<3).map { _ in try server.get("/_test/flaky/first/2/photo.jpg").status }
        #expect(statuses == [500, 500, 200])
        #expect(try server.get("/_test/flaky/second/1/photo.jpg").status == 500)   // keys are counted apart
    }

    @Test func throttleAsksToRetryAfterTheGivenSecondsOnce() throws {
        let server = try Self.shared.get()
        let first = try server.get("/_test/throttle/key/3/photo.jpg")
        #expect(first.status == 429)
        #expect(first.header("Retry-After") == "3")
        #expect(try server.get("/_test/throttle/key/3/photo.jpg").status == 200)
    }

    @Test func redirectChainsCountDownToTheOKFile() throws {
        let server = try Self.shared.get()
        var path = "/_test/redirect/3/photo.jpg"
        var hops = 0
        while true {
            let response = try server.get(path)
            guard response.status == 302 else {
                #expect(response.status == 200)
                #expect(response.body.starts(with: [0xFF, 0xD8, 0xFF]))
                break
            }
            let location = try #require(response.header("Location"))
            #expect(location.hasPrefix(server.url("/_test/")))   // absolute, on this server
            path = String(location.dropFirst(server.url("").count - 1))
            hops += 1
            try #require(hops <= 3, "more redirects than asked for: \(location)")
        }
        #expect(hops == 3)
        #expect(path == "/_test/ok/photo.jpg")
    }

    @Test func redirectToSendsTheLocationItWasGiven() throws {
        let server = try Self.shared.get()
        let response = try server.get("/_test/redirect-to?location=file%3A%2F%2F%2Fetc%2Fpasswd")
        #expect(response.status == 302)
        #expect(response.header("Location") == "file:///etc/passwd")
    }

    @Test func killAfterSendsFewerBytesThanItsContentLength() throws {
        let server = try Self.shared.get()
        let response = try server.get("/_test/kill-after/500/photo.jpg")
        #expect(response.body.count == 500)
        #expect(Int(response.header("Content-Length") ?? "") ?? 0 > 500)
    }

    @Test func bigSendsTheAnnouncedSizeWithAJPEGStart() throws {
        let server = try Self.shared.get()
        let response = try server.get("/_test/big/1/photo.jpg")
        #expect(response.header("Content-Length") == "1048576")
        #expect(response.body.count == 1_048_576)
        #expect(response.body.starts(with: [0xFF, 0xD8, 0xFF]))
    }

    @Test func wrongTypeAnswersHTMLUnderAnImageType() throws {
        let server = try Self.shared.get()
        let response = try server.get("/_test/wrong-type/photo.jpg")
        #expect(response.header("Content-Type") == "image/jpeg")
        #expect(response.text.hasPrefix("<!DOCTYPE html>"))
    }

    @Test func countsRequestsPerTargetAndTheirUserAgentsUntilReset() throws {
        // What a "second run downloads nothing" test will assert on.
        let server = try MediaTestServer()
        _ = try server.get("/_test/ok/a.jpg", headers: ["User-Agent": "wxr-test/1"])
        _ = try server.get("/_test/ok/a.jpg", headers: ["User-Agent": "wxr-test/2"])
        _ = try server.get("/_test/status/404/b.jpg")
        #expect(try server.requestCounts() == ["/_test/ok/a.jpg": 2, "/_test/status/404/b.jpg": 1])
        #expect(try server.userAgents()["/_test/ok/a.jpg"] == "wxr-test/2")
        try server.reset()
        #expect(try server.requestCounts().isEmpty)
    }

    @Test func servesFilesUnderTheRootAndNothingOutsideIt() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("wxr-media-root-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let uploads = root.appendingPathComponent("wp-content/uploads/2024/01")
        try FileManager.default.createDirectory(at: uploads, withIntermediateDirectories: true)
        let bytes = Data((0..<5000).map { UInt8(truncatingIfNeeded: $0 * 7) })
        try bytes.write(to: uploads.appendingPathComponent("sea view.png"))

        let server = try MediaTestServer(root: root)
        let response = try server.get("/wp-content/uploads/2024/01/sea%20view.png")
        #expect(response.status == 200)
        #expect(Data(response.body) == bytes)
        #expect(response.header("Content-Type") == "image/png")
        let etag = try #require(response.header("ETag"))
        #expect(response.header("Last-Modified") != nil)
        let revalidated = try server.get("/wp-content/uploads/2024/01/sea%20view.png", headers: ["If-None-Match": etag])
        #expect(revalidated.status == 304)
        #expect(try server.get("/wp-content/uploads/2024/01/missing.png").status == 404)
        #expect(try server.get("/wp-content/%2e%2e/%2e%2e/%2e%2e/etc/passwd").status == 403)
    }

    @Test func stopClosesThePort() throws {
        let server = try MediaTestServer()
        let port = server.port
        server.stop()
        server.stop()
        #expect(throws: LoopbackHTTP.Failure.self) { try LoopbackHTTP.get("/_test/ok/a.jpg", port: port) }
    }
}
