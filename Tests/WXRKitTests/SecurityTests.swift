import Foundation
import Testing
@testable import WXRKit

/// Hostile input: external entities and DTDs are never loaded, nothing touches the network, entity bombs do
/// nothing, and the fuzzer's crashes stay fixed.
@Suite struct SecurityTests {
    /// A TCP listener on the loopback interface: it records whether anyone connected.
    final class Listener {
        let socket: Int32
        let port: UInt16

        init() throws {
            let descriptor = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            try #require(bound == 0 && listen(descriptor, 8) == 0)
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
            }
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            socket = descriptor
            port = UInt16(bigEndian: address.sin_port)
        }

        /// True when a connection is waiting.
        var wasContacted: Bool {
            let connection = accept(socket, nil, nil)
            if connection >= 0 { close(connection); return true }
            return false
        }

        deinit { close(socket) }
    }

    @Test func externalEntitiesAndDTDsAreNeverLoaded() throws {
        let listener = try Listener()
        let url = "http://127.0.0.1:\(listener.port)"
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE rss SYSTEM "\(url)/export.dtd" [
              <!ENTITY secret SYSTEM "file:///etc/passwd">
              <!ENTITY remote SYSTEM "\(url)/entity">
              <!ENTITY % parameter SYSTEM "\(url)/parameter.dtd">
              %parameter;
            ]>
            <rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><wp:wxr_version>1.2</wp:wxr_version>
            <item><title>&secret;</title><wp:post_id>1</wp:post_id></item>
            <item><title>&remote;</title><wp:post_id>2</wp:post_id></item>
            </channel></rss>
            """
        let result = try ReadResult(reader: WXRReader(bytes: Array(xml.utf8)))
        #expect(result.posts.map(\.title) == ["&secret;", "&remote;"])
        #expect(!listener.wasContacted, "the reader connected to \(url)")
        let external = result.findings.filter { $0.code == "xml.external-entity" }
        #expect(external.count == 3)
        #expect(external.allSatisfy { $0.action == "not loaded" && $0.line != nil })
        #expect(external.contains { $0.message.contains("file:///etc/passwd") })
        #expect(result.findings.contains { $0.code == "xml.external-dtd" && $0.message.contains("export.dtd") })
    }

    @Test func entityExpansionBombsAreRefusedQuickly() throws {
        // A billion laughs: ten levels of ten references each.
        var declarations = "<!ENTITY lol0 \"lol\">\n"
        for level in 1...9 {
            declarations += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">\n"
        }
        // And a quadratic blow-up: one large entity referenced many times.
        declarations += "<!ENTITY big \"" + String(repeating: "x", count: 50_000) + "\">\n"
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n\(declarations)]>\n"
            + "<rss><channel><item><title>&lol9;</title><description>" + String(repeating: "&big;", count: 20_000)
            + "</description></item></channel></rss>\n"
        let clock = ContinuousClock()
        let start = clock.now
        let result = try ReadResult(reader: WXRReader(bytes: Array(xml.utf8)))
        #expect(clock.now - start < .seconds(2))
        #expect(result.posts.first?.title == "&lol9;")
        #expect(result.findings.contains { $0.code == "xml.entity-declaration" && $0.action == "not expanded" })
    }

    /// Inputs the fuzzer found crashing or hanging the reader, kept as they were found.
    static var fuzzCases: [String] {
        guard let directory = Bundle.module.url(forResource: "Fixtures/fuzz", withExtension: nil),
              let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        return names.sorted()
    }

    @Test(arguments: fuzzCases)
    func fuzzerFindingsStayFixed(name: String) throws {
        let url = Bundle.module.url(forResource: "Fixtures/fuzz/\(name)", withExtension: nil)!
        let clock = ContinuousClock()
        let start = clock.now
        let reader = try WXRReader(bytes: Array(try Data(contentsOf: url)))
        var validator = ExportValidator()
        do {
            while let entity = try reader.next() { validator.inspect(entity) }
            _ = validator.makeReport(inputName: name).html()
        } catch {
            _ = validator.makeReport(inputName: name, stoppedBy: error)
        }
        #expect(clock.now - start < .seconds(5), "\(name) took too long: the fuzzer found it hanging")
    }

    /// The fuzzer's first find: damage in a file declared in another encoding than UTF-8 made each resumed
    /// parser fail inside its own prefix, and resume there again, for ever.
    @Test func resumingInAFileInAnotherEncodingEnds() throws {
        let url = Bundle.module.url(forResource: "Fixtures/fuzz/timeout-utf7-resumption-loop.xml", withExtension: nil)!
        let result = try ReadResult(reader: WXRReader(bytes: Array(try Data(contentsOf: url))))
        #expect(result.posts.map(\.title) == ["Two", "Three"])
        #expect(result.findings.contains { $0.code == "xml.mismatched-tag" && $0.line == 3 })
    }
}
