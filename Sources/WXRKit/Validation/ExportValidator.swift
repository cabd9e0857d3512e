import Foundation

/// Checks an export as it streams past: what is inconsistent in it, beyond what the reader repairs.
///
/// Feed it every entity in the order the reader yields them, and the reader's findings as they come; ask for
/// the report at the end. It keeps ids and small summaries, never posts, so memory stays small: checks that
/// need what comes later (a parent, a thumbnail, a term declared after the items, a link to a later post) wait
/// in short lists.
///
/// ```swift
/// var validator = ExportValidator()
/// let reader = try WXRReader(path: "export.xml")
/// while let entity = try reader.next() {
///     validator.add(readerFindings: reader.takeNewFindings())
///     validator.inspect(entity)
/// }
/// let report = validator.makeReport(inputName: reader.inputName)
/// ```
public struct ExportValidator {
    private let contentCheck: (any ContentConversionCheck)?
    private var log = FindingLog(limitPerCode: 200)
    private var statistics = SiteStatistics()
    private var site: Site?
    private var items: [Int: ItemSummary] = [:]
    private var wantedItems: Set<Int> = []

    private var declaredLogins: Set<String> = []
    private var hasSeenPost = false
    private var declaredTerms: Set<Term.Key> = []
    private var undeclaredTerms: [Term.Key: Reference] = [:]
    private var postIDs: Set<Int> = []
    private var attachmentIDs: Set<Int> = []
    private var slugs: [UInt64: Int?] = [:]
    /// Posts whose parent, or featured image, has not come yet, by the id they wait for: forgotten as soon as
    /// it comes, so that only what is still missing is kept (children before their parents are common).
    private var pendingParents: [Int: [Reference]] = [:]
    private var pendingThumbnails: [Int: [Reference]] = [:]
    private var commentsWithPersonalData = 0
    private var firstPersonalData: Reference?
    private var unknownShortcodes: [String: ShortcodeUse] = [:]
    private var links = UnresolvedLinkCheck()
    private var postCount = 0

    /// A post waiting for something that may come later: its id, its line, the id it names, and the post as the
    /// report would name it.
    private struct Reference {
        var postID: Int?
        var line: Int
        var target: Int
        var isAttachment = false
        /// What the post names when it is not an id: a term's slug or name.
        var label = ""
        var item: ItemSummary?
        /// The post's position in the export: the order of the findings, where lines may repeat (an export on one
        /// line).
        var position = 0

        init(_ post: Post, line: Int? = nil, target: Int, isAttachment: Bool = false, label: String = "", position: Int = 0) {
            postID = post.id
            self.line = line ?? post.line
            self.target = target
            self.isAttachment = isAttachment
            self.label = label
            item = ItemSummary(post)
            self.position = position
        }
    }

    /// The posts that use a shortcode the content engine does not know, every one, in document order.
    private struct ShortcodeUse {
        var firstLine: Int
        var firstPostID: Int?
        var count = 0
        var postIDs: [Int] = []
    }

    /// How many items the report describes at most, so that it stays small on a badly broken export.
    private static let itemLimit = 5000

    public init(contentCheck: (any ContentConversionCheck)? = nil) {
        self.contentCheck = contentCheck
    }

    /// Findings made elsewhere (by the reader, by an exporter), kept with the validator's own.
    public mutating func add(readerFindings findings: [Finding]) {
        for finding in findings {
            if case .post(let id?)? = finding.entity { wantedItems.insert(id) }
            if case .comment(_, let postID?)? = finding.entity { wantedItems.insert(postID) }
            log.add(finding)
        }
    }

    public mutating func inspect(_ entity: WXREntity) {
        statistics.add(entity)
        switch entity {
        case .site(let site):
            self.site = site
            links.begin(site: site)
            inspect(site)
        case .author(let author):
            if !hasSeenPost, let login = author.login { declaredLogins.insert(login) }
        case .term(let term):
            links.add(term)
            let key = Term.Key(taxonomy: term.taxonomy, slug: term.slug ?? "")
            declaredTerms.insert(key)
            if let name = term.name { declaredTerms.insert(Term.Key(taxonomy: term.taxonomy, name: name)) }
        case .post(let post):
            hasSeenPost = true
            inspect(post)
            links.add(post)
            if let id = post.id, wantedItems.remove(id) != nil { remember(post) }
        }
    }

    // MARK: Checks

    private mutating func inspect(_ site: Site) {
        guard let version = site.wxrVersion?.trimmingCharacters(in: .whitespacesAndNewlines) else {
            report(Finding(code: .siteWXRVersionMissing, severity: .warning,
                           message: "the export has no <wp:wxr_version>", entity: .site, action: "read as WXR 1.2",
                           hint: "WordPress's importer refuses such a file; every WordPress since 3.1 writes one"))
            return
        }
        if !["1.0", "1.1", "1.2"].contains(version) {
            report(Finding(code: .siteWXRVersionUnknown, severity: .warning,
                           message: "<wp:wxr_version> is \"\(version.prefix(40))\", not 1.0, 1.1 or 1.2", entity: .site,
                           action: "read as WXR 1.2", hint: "WordPress's importer refuses versions it does not know"))
        }
    }

    private mutating func inspect(_ post: Post) {
        postCount += 1
        let entity = Finding.Entity.post(id: post.id)
        let isPublished = post.status == "publish"
        let type = post.type ?? "post"
        if let id = post.id { pendingParents[id] = nil }
        if let id = post.id, !postIDs.insert(id).inserted {
            report(Finding(code: .postDuplicateID, severity: .warning,
                           message: "another item already has the id \(id)", line: post.line, entity: entity,
                           action: "kept both", hint: "in SQLite, join on post_item rather than post_id"), naming: post)
        }
        if type == "attachment", let id = post.id {
            attachmentIDs.insert(id)
            pendingThumbnails[id] = nil
        }
        if let status = post.status, !Self.isKnownStatus(status) {
            report(Finding(code: .postUnknownStatus, severity: .warning,
                           message: "status \"\(status.prefix(40))\" is not one WordPress knows", line: post.line,
                           entity: entity, action: "kept as it is"), naming: post)
        }
        if isPublished, post.date == nil {
            report(Finding(code: .postZeroDate, severity: .warning,
                           message: "a published \(type) without a publication date (zero or unreadable)",
                           line: post.line, entity: entity, action: "date set to null",
                           hint: "WordPress would show it as published now; set its date before importing"), naming: post)
        }
        if isPublished, type != "attachment", type != "nav_menu_item",
           (post.title ?? "").allSatisfy(\.isWhitespace) {
            report(Finding(code: .postEmptyTitle, severity: .warning, message: "a published \(type) without a title",
                           line: post.line, entity: entity, action: "kept",
                           hint: "static site generators need a title for the page and its link"), naming: post)
        }
        if let password = post.password, !password.isEmpty {
            report(Finding(code: .postPasswordProtected, severity: .info,
                           message: "the \(type) is password-protected", line: post.line, entity: entity,
                           action: "kept, password included",
                           hint: "converted content is not protected: leave it out or protect it another way"), naming: post)
        }
        if type == "attachment", (post.attachmentURL ?? "").allSatisfy(\.isWhitespace) {
            report(Finding(code: .attachmentMissingURL, severity: .warning,
                           message: "an attachment without <wp:attachment_url>: its file cannot be fetched",
                           line: post.line, entity: entity, action: "kept without a file"), naming: post)
        }
        if let parentID = post.parentID {
            if !postIDs.contains(parentID) {
                pendingParents[parentID, default: []].append(Reference(post, target: parentID, isAttachment: type == "attachment",
                                                                       position: postCount))
            }
        }
        if let thumbnail = post.metaValue(forKey: "_thumbnail_id").flatMap(WXRInteger.parse), thumbnail > 0,
           !attachmentIDs.contains(thumbnail) {
            pendingThumbnails[thumbnail, default: []].append(Reference(post, target: thumbnail, position: postCount))
        }
        if isPublished, let slug = post.slug, !slug.isEmpty {
            let key = Fingerprint.of(type, String(post.parentID ?? 0), slug)
            if let first = slugs[key] {
                report(Finding(code: .postDuplicateSlug, severity: .warning,
                               message: "slug \"\(slug.prefix(80))\" is also used by \(first.map { "item \($0)" } ?? "an earlier item")",
                               line: post.line, entity: entity, action: "kept both",
                               hint: "two pages would get the same address; WordPress adds -2 on import"), naming: post)
            } else {
                slugs[key] = .some(post.id)
            }
        }
        if hasDeclaredAuthors, let login = post.authorLogin, !login.isEmpty, !declaredLogins.contains(login) {
            report(Finding(code: .postUnknownAuthor, severity: .warning,
                           message: "author \"\(login.prefix(60))\" is not among the export's authors", line: post.line,
                           entity: entity, action: "kept", hint: "map the login to an author when importing"), naming: post)
        }
        for term in post.terms {
            let key = term.slug.map { Term.Key(taxonomy: term.taxonomy, slug: $0) }
                ?? Term.Key(taxonomy: term.taxonomy, name: term.name)
            if term.isDeclaredByWordPress, !declaredTerms.contains(key), undeclaredTerms[key] == nil {
                undeclaredTerms[key] = Reference(post, target: 0, label: term.slug ?? term.name)
            }
        }
        inspectMeta(post.meta, entity: entity, line: post.line, post: post)
        inspectText([post.title, post.content, post.excerpt], entity: entity, line: post.line, post: post)
        if let contentCheck, let content = post.content, !content.isEmpty {
            let names = contentCheck.unknownShortcodes(in: content)
            for name in names {
                unknownShortcodes[name, default: ShortcodeUse(firstLine: post.line, firstPostID: post.id)].count += 1
                if let id = post.id { unknownShortcodes[name]!.postIDs.append(id) }
            }
            // The finding that will name it is certain: the report describes the post now, while it has it.
            if !names.isEmpty { remember(post) }
        }
        inspectComments(of: post)
    }

    private mutating func inspectComments(of post: Post) {
        var commentIDs: Set<Int> = []
        for comment in post.comments { if let id = comment.id { commentIDs.insert(id) } }
        for comment in post.comments {
            let entity = Finding.Entity.comment(id: comment.id, postID: post.id)
            if let parentID = comment.parentID, !commentIDs.contains(parentID) {
                report(Finding(code: .commentOrphan, severity: .warning,
                               message: "comment \(comment.id.map(String.init) ?? "without id") replies to comment \(parentID), which the post does not have",
                               line: comment.line, entity: entity, action: "kept as the start of its own thread"), naming: post)
            }
            if !(comment.authorEmail ?? "").isEmpty || !(comment.authorIP ?? "").isEmpty {
                commentsWithPersonalData += 1
                if firstPersonalData == nil {
                    firstPersonalData = Reference(post, line: comment.line, target: comment.id ?? 0)
                }
            }
            inspectMeta(comment.meta, entity: entity, line: comment.line, post: post)
            inspectText([comment.content, comment.author], entity: entity, line: comment.line, post: post)
        }
    }

    private mutating func inspectMeta(_ meta: [MetaEntry], entity: Finding.Entity, line: Int, post: Post) {
        for entry in meta {
            guard let first = entry.value.utf8.first, "aOsibdN".utf8.contains(first),
                  entry.value.utf8.dropFirst().first == UInt8(ascii: ":") else { continue }
            guard let decoded = PHPSerialized.decode(entry.value) else {
                if entry.value.hasSuffix("}") || entry.value.hasSuffix(";") {
                    report(Finding(code: .metaSerializedBroken, severity: .warning,
                                   message: "meta \"\(entry.key.prefix(60))\" looks PHP-serialized but does not decode",
                                   line: line, entity: entity, action: "kept as text",
                                   hint: "WordPress will read it as a plain string"), naming: post)
                }
                continue
            }
            if decoded.repairedLengths > 0 {
                report(Finding(code: .metaSerializedLengths, severity: .warning,
                               message: "meta \"\(entry.key.prefix(60))\" is PHP-serialized with \(Counted(decoded.repairedLengths, "wrong string length")), as a search-and-replace leaves them",
                               line: line, entity: entity, action: "decoded with the real lengths; value kept as it was",
                               hint: "re-save the setting in WordPress, or run a serialization-aware search-and-replace"),
                       naming: post)
            }
        }
    }

    /// Text converted to UTF-8 twice reads "Ã³" for "ó" and "â€™" for "’": reported once per entity.
    private mutating func inspectText(_ texts: [String?], entity: Finding.Entity, line: Int, post: Post) {
        for case let text? in texts {
            guard let sample = Self.mojibake(in: text) else { continue }
            report(Finding(code: .textMojibake, severity: .warning,
                           message: "text looks converted to UTF-8 twice: \"\(sample)\"", line: line, entity: entity,
                           action: "kept as it is",
                           hint: "the database was read as Latin-1 and written as UTF-8; fix the text at the source"),
                   naming: post)
            return
        }
    }

    // MARK: The end

    /// The findings that needed the whole export, then the report.
    public mutating func makeReport(inputName: String, stoppedBy error: ReadError? = nil) -> ValidationReport {
        finish()
        if let error { report(Self.finding(for: error)) }
        return ValidationReport(inputName: inputName, site: site, statistics: statistics, findings: log, items: items,
                                stoppedBy: error)
    }

    private var isFinished = false

    private mutating func finish() {
        guard !isFinished else { return }
        isFinished = true
        for reference in Self.inDocumentOrder(pendingParents) {
            let code: FindingCode = reference.isAttachment ? .attachmentMissingParent : .postMissingParent
            let what = reference.isAttachment ? "an attachment of item \(reference.target)" : "a child of item \(reference.target)"
            report(Finding(code: code, severity: .warning,
                           message: "\(what), which the export does not have", line: reference.line,
                           entity: .post(id: reference.postID), action: reference.isAttachment ? "kept, unattached" : "kept at the top level"),
                   naming: reference)
        }
        for reference in Self.inDocumentOrder(pendingThumbnails) {
            report(Finding(code: .postThumbnailMissing, severity: .warning,
                           message: "_thumbnail_id names attachment \(reference.target), which the export does not have",
                           line: reference.line, entity: .post(id: reference.postID), action: "kept without a featured image",
                           hint: "export the media too, or set the featured image again"), naming: reference)
        }
        for (key, reference) in undeclaredTerms.sorted(by: { ($0.value.line, $0.key.taxonomy, $0.key.slug) < ($1.value.line, $1.key.taxonomy, $1.key.slug) }) where !declaredTerms.contains(key) {
            report(Finding(code: .termUndeclared, severity: .warning,
                           message: "post uses \(key.taxonomy) \"\(reference.label.prefix(80))\", which the export does not declare",
                           line: reference.line, entity: .post(id: reference.postID), action: "term added as used"),
                   naming: reference)
        }
        for (name, use) in unknownShortcodes.sorted(by: { ($0.value.firstLine, $0.key) < ($1.value.firstLine, $1.key) }) {
            report(Finding(code: .contentUnknownShortcode, severity: .warning,
                           message: "shortcode [\(name)] is used in \(use.count) post\(use.count == 1 ? "" : "s") and will not convert",
                           line: use.firstLine, entity: .post(id: use.firstPostID), action: "kept as text",
                           hint: "a plugin provided it; decide what it should become",
                           postIDs: use.postIDs))
        }
        let links = links
        links.forEachFinding { finding, item in report(finding, naming: item) }
        if commentsWithPersonalData > 0, let first = firstPersonalData {
            report(Finding(code: .privacyPersonalData, severity: .info,
                           message: "\(Counted(commentsWithPersonalData, "comment")) \(commentsWithPersonalData == 1 ? "holds a commenter's e-mail or IP address" : "hold commenters' e-mail or IP addresses")",
                           line: first.line, action: "kept",
                           hint: "personal data: leave these fields out of anything you publish"))
        }
    }

    /// The references still waiting, in the order of the posts that made them.
    private static func inDocumentOrder(_ pending: [Int: [Reference]]) -> [Reference] {
        pending.values.joined().sorted { $0.position < $1.position }
    }

    // MARK: Recording

    private var hasDeclaredAuthors: Bool { !declaredLogins.isEmpty }

    private mutating func report(_ finding: Finding, naming post: Post? = nil) {
        if record(finding), let post { remember(post) }
    }

    private mutating func report(_ finding: Finding, naming reference: Reference) {
        if record(finding), let item = reference.item { remember(item) }
    }

    private mutating func report(_ finding: Finding, naming item: ItemSummary?) {
        if record(finding), let item { remember(item) }
    }

    /// Logs the finding; whether the log keeps it (the first of its code) rather than only counting it. The
    /// report describes the items of the findings it shows, not of those it counts.
    private mutating func record(_ finding: Finding) -> Bool {
        log.add(finding)
        return log.count(of: finding.code) <= log.limitPerCode
    }

    private mutating func remember(_ post: Post) {
        if let item = ItemSummary(post) { remember(item) }
    }

    private mutating func remember(_ item: ItemSummary) {
        guard items[item.id] == nil, items.count < Self.itemLimit else { return }
        items[item.id] = item
    }

    static func finding(for error: ReadError) -> Finding {
        switch error {
        case .notWXR(let line, let reason):
            Finding(code: .documentNotWXR, severity: .error, message: "not a WordPress export: \(reason)", line: line,
                    action: "nothing read", hint: "export again with Tools → Export in WordPress")
        case .notWellFormed(let line, let column, let reason):
            Finding(code: .documentUnreadable, severity: .error, message: reason, line: line, column: column,
                    action: "nothing more read", hint: "the damage comes before the channel: there is nothing to read around it")
        case .cannotOpen(let path, let reason):
            Finding(code: .documentCannotOpen, severity: .error, message: "cannot open \(path): \(reason)",
                    action: "nothing read")
        case .ioFailure(let reason):
            Finding(code: .documentReadFailed, severity: .error, message: reason, action: "read stopped")
        case .emptyInput:
            Finding(code: .documentEmpty, severity: .error, message: "the file is empty", action: "nothing read",
                    hint: "export again with Tools → Export in WordPress; the download may have been cut off")
        case .compressedInput(let name, let format):
            Finding(code: .documentCompressed, severity: .error, message: "the file is \(format.name), not XML",
                    action: "nothing read", hint: format.unpackAdvice(for: name))
        case .corruptInput, .decompressionBomb:
            Finding(code: .documentDamaged, severity: .error, message: error.description, action: "read stopped",
                    hint: "download or copy the file again")
        case .zipOnStandardInput, .noExportInZip, .severalExportsInZip, .unsafeZipEntry, .unreadableZipEntry:
            Finding(code: .documentArchive, severity: .error, message: error.description, action: "nothing read")
        }
    }

    // MARK: Values

    private static let knownStatuses: Set<String> = [
        "publish", "future", "draft", "pending", "private", "trash", "auto-draft", "inherit",
        "request-pending", "request-confirmed", "request-failed", "request-completed",
    ]

    private static func isKnownStatus(_ status: String) -> Bool {
        knownStatuses.contains(status) || status.hasPrefix("wc-")
    }

    /// A few characters from the first sign of double-encoded UTF-8: "Ã" or "Â" followed by what UTF-8 lead
    /// and continuation bytes look like in Windows-1252, or "â€".
    static func mojibake(in text: String) -> String? {
        var text = text
        let offset = text.withUTF8 { bytes -> Int? in
            guard let base = bytes.baseAddress else { return nil }
            var index = 0
            // Every sign starts with the byte 0xC3; memchr finds the few there are.
            while index + 2 < bytes.count, let found = memchr(base + index, 0xC3, bytes.count - index - 2) {
                let at = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
                let second = bytes[at + 1], third = bytes[at + 2]
                if (second == 0x83 || second == 0x82) && (third == 0xC2 || third == 0xC5 || third == 0xC6 || third == 0xCB || third == 0xE2) {
                    return at       // "Ã©", "Â " ...
                }
                if second == 0xA2, third == 0xE2, at + 4 < bytes.count, bytes[at + 3] == 0x82, bytes[at + 4] == 0xAC {
                    return at       // "â€"
                }
                index = at + 1
            }
            return nil
        }
        guard let offset else { return nil }
        let start = text.utf8.index(text.utf8.startIndex, offsetBy: offset)
        return String(text[start...].prefix(12))
    }
}
