import Foundation

/// The old site's addresses: which URLs are the site's own, and what each one is.
///
/// Hosts compare without scheme, port or `www.`; paths without their trailing slash, percent-decoded and
/// lowercased, as WordPress matches them. A query keeps only what names an item (`?p=`, `?page_id=`,
/// `?attachment_id=`).
struct SiteAddress: Sendable {
    /// What an own URL is.
    enum Target: Equatable {
        /// A file under the uploads folder: kept at the same path on the new site.
        case upload(path: String)
        /// Something to look up in the site index, by key.
        case item(key: String)
        /// The home page.
        case home
        /// What looks like an archive, a feed, the admin or the like: no item, nothing to move, unless an item
        /// claimed the path as its own link (a post whose slug is `search`, a permalink of numbers alone).
        case archive(key: String)
    }

    /// The own hosts, `name.files.wordpress.com` (where a WordPress.com site keeps its uploads) among them.
    private var hosts: Set<String> = []

    init(site: Site) {
        for url in [site.link, site.baseBlogURL, site.baseSiteURL].compactMap({ $0 }) {
            guard let host = Self.parse(url)?.host, !host.isEmpty else { continue }
            // A WordPress.com export names wordpress.com itself as its base site: not this site.
            if host == "wordpress.com" { continue }
            hosts.insert(host)
            if host.hasSuffix(".wordpress.com") {
                hosts.insert(String(host.dropLast(".wordpress.com".count)) + ".files.wordpress.com")
            }
        }
    }

    /// Counts the host of `url` as the site's own too: where its attachments were served from (a CDN, a
    /// WordPress.com files host under a custom domain), or a host the user names. A bare `cdn.example.net` will do.
    mutating func addHost(of url: String) {
        guard let host = Self.parse(url)?.host ?? Self.parse("//" + url)?.host, !host.isEmpty else { return }
        hosts.insert(host)
    }


    /// What `url` is on the old site and its fragment, or `nil` for another site's URL or a relative one.
    func target(of url: String) -> (target: Target, fragment: String)? {
        guard let parts = Self.parse(url) else { return nil }
        if let host = parts.host, Self.imageCDNHosts.contains(host) {
            // Jetpack's image CDN, `i0.wp.com/example.org/wp-content/uploads/a.jpg?resize=…`: the origin's file.
            let origin = parts.path.dropFirst().prefix { $0 != "/" }
            var originHost = String(origin).lowercasedFast
            if originHost.hasPrefix("www.") { originHost.removeFirst(4) }
            guard hosts.contains(originHost) else { return nil }
            return target(of: "//" + parts.path.dropFirst())
        }
        if let host = parts.host {
            guard hosts.contains(host) else { return nil }
            if host.hasSuffix(".files.wordpress.com") {
                return (.upload(path: "/wp-content/uploads" + parts.path), parts.fragment)
            }
        }
        if Self.contains(parts.path, Self.uploadsFolder) {
            return (.upload(path: parts.path), parts.fragment)
        }
        if let uploadPath = Self.multisiteUploadPath(parts.path) { return (.upload(path: uploadPath), parts.fragment) }
        if let query = parts.query, let key = Self.itemQuery(query) { return (.item(key: key), parts.fragment) }
        let path = Self.normalizedPath(parts.path)
        if path == "/" && parts.query == nil { return (.home, parts.fragment) }
        if parts.query.map({ $0.hasPrefix("s=") || $0.contains("&s=") }) == true || Self.isArchive(path) {
            return (.archive(key: path), parts.fragment)
        }
        return (.item(key: path), parts.fragment)
    }

    /// The lookup key of an item's own old URL (its permalink or guid), or `nil` when it is not on this site.
    /// An item's own link is the item's, even where the path looks like an archive.
    func key(of url: String) -> String? {
        switch target(of: url)?.target {
        case .item(let key)?, .archive(let key)?: key
        default: nil
        }
    }

    /// Jetpack's image CDN ("Photon"), which serves `iN.wp.com/origin-host/path`.
    static let imageCDNHosts: Set<String> = ["i0.wp.com", "i1.wp.com", "i2.wp.com", "i3.wp.com"]

    // MARK: Parsing

    /// A URL's parts as this type compares them: the host lowercased, without port or `www.` (`nil` for a path
    /// from the root), the path and query as written.
    struct Parts {
        var host: String?
        var path: String
        var query: String?
        var fragment: String
    }

    /// `scheme://host/path?query#fragment`, `//host/path`, or a path from the root; `nil` otherwise.
    ///
    /// On bytes: every link of every post comes through here.
    static func parse(_ url: String) -> Parts? {
        var bytes = Array(url.utf8)
        while let last = bytes.last, last == 0x20 || last == 0x09 || last == 0x0A || last == 0x0D { bytes.removeLast() }
        var position = 0
        while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x09 || bytes[position] == 0x0A || bytes[position] == 0x0D {
            position += 1
        }
        func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        var host: String?
        if bytes.count - position >= 2, bytes[position] == 0x2F, bytes[position + 1] == 0x2F {
            position += 2
            host = ""
        } else if position < bytes.count, bytes[position] == 0x2F || bytes[position] == 0x3F {
            // A path from the root, or a query on the home page.
        } else {
            var colon = position
            while colon < bytes.count, Self.isSchemeByte(bytes[colon]) { colon += 1 }
            guard colon + 2 < bytes.count, bytes[colon] == 0x3A, bytes[colon + 1] == 0x2F, bytes[colon + 2] == 0x2F else { return nil }
            let scheme = text(position..<colon).lowercasedFast
            guard scheme == "http" || scheme == "https" else { return nil }
            position = colon + 3
            host = ""
        }
        if host != nil {
            var end = position
            while end < bytes.count, bytes[end] != 0x2F, bytes[end] != 0x3F, bytes[end] != 0x23 { end += 1 }
            var hostStart = position
            var hostEnd = end
            for index in position..<end where bytes[index] == 0x40 { hostStart = index + 1 }
            for index in stride(from: end - 1, through: hostStart, by: -1) where bytes[index] == 0x3A {
                hostEnd = index
                break
            }
            var name = text(hostStart..<hostEnd).lowercasedFast
            if name.hasPrefix("www.") { name.removeFirst(4) }
            host = name
            position = end
        }
        var fragment = ""
        var end = bytes.count
        if let hash = bytes[position...].firstIndex(of: 0x23) {
            fragment = text(hash..<bytes.count)
            end = hash
        }
        var query: String?
        if let mark = bytes[position..<end].firstIndex(of: 0x3F) {
            query = text((mark + 1)..<end)
            end = mark
        }
        return Parts(host: host, path: position == end ? "/" : text(position..<end), query: query, fragment: fragment)
    }

    private static let uploadsFolder = Array("/wp-content/uploads/".utf8)

    /// An old multisite's upload as the uploads folder's: sites made before WordPress 3.5 serve theirs at
    /// `/files/2010/05/a.jpg` (or `/blog/files/…`), kept in `/wp-content/blogs.dir/5/files/2010/05/a.jpg`.
    /// Only with a year and a month after `files/`, so a page called `files` stays a page.
    static func multisiteUploadPath(_ path: String) -> String? {
        guard path.containsBytes("/files/") else { return nil }
        var segments = path.split(separator: "/", omittingEmptySubsequences: false)
        guard let files = segments.indices.dropLast(3).first(where: { index in
            segments[index] == "files" && isNumber(segments[index + 1], digits: 4) && isNumber(segments[index + 2], digits: 2)
        }) else { return nil }
        var start = files
        if files >= 3, segments[files - 3] == "wp-content", segments[files - 2] == "blogs.dir" { start = files - 3 }
        segments.replaceSubrange(start...files, with: ["wp-content", "uploads"])
        return segments.joined(separator: "/")
    }

    private static func isNumber(_ text: Substring, digits: Int) -> Bool {
        text.utf8.count == digits && text.utf8.allSatisfy(\.isDecimalDigit)
    }

    /// Whether `text` holds `needle` (not empty); on bytes, since the generic `firstRange(of:)` showed in profiles.
    private static func contains(_ text: String, _ needle: [UInt8]) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count >= needle.count else { return false }
            return (0...(bytes.count - needle.count)).contains { start in
                bytes[start] == needle[0] && memcmp(bytes.baseAddress! + start, needle, needle.count) == 0
            }
        }
    }

    private static func isSchemeByte(_ byte: UInt8) -> Bool {
        byte.isASCIILetter || byte.isDecimalDigit || byte == 0x2B || byte == 0x2D || byte == 0x2E
    }

    /// `?p=12`, `?page_id=3`, `?attachment_id=9`, `?cat=4` or `?tag=slug`, as a key; `nil` when the query
    /// names no item or term. The first name of that list wins; a name given twice, its last usable value.
    ///
    /// Without a dictionary or a lowercased copy of each name: every link and every item's own URLs come here.
    private static func itemQuery(_ query: String) -> String? {
        var found: [String?] = Array(repeating: nil, count: queryNames.count)
        for pair in query.utf8.split(separator: UInt8(ascii: "&")) {
            guard let equals = pair.firstIndex(of: UInt8(ascii: "=")), equals > pair.startIndex,
                  let rank = queryNames.firstIndex(where: { equalsIgnoringASCIICase(pair[..<equals], $0) }) else { continue }
            let value = pair[pair.index(after: equals)...]
            guard !value.isEmpty, let text = String(value) else { continue }
            if queryNames[rank] == "tag" {
                found[rank] = normalizedPath(text)
            } else if let number = Int(text), number > 0 {
                found[rank] = String(number)
            }
        }
        for (name, value) in zip(queryNames, found) {
            if let value, !value.isEmpty { return "?\(name)=\(value)" }
        }
        return nil
    }

    private static let queryNames = ["page_id", "p", "attachment_id", "cat", "tag"]

    private static func equalsIgnoringASCIICase(_ bytes: Substring.UTF8View.SubSequence, _ name: String) -> Bool {
        bytes.count == name.utf8.count && zip(bytes, name.utf8).allSatisfy { ($0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0) == $1 }
    }

    /// The key of `?tag=slug`, as ``target(of:)`` gives it.
    static func tagQueryKey(slug: String) -> String {
        "?tag=" + normalizedPath(slug)
    }

    /// Decoded, lowercased, slashes single, without a trailing slash (`/` stays).
    static func normalizedPath(_ path: String) -> String {
        let decoded = singleSlashes((path.utf8.contains(0x25) ? PercentEncoding.decoded(path) : path).lowercasedFast)
        // On bytes: `count` and `hasSuffix` would walk the whole path by characters, for every link.
        let slashes = decoded.utf8.reversed().prefix { $0 == 0x2F }.count
        guard slashes > 0, decoded.utf8.count > 1 else { return decoded }
        return String(decoding: decoded.utf8.dropLast(min(slashes, decoded.utf8.count - 1)), as: UTF8.self)
    }

    /// `path` with each run of slashes made one, as servers read it; on bytes, since every link comes here.
    static func singleSlashes(_ path: String) -> String {
        var previous: UInt8 = 0
        let hasRun = path.utf8.contains { byte in
            defer { previous = byte }
            return byte == 0x2F && previous == 0x2F
        }
        guard hasRun else { return path }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(path.utf8.count)
        for byte in path.utf8 where !(byte == 0x2F && bytes.last == 0x2F) { bytes.append(byte) }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let archiveRoots: Set<String> = [
        "wp-admin", "wp-login.php", "wp-json", "wp-includes", "wp-content", "xmlrpc.php", "feed", "comments", "author",
        "page", "search", "wp-signup.php", "wp-cron.php",
    ]

    /// The home page, archives by date or author, feeds, paging, the admin: never an item.
    private static func isArchive(_ path: String) -> Bool {
        // Split on bytes, not characters: every link of every post comes here.
        let segments = path.utf8.split(separator: 0x2F).map { Substring($0) }
        guard let first = segments.first, let last = segments.last else { return true }
        if archiveRoots.contains(String(first)) || last == "feed" || last == "trackback" || last == "rss2" { return true }
        if segments.count >= 2, segments[segments.count - 2] == "page", Int(last) != nil { return true }
        return segments.allSatisfy { Int($0) != nil }
    }
}
