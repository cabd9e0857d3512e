import Testing
@testable import WXRKit

/// File names from slugs and titles: readable, and never a way out of the output folder.
struct PathComponentTests {
    @Test(arguments: [
        ("hello-world", nil, "hello-world"),
        ("%d0%ba%d0%b8%d1%97%d0%b2", nil, "київ"),
        ("caf%C3%A9-au-lait", nil, "café-au-lait"),
        ("../../etc/passwd", nil, "etc-passwd"),
        ("/absolute/path", nil, "absolute-path"),
        ("a\u{0}b\u{7}c", nil, "a-b-c"),
        ("con", nil, "con-"),
        ("AUX.md", nil, "aux-md"),
        ("..", "Fallback Title", "fallback-title"),
        ("", "Why “Campism” Fails / 2022", "why-campism-fails-2022"),
        (nil, "Ireland 🇮🇪 stands with Ukraine 🇺🇦", "ireland-stands-with-ukraine"),
        (nil, "Don’t Look Back", "dont-look-back"),
        (nil, "Слава Україні!", "слава-україні"),
        ("%zz-broken", nil, "zz-broken"),
    ] as [(String?, String?, String)])
    func names(slug: String?, title: String?, expected: String) {
        #expect(PathComponent(slug: slug, title: title)?.name == expected)
    }

    @Test func nothingUsableGivesNoName() {
        #expect(PathComponent(slug: "///", title: "🙂🙂") == nil)
        #expect(PathComponent(slug: nil, title: nil) == nil)
    }

    @Test func longNamesAreCutBetweenCharacters() throws {
        let name = try #require(PathComponent(slug: String(repeating: "ї", count: 80), title: nil)).name
        #expect(name.utf8.count <= PathComponent.maximumLength)
        #expect(name.allSatisfy { $0 == "ї" })
    }

    @Test func collisionsAreNumberedInOrderIgnoringCase() {
        var names = UniqueNames()
        #expect(names.claim("post") == ("post", false))
        #expect(names.claim("Post") == ("Post-2", true))
        #expect(names.claim("post") == ("post-3", true))
        #expect(names.claim("post-2") == ("post-2-2", true))
        #expect(names.claim("other") == ("other", false))
    }
}

/// The file-name variant of the rules (media files): case, inner dots and the extension kept.
struct FileNameTests {
    @Test(arguments: [
        ("My Photo (1).JPG", "My-Photo-1.JPG"),
        ("archive.tar.gz", "archive.tar.gz"),
        ("a..b.png", "a.b.png"),
        (".htaccess", "htaccess"),
        ("nul.txt", "nul-.txt"),
        ("x.not an extension", "x.not-an-extension"),
        ("🙂.png", "file.png"),
    ])
    func fileNames(text: String, expected: String) {
        #expect(PathComponent.sanitized(text, asFileName: true) == expected)
    }

    @Test func numbersGoBeforeTheExtension() {
        var names = UniqueNames()
        #expect(names.claim(filePath: "v1.2/A.jpg").name == "v1.2/A.jpg")
        #expect(names.claim(filePath: "v1.2/a.jpg") == ("v1.2/a-2.jpg", true))
        #expect(names.claim(filePath: "v1.2/readme").name == "v1.2/readme")
        #expect(names.claim(filePath: "v1.2/README").name == "v1.2/README-2")
    }
}
