import Foundation

extension Site {
    /// An address two exports give differently: evidence that they come from two sites.
    struct AddressDifference: Sendable, Hashable {
        /// The element, as the export names it: `wp:base_site_url`, `wp:base_blog_url` or `link`.
        var element: String
        var value: String
        var otherValue: String
    }

    /// The first of the addresses (`wp:base_site_url`, `wp:base_blog_url`, the channel's `link`) that both
    /// exports give, not empty, and that differ, or `nil` when they agree on every one they share.
    ///
    /// Addresses compare as the site's links do: without scheme, `www.` or trailing slash, ignoring case; a
    /// site that moved to https between two exports is still one site.
    func addressDifference(from other: Site) -> AddressDifference? {
        let pairs = [("wp:base_site_url", baseSiteURL, other.baseSiteURL), ("wp:base_blog_url", baseBlogURL, other.baseBlogURL),
                     ("link", link, other.link)]
        for case let (element, value?, otherValue?) in pairs {
            let origin = Self.origin(value), otherOrigin = Self.origin(otherValue)
            if !origin.isEmpty, !otherOrigin.isEmpty, origin != otherOrigin {
                return AddressDifference(element: element, value: value, otherValue: otherValue)
            }
        }
        return nil
    }

    private static func origin(_ address: String) -> Substring {
        var origin = Substring(address.trimmingCharacters(in: .whitespacesAndNewlines).lowercased())
        for scheme in ["https://", "http://", "//"] where origin.hasPrefix(scheme) {
            origin = origin.dropFirst(scheme.count)
            break
        }
        if origin.hasPrefix("www.") { origin = origin.dropFirst(4) }
        while origin.hasSuffix("/") { origin = origin.dropLast() }
        return origin
    }
}
