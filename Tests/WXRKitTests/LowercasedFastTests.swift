import Testing
@testable import WXRKit

/// Lowercasing on bytes for ASCII gives what Unicode's lowercasing gives, and falls back to it for the rest.
@Suite struct LowercasedFastTests {
    @Test(arguments: ["", "already-lower", "Company News", "HTTPS", "Ünïcödé ÉTÉ", "ΣΊΣΥΦΟΣ", "mixed-ASCII-Ü", "a\u{0}B"])
    func sameAsUnicodeLowercasing(text: String) {
        #expect(text.lowercasedFast == text.lowercased())
    }
}
