import Foundation

/// Maps the media URLs of the old site to local files under one scheme, `wp-content/uploads/YYYY/MM/name.ext`, as
/// a self-hosted site has them, whichever host served them: the site itself, `NAME.files.wordpress.com`, the
/// Jetpack image CDN (`i0.wp.com/example.org/…`), a host its attachments name, or one the user adds.
///
/// ```swift
/// var locator = MediaLocator(site: site)
/// locator.addAttachmentURL("https://cdn.example.net/wp-content/uploads/2019/05/b.png")   // as the planner meets them
/// let file = locator.locate("https://i0.wp.com/example.org/wp-content/uploads/2020/01/a.jpg?resize=300%2C200")
/// file?.path          // "wp-content/uploads/2020/01/a.jpg"
/// file?.downloadURL   // "https://example.org/wp-content/uploads/2020/01/a.jpg"
/// ```
///
/// Every segment is percent-decoded, then made a safe file name by ``PathComponent``'s rules with case and
/// extension kept; empty, `.` and `..` segments are dropped, so whatever the URL, the path stays inside the
/// output folder. Names that come out the same get `-2`, `-3`… in the order asked, as do names that differ
/// only in case (`A.jpg`, `a.jpg`) unless the disk tells them apart; the same file always gets the same path:
/// the order of the export decides, so runs agree. Such a file is ``MediaFile/isRenamed``: the site's links,
/// made without this state, name the other file.
public struct MediaLocator: Sendable {
    /// What to do with WordPress's resized copies (`photo-300x200.jpg`).
    public enum SizeVariants: Sendable {
        /// Keep the size a post referenced.
        case asReferenced
        /// Fetch and link the original (`photo.jpg`); the variant is kept as ``MediaFile/fallbackURL``.
        case originals
    }

    /// Folders kept below the uploads folder: `sites/2/2020/01` needs four; more only lengthen paths.
    static let maximumFolderDepth = 6

    private var address: SiteAddress
    private let sizeVariants: SizeVariants
    /// `https://example.org`, as the site's address writes it: what paths from the root resolve against.
    private let origin: String?
    private var names: UniqueNames
    private let foldsCase: Bool
    /// The first spelling of each folder, by its lowercased path: on a case-insensitive disk `2020/Jan` and
    /// `2020/jan` are one folder, so links must spell it one way.
    private var folderSpellings: [String: String] = [:]
    private var indexByKey: [String: Int] = [:]

    /// The files located so far, in the order first asked for.
    public private(set) var files: [MediaFile] = []

    /// A locator for the media of `site`; `extraHosts` (`cdn.example.net`, or URLs) count as its own too.
    /// `caseSensitiveDisk` keeps `A.jpg` and `a.jpg` apart as they are, where the files go to a disk that can.
    public init(site: Site, extraHosts: [String] = [], sizeVariants: SizeVariants = .asReferenced,
                caseSensitiveDisk: Bool = false) {
        address = SiteAddress(site: site)
        self.sizeVariants = sizeVariants
        foldsCase = !caseSensitiveDisk
        names = UniqueNames(foldsCase: !caseSensitiveDisk)
        origin = [site.baseBlogURL, site.link, site.baseSiteURL].lazy.compactMap { $0.flatMap(Self.origin(of:)) }.first
        for host in extraHosts { address.addHost(of: host) }
    }

    /// Counts the host of an attachment's URL (`wp:attachment_url`) as the site's own: a site that moved its
    /// uploads to a CDN or another domain still owns them.
    public mutating func addAttachmentURL(_ url: String) {
        address.addHost(of: url)
    }

    /// The local file for `url`, claimed on first sight; `nil` when `url` is not a file under the uploads of one
    /// of the site's hosts (another site's image, a page, a folder).
    public mutating func locate(_ url: String) -> MediaFile? {
        let url = url.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let parts = SiteAddress.parse(url) else { return nil }
        if let host = parts.host, SiteAddress.imageCDNHosts.contains(host) {
            // `i0.wp.com/example.org/path?resize=…`: the path names the origin; the query is the CDN's.
            return locate((origin.flatMap(Self.scheme(of:)) ?? "https") + ":/" + parts.path)
        }
        guard case .upload(let uploadPath)? = address.target(of: url)?.target,
              let uploads = uploadPath.firstRange(ofBytes: "/wp-content/uploads/") else { return nil }
        var rawSegments = uploadPath[uploads.upperBound...].split(separator: "/", omittingEmptySubsequences: false)
        guard let rawName = rawSegments.last, !rawName.isEmpty else { return nil }
        var variantURL: String?
        if sizeVariants == .originals, let original = Self.originalName(ofSizeVariant: rawName) {
            rawSegments[rawSegments.count - 1] = Substring(original)
            variantURL = downloadURL(of: url)
        }
        let segments = rawSegments.map { Self.decodedSegment($0) }
            .filter { !$0.isEmpty && $0 != "." && $0 != ".." }
        guard let name = segments.last else { return nil }
        let key = segments.joined(separator: "/")
        if let index = indexByKey[key] {
            if files[index].fallbackURL == nil, files[index].downloadURL != variantURL { files[index].fallbackURL = variantURL }
            return files[index]
        }
        var download = downloadURL(of: url)
        if variantURL != nil, let slash = download?.lastIndex(of: "/") {
            download = download.map { String($0[...slash]) + rawSegments[rawSegments.count - 1] }
        }
        let (path, renamed) = claimPath(folders: segments.dropLast(), name: name)
        indexByKey[key] = files.count
        var file = MediaFile(path: path, downloadURL: download, fallbackURL: variantURL, sourcePath: Self.sourcePath(key))
        file.isRenamed = renamed
        files.append(file)
        return files[files.count - 1]
    }

    /// Where the new site serves the upload at `uploadPath` (`/wp-content/uploads/2020/01/My Photo.jpg`, as
    /// ``SiteAddress`` gives it): the path of the file ``locate(_:)`` places, `/wp-content/uploads/2020/01/My-Photo.jpg`,
    /// for content and front matter to link to. The same rules without the state: names that differ only in case
    /// are told apart by ``locate(_:)`` alone, in the export's order.
    /// With `originals`, a resized copy's path is its original's, as ``SizeVariants/originals`` locates it.
    static func sitePath(ofUpload uploadPath: String, originals: Bool = false) -> String {
        guard let uploads = uploadPath.firstRange(ofBytes: "/wp-content/uploads/") else { return uploadPath }
        var rawSegments = uploadPath[uploads.upperBound...].split(separator: "/", omittingEmptySubsequences: false)
        if originals, let last = rawSegments.last, let original = originalName(ofSizeVariant: last) {
            rawSegments[rawSegments.count - 1] = Substring(original)
        }
        let segments = rawSegments
            .map { Self.decodedSegment($0) }
            .filter { !$0.isEmpty && $0 != "." && $0 != ".." }
        guard let name = segments.last else { return uploadPath }
        var path = "/wp-content/uploads"
        for folder in segments.dropLast().prefix(maximumFolderDepth) {
            if let safe = PathComponent.sanitized(folder, asFileName: true) { path += "/" + safe }
        }
        return path + "/" + (PathComponent.sanitized(name, asFileName: true) ?? "file")
    }

    /// A path segment percent-decoded and in Unicode's composed form (NFC), as a Mac's file names may not be.
    private static func decodedSegment(_ segment: Substring) -> String {
        let decoded = PercentEncoding.decoded(String(segment))
        // ASCII is its own composed form; Foundation's normalization is slow to say so on every link.
        return decoded.utf8.allSatisfy { $0 < 0x80 } ? decoded : decoded.precomposedStringWithCanonicalMapping
    }

    /// A safe, unique path under `wp-content/uploads/` for decoded `folders` and `name`, and whether it differs
    /// from the one the URL alone gives.
    private mutating func claimPath(folders: ArraySlice<String>, name: String) -> (path: String, renamed: Bool) {
        var folderPath = "wp-content/uploads"
        var plainPath = folderPath
        for folder in folders.prefix(Self.maximumFolderDepth) {
            guard let safe = PathComponent.sanitized(folder, asFileName: true) else { continue }
            let candidate = folderPath + "/" + safe
            plainPath += "/" + safe
            let spelling = foldsCase ? candidate.lowercased() : candidate
            if let spelled = folderSpellings[spelling] {
                folderPath = spelled
            } else {
                // Claimed like a file name: a file `2020` and a folder `2020/` cannot both exist.
                folderPath = names.claim(candidate).name
                folderSpellings[spelling] = folderPath
            }
        }
        let safeName = PathComponent.sanitized(name, asFileName: true) ?? "file"
        let path = names.claim(filePath: folderPath + "/" + safeName).name
        return (path, path != plainPath + "/" + safeName)
    }

    /// `decoded` as a path below the old uploads folder: a decoded `%2F` may have brought back `..`.
    private static func sourcePath(_ decoded: String) -> String? {
        guard !decoded.unicodeScalars.contains("\0") else { return nil }
        let segments = decoded.split(whereSeparator: { $0 == "/" || $0 == "\\" }).filter { $0 != "." && $0 != ".." }
        return segments.isEmpty ? nil : segments.joined(separator: "/")
    }

    /// The absolute URL of `url` without query or fragment: what the server gives the file for.
    private func downloadURL(of url: String) -> String? {
        let bare = String(url.prefix { $0 != "?" && $0 != "#" })
        if bare.hasPrefix("//") { return origin.flatMap(Self.scheme(of:)).map { $0 + ":" + bare } ?? "https:" + bare }
        if bare.hasPrefix("/") { return origin.map { $0 + bare } }
        return bare
    }

    // MARK: Names

    /// `photo.jpg` for WordPress's resized copy `photo-300x200.jpg`; `nil` for any other name.
    static func originalName(ofSizeVariant name: Substring) -> String? {
        let bytes = Array(name.utf8)
        guard let dot = bytes.lastIndex(of: UInt8(ascii: ".")) else { return nil }
        var index = dot
        func digits() -> Bool {
            let end = index
            while index > 0, bytes[index - 1].isDecimalDigit { index -= 1 }
            return index < end
        }
        guard digits(), index > 0, bytes[index - 1] == UInt8(ascii: "x") else { return nil }
        index -= 1
        guard digits(), index > 1, bytes[index - 1] == UInt8(ascii: "-") else { return nil }
        return String(decoding: bytes[..<(index - 1)] + bytes[dot...], as: UTF8.self)
    }

    /// `https://example.org` of `https://example.org/blog/`, as written; `nil` for what is not an http(s) URL.
    private static func origin(of url: String) -> String? {
        let url = url.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let scheme = scheme(of: url), let separator = url.range(of: "://") else { return nil }
        let host = url[separator.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return host.isEmpty ? nil : scheme + "://" + host
    }

    private static func scheme(of url: String) -> String? {
        let scheme = url.prefix { $0 != ":" }.lowercased()
        return scheme == "http" || scheme == "https" ? scheme : nil
    }
}
