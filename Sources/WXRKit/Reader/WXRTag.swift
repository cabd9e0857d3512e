import Foundation

/// The namespaces a WXR reader cares about, recognised by URI, never by prefix.
enum XMLNamespace: UInt8 {
    case none, wordpress, excerpt, content, dublinCore, other

    /// Classifies a namespace URI given as bytes (nil or empty: no namespace).
    init(uri: UnsafeBufferPointer<UInt8>) {
        guard !uri.isEmpty else { self = .none; return }
        if Self.equal(uri, Self.contentURI) { self = .content; return }
        if Self.equal(uri, Self.dublinCoreURI) { self = .dublinCore; return }
        // http(s)://wordpress.org/export/1.N/ and the same with excerpt/ appended.
        var rest = uri[...]
        if rest.starts(with: Self.https) { rest = rest.dropFirst(Self.https.count) }
        else if rest.starts(with: Self.http) { rest = rest.dropFirst(Self.http.count) }
        else { self = .other; return }
        guard rest.starts(with: Self.exportPath) else { self = .other; return }
        rest = rest.dropFirst(Self.exportPath.count)
        guard rest.first == UInt8(ascii: "1"), rest.dropFirst().first == UInt8(ascii: ".") else { self = .other; return }
        rest = rest.dropFirst(2)
        let digits = rest.prefix { $0 >= 0x30 && $0 <= 0x39 }
        guard !digits.isEmpty else { self = .other; return }
        rest = rest.dropFirst(digits.count)
        if rest.elementsEqual(Self.slash) { self = .wordpress }
        else if rest.elementsEqual(Self.excerptPath) { self = .excerpt }
        else { self = .other }
    }

    private static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ other: [UInt8]) -> Bool {
        bytes.count == other.count && other.withUnsafeBytes { memcmp(bytes.baseAddress!, $0.baseAddress!, bytes.count) == 0 }
    }

    private static let contentURI = Array("http://purl.org/rss/1.0/modules/content/".utf8)
    private static let dublinCoreURI = Array("http://purl.org/dc/elements/1.1/".utf8)
    private static let http = Array("http://".utf8)
    private static let https = Array("https://".utf8)
    private static let exportPath = Array("wordpress.org/export/".utf8)
    private static let slash = Array("/".utf8)
    private static let excerptPath = Array("/excerpt/".utf8)
}

/// Every element of WXR that the reader gives a meaning to.
enum WXRTag: UInt8, CaseIterable {
    // RSS, no namespace
    case rss, channel, title, link, description, pubDate, language, generator, item, guid, category
    // dc:, content:, excerpt:
    case creator, contentEncoded, excerptEncoded
    // wp: channel
    case wxrVersion, baseSiteURL, baseBlogURL
    case author, authorID, authorLogin, authorEmail, authorDisplayName, authorFirstName, authorLastName
    case wpCategory, wpTag, wpTerm, termID, categoryNicename, categoryParent, catName, categoryDescription
    case tagSlug, tagName, tagDescription, termTaxonomy, termSlug, termParent, termName, termDescription
    case termmeta, metaKey, metaValue
    // wp: item
    case postID, postDate, postDateGMT, postModified, postModifiedGMT, commentStatus, pingStatus, postName
    case status, postParent, menuOrder, postType, postPassword, isSticky, attachmentURL, postmeta
    // wp: comment
    case comment, commentID, commentAuthor, commentAuthorEmail, commentAuthorURL, commentAuthorIP
    case commentDate, commentDateGMT, commentContent, commentApproved, commentType, commentParent
    case commentUserID, commentmeta
    case unknown

    private var qualifiedName: (XMLNamespace, String)? {
        switch self {
        case .rss: (.none, "rss")
        case .channel: (.none, "channel")
        case .title: (.none, "title")
        case .link: (.none, "link")
        case .description: (.none, "description")
        case .pubDate: (.none, "pubDate")
        case .language: (.none, "language")
        case .generator: (.none, "generator")
        case .item: (.none, "item")
        case .guid: (.none, "guid")
        case .category: (.none, "category")
        case .creator: (.dublinCore, "creator")
        case .contentEncoded: (.content, "encoded")
        case .excerptEncoded: (.excerpt, "encoded")
        case .wxrVersion: (.wordpress, "wxr_version")
        case .baseSiteURL: (.wordpress, "base_site_url")
        case .baseBlogURL: (.wordpress, "base_blog_url")
        case .author: (.wordpress, "author")
        case .authorID: (.wordpress, "author_id")
        case .authorLogin: (.wordpress, "author_login")
        case .authorEmail: (.wordpress, "author_email")
        case .authorDisplayName: (.wordpress, "author_display_name")
        case .authorFirstName: (.wordpress, "author_first_name")
        case .authorLastName: (.wordpress, "author_last_name")
        case .wpCategory: (.wordpress, "category")
        case .wpTag: (.wordpress, "tag")
        case .wpTerm: (.wordpress, "term")
        case .termID: (.wordpress, "term_id")
        case .categoryNicename: (.wordpress, "category_nicename")
        case .categoryParent: (.wordpress, "category_parent")
        case .catName: (.wordpress, "cat_name")
        case .categoryDescription: (.wordpress, "category_description")
        case .tagSlug: (.wordpress, "tag_slug")
        case .tagName: (.wordpress, "tag_name")
        case .tagDescription: (.wordpress, "tag_description")
        case .termTaxonomy: (.wordpress, "term_taxonomy")
        case .termSlug: (.wordpress, "term_slug")
        case .termParent: (.wordpress, "term_parent")
        case .termName: (.wordpress, "term_name")
        case .termDescription: (.wordpress, "term_description")
        case .termmeta: (.wordpress, "termmeta")
        case .metaKey: (.wordpress, "meta_key")
        case .metaValue: (.wordpress, "meta_value")
        case .postID: (.wordpress, "post_id")
        case .postDate: (.wordpress, "post_date")
        case .postDateGMT: (.wordpress, "post_date_gmt")
        case .postModified: (.wordpress, "post_modified")
        case .postModifiedGMT: (.wordpress, "post_modified_gmt")
        case .commentStatus: (.wordpress, "comment_status")
        case .pingStatus: (.wordpress, "ping_status")
        case .postName: (.wordpress, "post_name")
        case .status: (.wordpress, "status")
        case .postParent: (.wordpress, "post_parent")
        case .menuOrder: (.wordpress, "menu_order")
        case .postType: (.wordpress, "post_type")
        case .postPassword: (.wordpress, "post_password")
        case .isSticky: (.wordpress, "is_sticky")
        case .attachmentURL: (.wordpress, "attachment_url")
        case .postmeta: (.wordpress, "postmeta")
        case .comment: (.wordpress, "comment")
        case .commentID: (.wordpress, "comment_id")
        case .commentAuthor: (.wordpress, "comment_author")
        case .commentAuthorEmail: (.wordpress, "comment_author_email")
        case .commentAuthorURL: (.wordpress, "comment_author_url")
        case .commentAuthorIP: (.wordpress, "comment_author_IP")
        case .commentDate: (.wordpress, "comment_date")
        case .commentDateGMT: (.wordpress, "comment_date_gmt")
        case .commentContent: (.wordpress, "comment_content")
        case .commentApproved: (.wordpress, "comment_approved")
        case .commentType: (.wordpress, "comment_type")
        case .commentParent: (.wordpress, "comment_parent")
        case .commentUserID: (.wordpress, "comment_user_id")
        case .commentmeta: (.wordpress, "commentmeta")
        case .unknown: nil
        }
    }

    /// A qualified name packed into integers, so that looking a tag up allocates nothing.
    private struct Key: Hashable {
        var namespace: UInt8
        var words: (UInt64, UInt64, UInt64)
        var length: UInt8

        init?(namespace: XMLNamespace, name: UnsafeBufferPointer<UInt8>) {
            guard name.count <= 24 else { return nil }
            var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
            withUnsafeMutableBytes(of: &words) { raw in
                raw.copyMemory(from: UnsafeRawBufferPointer(name))
            }
            self.namespace = namespace.rawValue
            self.words = words
            self.length = UInt8(name.count)
        }

        static func == (lhs: Key, rhs: Key) -> Bool {
            lhs.namespace == rhs.namespace && lhs.length == rhs.length && lhs.words.0 == rhs.words.0
                && lhs.words.1 == rhs.words.1 && lhs.words.2 == rhs.words.2
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(slot)
        }

        /// A cheap mix of the words, enough to spread some seventy names over the table.
        var slot: Int {
            let mixed = (words.0 &* 0x9E37_79B9_7F4A_7C15) ^ (words.1 &* 0xC2B2_AE3D_27D4_EB4F) ^ words.2
                ^ UInt64(namespace) &* 0x1656_67B1_9E37_79F9 ^ UInt64(length)
            return Int(truncatingIfNeeded: mixed >> 56)
        }
    }

    /// Open addressing over 256 slots: looking a tag up hashes nothing and allocates nothing.
    private static let table: [(key: Key, tag: WXRTag)?] = {
        var table = [(key: Key, tag: WXRTag)?](repeating: nil, count: 256)
        for tag in allCases {
            guard let (namespace, name) = tag.qualifiedName else { continue }
            var bytes = Array(name.utf8)
            let key = bytes.withUnsafeMutableBufferPointer { Key(namespace: namespace, name: UnsafeBufferPointer($0))! }
            var slot = key.slot
            while table[slot] != nil { slot = (slot + 1) & 255 }
            table[slot] = (key, tag)
        }
        return table
    }()

    /// The tag for a namespace and local name, or `.unknown`.
    static func lookup(namespace: XMLNamespace, name: UnsafeBufferPointer<UInt8>) -> WXRTag {
        guard namespace != .other, let key = Key(namespace: namespace, name: name) else { return .unknown }
        return table.withUnsafeBufferPointer { table in
            var slot = key.slot
            while let entry = table[slot] {
                if entry.key == key { return entry.tag }
                slot = (slot + 1) & 255
            }
            return .unknown
        }
    }
}
