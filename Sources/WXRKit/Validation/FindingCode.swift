/// What a finding is about: a stable, dotted, lowercase name (`xml.control-character`), the same in every
/// report format, the SQLite `findings` table and the documentation. Codes are constants here, each documented
/// once, as GRDB's `ResultCode` names SQLite's; a code is never renamed, only added.
///
/// ```swift
/// report.findings.findings.filter { $0.code == .termUndeclared }
/// ```
public struct FindingCode: RawRepresentable, Hashable, Comparable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(stringLiteral value: String) {
        rawValue = value
    }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension FindingCode {
    /// An attachment's `wp:post_parent` names no item (warning).
    public static let attachmentMissingParent: FindingCode = "attachment.missing-parent"
    /// An attachment without `wp:attachment_url` (warning).
    public static let attachmentMissingURL: FindingCode = "attachment.missing-url"
    /// A reply to a comment its post does not have (warning).
    public static let commentOrphan: FindingCode = "comment.orphan"
    /// A shortcode the content engine cannot convert, once per name, naming every post that uses it (warning).
    public static let contentUnknownShortcode: FindingCode = "content.unknown-shortcode"
    /// HTML that Markdown cannot hold, kept as raw HTML, once per element, naming the posts (info).
    public static let contentRawHTML: FindingCode = "content.raw-html"
    /// A table without a header row, given an empty one, naming the posts (info).
    public static let contentEmptyTableHeader: FindingCode = "content.empty-table-header"
    /// An embed of a provider the engine does not know, written as a link, once per host (info).
    public static let contentUnknownEmbed: FindingCode = "content.unknown-embed"
    /// An image with no source, dropped, naming the posts (warning).
    public static let contentImageWithoutSource: FindingCode = "content.image-without-source"
    /// How many posts converted with no compromise: the share an owner need not look at (info).
    public static let contentClean: FindingCode = "content.clean"
    /// A date field that is not a date, WordPress's zero date included (warning; set to null).
    public static let dateInvalid: FindingCode = "date.invalid"
    /// The file cannot be opened (error).
    public static let documentCannotOpen: FindingCode = "document.cannot-open"
    /// The file is compressed in a format wxr does not read (bzip2): nothing read (error; exit 2).
    public static let documentCompressed: FindingCode = "document.compressed"
    /// A zip with no export in it, several, an encrypted or unsafe one, or a zip on standard input (error; exit 2).
    public static let documentArchive: FindingCode = "document.archive"
    /// Compressed data or a zip that is damaged (a failed CRC, a missing directory), or a decompression bomb:
    /// reading stopped (error; exit 2).
    public static let documentDamaged: FindingCode = "document.damaged"
    /// The file is empty: nothing read (error; exit 2).
    public static let documentEmpty: FindingCode = "document.empty"
    /// Not a WordPress export: XML, but no `<rss>` with a `<channel>` (error; exit 2).
    public static let documentNotWXR: FindingCode = "document.not-wxr"
    /// Reading failed part way (error).
    public static let documentReadFailed: FindingCode = "document.read-failed"
    /// Damage before the channel, with nothing to read around it (error; exit 2).
    public static let documentUnreadable: FindingCode = "document.unreadable"
    /// Bytes that are not UTF-8 (read as Windows-1252, else U+FFFD) (error).
    public static let encodingInvalidUTF8: FindingCode = "encoding.invalid-utf8"
    /// A UTF-8 byte order mark (removed) (info).
    public static let inputBOM: FindingCode = "input.bom"
    /// Compressed data (gzip, xz) that ends early: what came before was read, as from a cut-off XML file (error).
    public static let inputTruncated: FindingCode = "input.truncated"
    /// Text before `<?xml`, such as a PHP warning a plugin printed into the download (error; removed).
    public static let inputLeadingText: FindingCode = "input.leading-text"
    /// Blank lines before `<?xml`, which must come first (error; removed).
    public static let inputLeadingWhitespace: FindingCode = "input.leading-whitespace"
    /// A post's links to the old site that match nothing in the export, one finding per post, every URL named
    /// (warning).
    /// A media file of the site could not be downloaded: gone from the old site (404), refused (403), too large,
    /// not the file its name says, or the connection failed; the posts that use it are named.
    public static let mediaFailed: FindingCode = "media.failed"
    /// A media file of the site is not in the site folder: not in the local copy given, and downloading was not
    /// asked for, or the export names no address to download it from.
    public static let mediaMissing: FindingCode = "media.missing"
    /// A media URL was not fetched for safety: a scheme other than http(s), or a host at a link-local or (unless
    /// allowed) private address, directly or through a redirect.
    public static let mediaRefused: FindingCode = "media.refused"
    /// A media file was saved under another name than the site's links give it: its name came out the same as
    /// another's once made safe, or differs from another's only in case on a disk that cannot tell them apart.
    public static let mediaRenamed: FindingCode = "media.renamed"
    public static let linkUnresolved: FindingCode = "link.unresolved"
    /// PHP-serialized meta that cannot be decoded at all (warning; kept as text).
    public static let metaSerializedBroken: FindingCode = "meta.serialized-broken"
    /// PHP-serialized meta whose string lengths a search-and-replace broke (warning; decoded with the real lengths).
    public static let metaSerializedLengths: FindingCode = "meta.serialized-lengths"
    /// An item of a site exported in parts is in two parts: the later copy is skipped, as WordPress's importer
    /// skips a post that exists already (info when the copies are identical, warning when they differ).
    public static let partDuplicateItem: FindingCode = "part.duplicate-item"
    /// A part of a site exported in parts names another site's address, converted with the first part's site
    /// as `--allow-mixed-sites` asked (warning).
    public static let partOtherSite: FindingCode = "part.other-site"
    /// Two items share a `wp:post_id` (both kept) (warning).
    public static let postDuplicateID: FindingCode = "post.duplicate-id"
    /// Two published items of a type share a slug and parent (warning).
    public static let postDuplicateSlug: FindingCode = "post.duplicate-slug"
    /// A published item without a title (warning).
    public static let postEmptyTitle: FindingCode = "post.empty-title"
    /// A post's or page's `wp:post_parent` names no item (warning).
    public static let postMissingParent: FindingCode = "post.missing-parent"
    /// The password is in the export; the converted content is not protected (info).
    public static let postPasswordProtected: FindingCode = "post.password-protected"
    /// `_thumbnail_id` names no attachment (warning).
    public static let postThumbnailMissing: FindingCode = "post.thumbnail-missing"
    /// `dc:creator` is not among the `wp:author`s (warning).
    public static let postUnknownAuthor: FindingCode = "post.unknown-author"
    /// A status WordPress does not know (`wc-*` and `request-*` are known) (warning).
    public static let postUnknownStatus: FindingCode = "post.unknown-status"
    /// A published item without a date (warning).
    public static let postZeroDate: FindingCode = "post.zero-date"
    /// How many comments hold e-mail or IP addresses (info).
    public static let privacyPersonalData: FindingCode = "privacy.personal-data"
    /// A channel field after the first item (warning).
    public static let siteLateField: FindingCode = "site.late-field"
    /// A link to an item the new site does not publish (a draft, trashed or protected item): left pointing at the
    /// old site (info).
    public static let siteLinkToUnpublished: FindingCode = "site.link-to-unpublished"
    /// Attachments are served from a host the export's addresses do not name (an offload CDN): links to it in
    /// the posts converted before the first such attachment were kept as they were (warning).
    public static let siteLateMediaHost: FindingCode = "site.late-media-host"
    /// A name taken in its folder: the item gets another (info).
    public static let siteNameCollision: FindingCode = "site.name-collision"
    /// A password-protected item left out of the site (warning).
    public static let siteProtectedLeftOut: FindingCode = "site.protected-left-out"
    /// An old URL that is one of the generator's own lists on the new site: not redirected (warning).
    public static let siteRedirectShadowed: FindingCode = "site.redirect-shadowed"
    /// Attachments or reusable blocks a post shows that the export does not have (info).
    public static let siteReferenceMissing: FindingCode = "site.reference-missing"
    /// No `wp:wxr_version` in the channel (warning).
    public static let siteWXRVersionMissing: FindingCode = "site.wxr-version-missing"
    /// A `wp:wxr_version` other than 1.0, 1.1 or 1.2 (warning).
    public static let siteWXRVersionUnknown: FindingCode = "site.wxr-version-unknown"
    /// A post's term the channel does not declare (post formats never are: not reported) (warning).
    public static let termUndeclared: FindingCode = "term.undeclared"
    /// Text converted to UTF-8 twice ("Ã³" for "ó", "â€™" for "’") (warning).
    public static let textMojibake: FindingCode = "text.mojibake"
    /// A number field that is not a number (warning; set to null).
    public static let valueNotInteger: FindingCode = "value.not-integer"
    /// A `]]>` meant as text, as CDATA nested in CDATA (kept as text) (error).
    public static let xmlCDATAEndInContent: FindingCode = "xml.cdata-end-in-content"
    /// C0 controls, U+FFFE, U+FFFF (removed) (error).
    public static let xmlControlCharacter: FindingCode = "xml.control-character"
    /// Declared entities are never expanded (warning).
    public static let xmlEntityDeclaration: FindingCode = "xml.entity-declaration"
    /// Another complaint of libxml2's (warning).
    public static let xmlError: FindingCode = "xml.error"
    /// A document type naming an external DTD, which is never loaded (warning).
    public static let xmlExternalDTD: FindingCode = "xml.external-dtd"
    /// An entity naming an external resource, which is never loaded (warning).
    public static let xmlExternalEntity: FindingCode = "xml.external-entity"
    /// `&nbsp;`, `&hellip;`... (replaced with their characters) (error).
    public static let xmlHTMLEntity: FindingCode = "xml.html-entity"
    /// `&#1;` and the like (removed) (error).
    public static let xmlInvalidCharacterReference: FindingCode = "xml.invalid-character-reference"
    /// A closing tag that does not match the open one: libxml2 stops, the item is dropped, reading resumes at the
    /// next (error).
    public static let xmlMismatchedTag: FindingCode = "xml.mismatched-tag"
    /// A namespace error, such as an undeclared `atom:` prefix (warning).
    public static let xmlNamespace: FindingCode = "xml.namespace"
    /// Other damage libxml2 stops on: the item is dropped, reading resumes at the next (error).
    public static let xmlNotWellFormed: FindingCode = "xml.not-well-formed"
    /// An `&` that starts no reference, as in URLs (escaped) (error).
    public static let xmlRawAmpersand: FindingCode = "xml.raw-ampersand"
    /// The file is cut off: the incomplete item is dropped (error).
    public static let xmlTruncated: FindingCode = "xml.truncated"
    /// `&name;` that neither XML nor HTML defines (kept as text) (error).
    public static let xmlUndefinedEntity: FindingCode = "xml.undefined-entity"
}
