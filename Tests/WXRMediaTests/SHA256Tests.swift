import Foundation
import Testing
import WXRKit
import WXRTestSupport

/// Our SHA-256 against the standard's examples and coreutils' `sha256sum` on bytes of every length around a block.
@Suite struct SHA256Tests {
    @Test func standardExamples() {
        #expect(SHA256.hex(of: []) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func piecesGiveTheHashOfTheWhole() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        for split in [0, 1, 55, 56, 63, 64, 65, 128, 999] {
            var hash = SHA256()
            hash.update(with: Array(bytes[..<split]))
            hash.update(with: Array(bytes[split...]))
            #expect(hash.finalize() == SHA256.hex(of: bytes), "split at \(split)")
        }
    }

    @Test func agreesWithSha256sum() throws {
        guard let sha256sum = Externals.tool("sha256sum") else {
            print("skipped: sha256sum (coreutils) is not on PATH")
            return
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wxr-sha-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for length in [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 1000, 70_000] {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ length) }
            let file = directory.appendingPathComponent("\(length)")
            try Data(bytes).write(to: file)
            let expected = try run(sha256sum, [file.path]).stdout.prefix(64)
            #expect(SHA256.hex(of: bytes) == String(expected), "length \(length)")
        }
    }
}
