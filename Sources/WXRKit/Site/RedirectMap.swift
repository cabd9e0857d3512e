import Foundation

/// Every old URL of a site and the new path it moves to, written for the servers and hosts people deploy to:
/// Netlify's `_redirects`, an nginx `map`, an Apache `.htaccess` fragment, CSV (a start on the site export).
///
/// Old URLs are kept as path and query (`/2022/03/05/kerch-bridge/`, `/?p=14`): the host is the old site's and
/// the redirects run on the new one. The first redirect for a path wins; the order given is the order written.
///
/// ```swift
/// var map = RedirectMap()
/// map.add(from: "https://example.org/2022/03/kerch/", to: "/posts/kerch/")
/// map.add(from: "https://example.org/?p=14", to: "/posts/kerch/")
/// print(map.rendered(as: .netlify))
/// ```
public struct RedirectMap: Sendable {
    public struct Redirect: Hashable, Sendable {
        /// The old path, with its query when it has one: `/?p=14`.
        public var from: String
        /// The new path.
        public var to: String
    }

    public enum Format: String, CaseIterable, Sendable {
        case netlify, nginx, apache, csv

        /// The file name each is usually given.
        public var fileName: String {
            switch self {
            case .netlify: "_redirects"
            case .nginx: "redirects.nginx.conf"
            case .apache: "redirects.htaccess"
            case .csv: "redirects.csv"
            }
        }
    }

    public private(set) var redirects: [Redirect] = []
    private var sources: Set<UInt64> = []
    /// The new site's address with no slash at its end (`https://new.example/blog`), put before every new
    /// path when the map is written, so that it leads there from whichever host serves it; empty writes
    /// the paths as they are (`/posts/kerch/`), for a map served by the new site itself.
    private let targetPrefix: String
    /// The path of the new site's address (`/blog`, or empty): where a new path is served, on its host.
    private let targetBasePath: String

    /// A map whose targets are paths on the site that serves it.
    public init() {
        targetPrefix = ""
        targetBasePath = ""
    }

    /// A map whose targets are URLs under `newSiteURL` (`https://new.example/` or `https://new.example/blog/`).
    public init(newSiteURL: String) {
        var prefix = newSiteURL
        while prefix.hasSuffix("/") { prefix.removeLast() }
        targetPrefix = prefix
        targetBasePath = Self.oldPath(of: prefix + "/").map { String($0.dropLast()) } ?? ""
    }

    /// Adds a redirect from `oldURL` (absolute, or a path) to `newPath`; one that would go nowhere (to itself,
    /// where the new site serves it: under its base path) or that repeats an old path is left out.
    public mutating func add(from oldURL: String, to newPath: String) {
        guard let from = Self.oldPath(of: oldURL), from != targetBasePath + newPath, sources.insert(Fingerprint.of(from)).inserted else { return }
        redirects.append(Redirect(from: from, to: newPath))
    }

    /// The path and query of `url` as a server matches them: the path percent-decoded (`/caf%C3%A9/` arrives
    /// as `/café/`, whichever case its escapes had) and repeated slashes made one, as nginx and Apache do
    /// (`https://example.org//greek/` is `/greek/`); `nil` for what is not an http(s) URL or a path.
    static func oldPath(of url: String) -> String? {
        guard let raw = pathAndQuery(of: url) else { return nil }
        let (rawPath, query) = split(raw)
        let path = SiteAddress.singleSlashes(PercentEncoding.decoded(rawPath))
        return path + (query.map { "?" + $0 } ?? "")
    }

    /// `https://host/a/b/?p=1#x` as `/a/b/?p=1`; `nil` for what is not an http(s) URL or a path.
    ///
    /// On bytes: every item's link comes through here.
    static func pathAndQuery(of url: String) -> String? {
        let bytes = Array(url.utf8)
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 || bytes[start] == 0x0A || bytes[start] == 0x0D { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        var index = start
        while index + 2 < end, bytes[index] != 0x2F, bytes[index] != 0x3F, bytes[index] != 0x23 {
            if bytes[index] == 0x3A, bytes[index + 1] == 0x2F, bytes[index + 2] == 0x2F {
                let scheme = String(decoding: bytes[start..<index], as: UTF8.self).lowercased()
                guard scheme == "http" || scheme == "https" else { return nil }
                var pathStart = index + 3
                while pathStart < end, bytes[pathStart] != 0x2F, bytes[pathStart] != 0x3F, bytes[pathStart] != 0x23 { pathStart += 1 }
                start = pathStart
                break
            }
            index += 1
        }
        if let hash = bytes[start..<end].firstIndex(of: 0x23) { end = hash }
        guard start < end else { return "/" }
        let rest = String(decoding: bytes[start..<end], as: UTF8.self)
        if bytes[start] == 0x3F { return "/" + rest }
        return bytes[start] == 0x2F ? rest : nil
    }

    public func rendered(as format: Format) -> String {
        String(decoding: renderedBytes(as: format), as: UTF8.self)
    }

    /// The map in `format`, as UTF-8.
    public func renderedBytes(as format: Format) -> [UInt8] {
        var bytes: [UInt8] = []
        render(as: format) { bytes += $0 }
        return bytes
    }

    /// The map in `format`, as UTF-8 pieces of about `pieceSize` bytes handed to `take` in order: a site's map
    /// has tens of thousands of lines, which need not be in memory at once.
    public func render<Failure: Error>(
        as format: Format, pieceSize: Int = 1 << 16, into take: ([UInt8]) throws(Failure) -> Void
    ) throws(Failure) {
        var out = Output()
        out.bytes.reserveCapacity(pieceSize + 4096)
        func flush(_ always: Bool = false) throws(Failure) {
            guard always || out.bytes.count >= pieceSize else { return }
            try take(out.bytes)
            out.bytes.removeAll(keepingCapacity: true)
        }
        switch format {
        case .netlify:
            out.line("# Old WordPress URLs to their new paths (netlify _redirects)")
            for redirect in redirects {
                let (path, query) = Self.split(redirect.from)
                out.escaped(path) { $0 == 0x20 || $0 == 0x09 ? .percent : .keep }
                // Netlify matches query parameters as name=value after the path.
                if let query {
                    for parameter in query.utf8.split(separator: UInt8(ascii: "&")) {
                        out.bytes.append(0x20)
                        out.bytes.append(contentsOf: parameter)
                    }
                }
                out.text("  ")
                out.location(targetPrefix + redirect.to)
                out.text("  301!\n")
                try flush()
            }
        case .nginx:
            out.line("# Old WordPress URLs to their new paths: include inside `http {}`, then in the server:")
            out.line("#   if ($wxr_redirect) { return 301 $wxr_redirect; }")
            // nginx refuses to start when a map's longest key or its size outgrow its hash (64 bytes and 2,048
            // keys by default); these set both for this map (drop them if the http block sets them already).
            let longest = redirects.reduce(0) { max($0, $1.from.utf8.count) }
            var bucket = 64
            while bucket < longest + 32 { bucket *= 2 }
            out.line("map_hash_bucket_size \(bucket);")
            out.line("map_hash_max_size \(max(2048, redirects.count * 2));")
            out.line("map $uri$is_args$args $wxr_redirect {")
            for redirect in redirects {
                out.nginxEntry(from: Substring(redirect.from), to: targetPrefix + redirect.to)
                // WordPress answered `/a/b` as `/a/b/`; a map matches exactly, so it gets both.
                if redirect.from.utf8.count > 1, redirect.from.utf8.last == 0x2F, !sources.contains(Fingerprint.of(String(redirect.from.dropLast()))) {
                    out.nginxEntry(from: redirect.from.dropLast(), to: targetPrefix + redirect.to)
                }
                try flush()
            }
            out.line("}")
        case .apache:
            out.line("# Old WordPress URLs to their new paths (.htaccess; needs mod_rewrite)")
            out.line("RewriteEngine On")
            for redirect in redirects {
                let (path, query) = Self.split(redirect.from)
                if let query {
                    out.text("RewriteCond %{QUERY_STRING} ^")
                    out.escaped(query, Self.regexEscape)
                    out.text("$\n")
                }
                // `/a/b/` also as `/a/b`, as WordPress answered it.
                let hasSlash = path.utf8.count > 1 && path.utf8.last == 0x2F
                out.text("RewriteRule ^")
                out.escaped(path.dropFirst().dropLast(hasSlash ? 1 : 0), Self.regexEscape)
                out.text(hasSlash ? "/?$ " : "$ ")
                out.location(targetPrefix + redirect.to)
                // A trailing "?" drops the old query string from the target; NE keeps its %-escapes as they are.
                out.text(query == nil ? " [R=301,L,NE]\n" : "? [R=301,L,NE]\n")
                try flush()
            }
        case .csv:
            out.line("from,to")
            for redirect in redirects {
                out.csvField(redirect.from)
                out.bytes.append(UInt8(ascii: ","))
                out.csvField(targetPrefix + redirect.to)
                out.bytes.append(0x0A)
                try flush()
            }
        }
        if !out.bytes.isEmpty { try flush(true) }
    }

    private static func split(_ pathAndQuery: String) -> (path: String, query: String?) {
        guard let mark = pathAndQuery.firstIndex(of: "?") else { return (pathAndQuery, nil) }
        return (String(pathAndQuery[..<mark]), String(pathAndQuery[pathAndQuery.index(after: mark)...]))
    }

    /// A target as a Location header wants it: bytes outside ASCII, spaces and controls percent-encoded.
    static func locationEncoded(_ path: String) -> String {
        var out = Output()
        out.location(path)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    private static func regexEscape(_ byte: UInt8) -> Output.Escape {
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "|"),
             UInt8(ascii: "?"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "("), UInt8(ascii: ")"),
             UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: " "):
            .backslash
        default:
            .keep
        }
    }

    /// A rendering in progress.
    private struct Output {
        var bytes: [UInt8] = []

        enum Escape {
            case keep, percent, backslash
        }

        mutating func text(_ text: String) {
            bytes.append(contentsOf: text.utf8)
        }

        mutating func line(_ line: String) {
            bytes.append(contentsOf: line.utf8)
            bytes.append(0x0A)
        }

        mutating func escaped<Text: StringProtocol>(_ text: Text, _ escape: (UInt8) -> Escape) {
            for byte in text.utf8 {
                switch escape(byte) {
                case .keep:
                    bytes.append(byte)
                case .backslash:
                    bytes.append(UInt8(ascii: "\\"))
                    bytes.append(byte)
                case .percent:
                    bytes.append(UInt8(ascii: "%"))
                    bytes.append(Self.hexDigits[Int(byte >> 4)])
                    bytes.append(Self.hexDigits[Int(byte & 0x0F)])
                }
            }
        }

        mutating func location(_ path: String) {
            escaped(path) { $0 >= 0x80 || $0 <= 0x20 || $0 == 0x7F ? .percent : .keep }
        }

        mutating func nginxEntry(from: Substring, to: String) {
            text("    \"")
            escaped(from) { $0 == 0x5C || $0 == 0x22 || $0 == 0x24 ? .backslash : .keep }
            text("\" \"")
            // Percent-encoded first, so only ASCII is left to quote.
            var target = Output()
            target.location(to)
            for byte in target.bytes {
                if byte == 0x5C || byte == 0x22 || byte == 0x24 { bytes.append(UInt8(ascii: "\\")) }
                bytes.append(byte)
            }
            text("\";\n")
        }

        mutating func csvField(_ field: String) {
            guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
                bytes.append(contentsOf: field.utf8)
                return
            }
            bytes.append(0x22)
            for byte in field.utf8 {
                if byte == 0x22 { bytes.append(0x22) }
                bytes.append(byte)
            }
            bytes.append(0x22)
        }

        private static let hexDigits = Array("0123456789ABCDEF".utf8)
    }
}
