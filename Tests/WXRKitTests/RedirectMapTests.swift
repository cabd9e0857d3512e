import Testing
@testable import WXRKit

/// Old URLs to new paths, in each server's own syntax.
struct RedirectMapTests {
    static func map() -> RedirectMap {
        var map = RedirectMap()
        map.add(from: "https://example.org/2022/10/10/kerch-bridge/", to: "/posts/kerch-bridge/")
        map.add(from: "https://example.org/?p=14", to: "/posts/kerch-bridge/")
        map.add(from: "http://example.org/?page_id=2#top", to: "/about/")
        map.add(from: "https://example.org/2022/10/10/kerch-bridge/", to: "/elsewhere/")  // repeated: first wins
        map.add(from: "/posts/kerch-bridge/", to: "/posts/kerch-bridge/")                 // to itself: left out
        map.add(from: "ftp://example.org/file", to: "/file/")                             // not http: left out
        map.add(from: "https://example.org/category/news and views/", to: "/categories/news-and-views/")
        return map
    }

    @Test func oldURLsKeepPathAndQuery() {
        #expect(Self.map().redirects.map(\.from) == [
            "/2022/10/10/kerch-bridge/", "/?p=14", "/?page_id=2", "/category/news and views/",
        ])
    }

    @Test func netlify() {
        #expect(Self.map().rendered(as: .netlify) == """
            # Old WordPress URLs to their new paths (netlify _redirects)
            /2022/10/10/kerch-bridge/  /posts/kerch-bridge/  301!
            / p=14  /posts/kerch-bridge/  301!
            / page_id=2  /about/  301!
            /category/news%20and%20views/  /categories/news-and-views/  301!

            """)
    }

    @Test func nginx() {
        let text = Self.map().rendered(as: .nginx)
        #expect(text.contains("map $uri$is_args$args $wxr_redirect {\n    \"/2022/10/10/kerch-bridge/\" \"/posts/kerch-bridge/\";"))
        #expect(text.contains("    \"/?p=14\" \"/posts/kerch-bridge/\";"))
        #expect(text.hasSuffix("}\n"))
    }

    @Test func apache() {
        let text = Self.map().rendered(as: .apache)
        #expect(text.contains("RewriteRule ^2022/10/10/kerch-bridge/?$ /posts/kerch-bridge/ [R=301,L,NE]"))
        #expect(text.contains("RewriteCond %{QUERY_STRING} ^p=14$\nRewriteRule ^$ /posts/kerch-bridge/? [R=301,L,NE]"))
        #expect(text.contains("RewriteRule ^category/news\\ and\\ views/?$ /categories/news-and-views/ [R=301,L,NE]"))
    }

    @Test func oldPathsAreMatchedDecodedAndTargetsSentEncoded() {
        var map = RedirectMap()
        map.add(from: "https://example.org/category/%d1%83%d0%ba%d1%80/", to: "/categories/укр/")
        #expect(map.redirects.first?.from == "/category/укр/")
        let nginx = map.rendered(as: .nginx)
        #expect(nginx.contains("    \"/category/укр/\" \"/categories/%D1%83%D0%BA%D1%80/\";"))
        #expect(nginx.contains("    \"/category/укр\" \"/categories/%D1%83%D0%BA%D1%80/\";"))
        #expect(nginx.contains("map_hash_bucket_size 64;"))
        #expect(map.rendered(as: .netlify).contains("/category/укр/  /categories/%D1%83%D0%BA%D1%80/  301!"))
    }

    @Test func csv() {
        var map = RedirectMap()
        map.add(from: "/a,b/", to: "/c\"d/")
        #expect(map.rendered(as: .csv) == "from,to\n\"/a,b/\",\"/c\"\"d/\"\n")
    }
}

extension RedirectMapTests {
    /// Rendered a piece at a time, each format joins up to the whole rendering; no piece is empty.
    @Test(arguments: RedirectMap.Format.allCases)
    func piecesJoinUpToTheWhole(format: RedirectMap.Format) {
        var map = RedirectMap()
        for index in 0..<500 { map.add(from: "https://example.org/2022/03/\(index)/café-\(index)/", to: "/posts/café-\(index)/") }
        var pieces: [[UInt8]] = []
        map.render(as: format, pieceSize: 1_000) { pieces.append($0) }
        #expect(pieces.count > 10 && !pieces.contains { $0.isEmpty })
        #expect(String(decoding: pieces.joined(), as: UTF8.self) == map.rendered(as: format))
    }

    /// A redirect to itself is left out, where the new site serves it: a site moved under `/blog/` still needs
    /// `/posts/x/` sent to `/blog/posts/x/`, while one at the root would loop.
    @Test func aRedirectToItselfIsJudgedUnderTheNewBasePath() {
        var atRoot = RedirectMap(newSiteURL: "https://new.example/")
        atRoot.add(from: "https://old.example/posts/x/", to: "/posts/x/")
        #expect(atRoot.redirects.isEmpty)
        var underBlog = RedirectMap(newSiteURL: "https://new.example/blog/")
        underBlog.add(from: "https://old.example/posts/x/", to: "/posts/x/")
        underBlog.add(from: "https://old.example/blog/posts/y/", to: "/posts/y/")
        #expect(underBlog.redirects.map(\.from) == ["/posts/x/"])
        #expect(underBlog.rendered(as: .csv) == "from,to\n/posts/x/,https://new.example/blog/posts/x/\n")
    }
}
