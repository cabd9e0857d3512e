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
        // Servers match the decoded path: `/caf%C3%A9/` arrives as `/café/`, whichever case its escapes had.
        guard let raw = Self.pathAndQuery(of: oldURL) else { return }
        let (path, query) = Self.split(raw)
        let from = PathComponent.percentDecoded(path) + (query.map { "?" + $0 } ?? "")
        guard from != newPath, sources.insert(from).inserted else { return }
        redirects.append(Redirect(from: from, to: newPath))
    }

    /// `https://host/a/b/?p=1#x` as `/a/b/?p=1`; `nil` for what is not an http(s) URL or a path.
    static func pathAndQuery(of url: String) -> String? {
        var rest = Substring(url.trimmingSpaces)
        if let scheme = rest.range(of: "://") {
            guard ["http", "https"].contains(rest[..<scheme.lowerBound].lowercased()) else { return nil }
            rest = rest[scheme.upperBound...]
            rest = rest.firstIndex(where: { $0 == "/" || $0 == "?" }).map { rest[$0...] } ?? ""
        }
        if let fragment = rest.firstIndex(of: "#") { rest = rest[..<fragment] }
        if rest.hasPrefix("?") { return "/" + rest }
        if rest.isEmpty { return "/" }
        return rest.hasPrefix("/") ? String(rest) : nil
    }

    public func rendered(as format: Format) -> String {
        var lines: [String] = []
        switch format {
        case .netlify:
            lines.append("# Old WordPress URLs to their new paths (netlify _redirects)")
            for redirect in redirects {
                let (path, query) = Self.split(redirect.from)
                // Netlify matches query parameters as name=value after the path.
                let parameters = query.map { $0.split(separator: "&").joined(separator: " ") }.map { " " + $0 } ?? ""
                lines.append("\(Self.spacesEncoded(path))\(parameters)  \(Self.spacesEncoded(redirect.to))  301!")
            }
        case .nginx:
            lines.append("# Old WordPress URLs to their new paths: include inside `http {}`, then in the server:")
            lines.append("#   if ($wxr_redirect) { return 301 $wxr_redirect; }")
            lines.append("map $uri$is_args$args $wxr_redirect {")
            for redirect in redirects {
                lines.append("    \(Self.nginxQuoted(redirect.from)) \(Self.nginxQuoted(redirect.to));")
            }
            lines.append("}")
        case .apache:
            lines.append("# Old WordPress URLs to their new paths (.htaccess; needs mod_rewrite)")
            lines.append("RewriteEngine On")
            for redirect in redirects {
                let (path, query) = Self.split(redirect.from)
                let condition = query.map { "RewriteCond %{QUERY_STRING} ^\(Self.regexEscaped($0))$\n" } ?? ""
                let pattern = Self.regexEscaped(String(path.dropFirst()))
                // A trailing "?" drops the old query string from the target.
                lines.append("\(condition)RewriteRule ^\(pattern)$ \(Self.spacesEncoded(redirect.to))\(query == nil ? "" : "?") [R=301,L]")
            }
        case .csv:
            lines.append("from,to")
            for redirect in redirects { lines.append("\(Self.csvField(redirect.from)),\(Self.csvField(redirect.to))") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func split(_ pathAndQuery: String) -> (path: String, query: String?) {
        guard let mark = pathAndQuery.firstIndex(of: "?") else { return (pathAndQuery, nil) }
        return (String(pathAndQuery[..<mark]), String(pathAndQuery[pathAndQuery.index(after: mark)...]))
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
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
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
