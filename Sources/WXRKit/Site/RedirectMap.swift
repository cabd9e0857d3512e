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
    private var sources: Set<String> = []

    public init() {}

    /// Adds a redirect from `oldURL` (absolute, or a path) to `newPath`; one that would go nowhere (to itself)
    /// or that repeats an old path is left out.
    public mutating func add(from oldURL: String, to newPath: String) {
        guard let from = Self.oldPath(of: oldURL), from != newPath, sources.insert(from).inserted else { return }
        redirects.append(Redirect(from: from, to: newPath))
    }

    /// The path and query of `url` as a server matches them: the path percent-decoded (`/caf%C3%A9/` arrives
    /// as `/café/`, whichever case its escapes had) and repeated slashes made one, as nginx and Apache do
    /// (`https://example.org//greek/` is `/greek/`); `nil` for what is not an http(s) URL or a path.
    static func oldPath(of url: String) -> String? {
        guard let raw = pathAndQuery(of: url) else { return nil }
        let (rawPath, query) = split(raw)
        let path = SiteAddress.singleSlashes(PathComponent.percentDecoded(rawPath))
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
        // One string grown in place: a site's map has tens of thousands of lines.
        var text = ""
        text.reserveCapacity(redirects.count * 96)
        func line(_ part: String) {
            text += part
            text += "\n"
        }
        switch format {
        case .netlify:
            line("# Old WordPress URLs to their new paths (netlify _redirects)")
            for redirect in redirects {
                let (path, query) = Self.split(redirect.from)
                // Netlify matches query parameters as name=value after the path.
                let parameters = query.map { $0.split(separator: "&").joined(separator: " ") }.map { " " + $0 } ?? ""
                line("\(Self.spacesEncoded(path))\(parameters)  \(Self.locationEncoded(redirect.to))  301!")
            }
        case .nginx:
            line("# Old WordPress URLs to their new paths: include inside `http {}`, then in the server:")
            line("#   if ($wxr_redirect) { return 301 $wxr_redirect; }")
            // nginx refuses to start when a map's longest key or its size outgrow its hash (64 bytes and 2,048
            // keys by default); these set both for this map (drop them if the http block sets them already).
            let longest = redirects.reduce(0) { max($0, $1.from.utf8.count) }
            var bucket = 64
            while bucket < longest + 32 { bucket *= 2 }
            line("map_hash_bucket_size \(bucket);")
            line("map_hash_max_size \(max(2048, redirects.count * 2));")
            line("map $uri$is_args$args $wxr_redirect {")
            for redirect in redirects {
                line("    \(Self.nginxQuoted(redirect.from)) \(Self.nginxQuoted(Self.locationEncoded(redirect.to)));")
                // WordPress answered `/a/b` as `/a/b/`; a map matches exactly, so it gets both.
                if redirect.from.count > 1, redirect.from.hasSuffix("/"), !sources.contains(String(redirect.from.dropLast())) {
                    line("    \(Self.nginxQuoted(String(redirect.from.dropLast()))) \(Self.nginxQuoted(Self.locationEncoded(redirect.to)));")
                }
            }
            line("}")
        case .apache:
            line("# Old WordPress URLs to their new paths (.htaccess; needs mod_rewrite)")
            line("RewriteEngine On")
            for redirect in redirects {
                let (path, query) = Self.split(redirect.from)
                let condition = query.map { "RewriteCond %{QUERY_STRING} ^\(Self.regexEscaped($0))$\n" } ?? ""
                // `/a/b/` also as `/a/b`, as WordPress answered it.
                let hasSlash = path.count > 1 && path.hasSuffix("/")
                let pattern = Self.regexEscaped(String(path.dropFirst().dropLast(hasSlash ? 1 : 0))) + (hasSlash ? "/?" : "")
                // A trailing "?" drops the old query string from the target; NE keeps its %-escapes as they are.
                line("\(condition)RewriteRule ^\(pattern)$ \(Self.locationEncoded(redirect.to))\(query == nil ? "" : "?") [R=301,L,NE]")
            }
        case .csv:
            line("from,to")
            for redirect in redirects { line("\(Self.csvField(redirect.from)),\(Self.csvField(redirect.to))") }
        }
        return text
    }

    private static func split(_ pathAndQuery: String) -> (path: String, query: String?) {
        guard let mark = pathAndQuery.firstIndex(of: "?") else { return (pathAndQuery, nil) }
        return (String(pathAndQuery[..<mark]), String(pathAndQuery[pathAndQuery.index(after: mark)...]))
    }

    /// A target as a Location header wants it: bytes outside ASCII, spaces and controls percent-encoded.
    static func locationEncoded(_ path: String) -> String {
        guard path.utf8.contains(where: { $0 >= 0x80 || $0 <= 0x20 || $0 == 0x7F }) else { return path }
        var encoded = ""
        for byte in path.utf8 {
            if byte >= 0x80 || byte <= 0x20 || byte == 0x7F {
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            } else {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return encoded
    }

    private static func spacesEncoded(_ path: String) -> String {
        guard path.utf8.contains(where: { $0 == 0x20 || $0 == 0x09 }) else { return path }
        var encoded = ""
        for scalar in path.unicodeScalars {
            switch scalar {
            case " ": encoded += "%20"
            case "\t": encoded += "%09"
            default: encoded.unicodeScalars.append(scalar)
            }
        }
        return encoded
    }

    private static func nginxQuoted(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x5C || $0 == 0x22 || $0 == 0x24 }) else { return "\"" + text + "\"" }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "$", with: "\\$") + "\""
    }

    private static let regexSpecials = Set("\\.^$|?*+()[]{} ".utf8)

    private static func regexEscaped(_ text: String) -> String {
        guard text.utf8.contains(where: regexSpecials.contains) else { return text }
        var escaped = ""
        for character in text {
            if "\\.^$|?*+()[]{} ".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }

    private static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
