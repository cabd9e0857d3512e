import Synchronization

/// The parts of one site, exported in several files, read as one export: one stream of entities, as if the
/// site had been exported whole.
///
/// `wp export --max_file_size` splits a site into `NAME.wordpress.DATE.000.xml`, `.001.xml`...; every part
/// repeats the channel header, and the authors and terms too unless `--include_once` kept them to the first.
/// A parted export yields the first part's site, then the authors and terms of every part, each once, then
/// the items of every part in order: links, parents, attachments and featured images resolve across parts as
/// they would in one file.
///
/// - An author is the same in two parts when its login is; a term when its taxonomy and slug are (as
///   WordPress matches them on import). Those of one part are kept as that part gives them, duplicates
///   included, as a whole export's would be; those a later part repeats are skipped.
/// - An item (a `wp:post_id`) that an earlier part had is skipped: the first copy is kept, as WordPress's
///   importer skips a post that exists already. A ``FindingCode/partDuplicateItem`` finding names both
///   copies: a note when they are identical, a warning when they differ. Two items with one id in one part
///   are both kept, as in a whole export.
/// - Parts whose channels name different addresses (`wp:base_site_url`, `wp:base_blog_url`, `link`) are
///   refused with ``PartedExportError/mixedSites(part:element:value:firstPart:firstValue:)``, unless
///   `allowsMixedSites`: then each such part gets a ``FindingCode/partOtherSite`` warning.
///
/// Each part is opened twice: first read up to its first `<item>` (authors and terms come before items in
/// WXR), then, in a second pass, for its items; the first part is read once, on from its first item. A part
/// is thus opened by a closure: standard input, which cannot be read twice, cannot be a part.
///
/// ```swift
/// let paths = ["site.000.xml", "site.001.xml"]
/// let export = PartedExport(parts: paths.map { path in .init(name: path) { try WXRReader(path: path) } })
/// try export.export(to: try JSONExporter(output: .file(path: "site.json", replacing: false)))
/// ```
/// Findings keep the line of their part and name it in ``Finding/part``.
/// - Complexity: Memory holds the site's authors and terms once, and about 40 bytes per item id, besides what
///   one reader holds: 11 MB more for 270,000 items.
public final class PartedExport: EntitySource {
    /// One part of the export: its name in messages, and how to open it (each call opens it anew).
    public struct Part {
        public var name: String
        public var open: () throws -> WXRReader

        public init(name: String, open: @escaping () throws -> WXRReader) {
            self.name = name
            self.open = open
        }
    }

    private let parts: [Part]
    private let allowsMixedSites: Bool

    /// The site, authors and terms read from every part's header, last first, given out before any item.
    private var header: [WXREntity] = []
    private var hasReadHeaders = false
    /// The first part's first item, read with its header.
    private var heldPost: Post?
    /// Parts with no item, read to their end in the header pass: their findings.
    private var partsWithoutItems: [Int: [Finding]] = [:]

    /// The part whose items are being read, and its reader once open.
    private var partIndex = 0
    private var reader: WXRReader?
    /// Whether the reader has passed its part's header, which the header pass gave out already.
    private var isPastHeader = false

    private var authorKeys: Set<AuthorKey> = []
    private var termKeys: Set<TermKey> = []
    private var ledger = ItemLedger()
    /// Findings of the part being read made here (repeated items), added to its reader's at its end.
    private var partFindings: [Finding] = []
    private var collectedFindings: [Finding] = []
    private var completedBytes = 0
    private let progressBytes = Atomic<Int>(0)

    /// An author's identity: WordPress matches authors by login; one without a login is only the same as an
    /// identical one.
    private enum AuthorKey: Hashable {
        case login(String)
        case unnamed(Author)

        init(_ author: Author) {
            self = author.login.map { .login($0) } ?? .unnamed(author)
        }
    }

    /// A term's identity: its taxonomy and slug, as WordPress matches terms; its name when it has no slug.
    private enum TermKey: Hashable {
        case key(Term.Key)
        case unnamed(Term)

        init(_ term: Term) {
            if let slug = term.slug {
                self = .key(Term.Key(taxonomy: term.taxonomy, slug: slug))
            } else if let name = term.name {
                self = .key(Term.Key(taxonomy: term.taxonomy, name: name))
            } else {
                self = .unnamed(term)
            }
        }
    }

    /// Reads `parts`, in that order, as one export; nothing is opened before the first ``next()``.
    /// - Parameter allowsMixedSites: Whether parts whose addresses differ are read together (with a finding
    ///   each) rather than refused.
    public init(parts: [Part], allowsMixedSites: Bool = false) {
        self.parts = parts
        self.allowsMixedSites = allowsMixedSites
    }

    /// The next entity: the site, every author, every term, then the items of each part in order.
    /// - Throws: ``PartedExportError`` when a part cannot be read (its ``ReadError`` inside), or parts are of
    ///   different sites. Both are found before the first entity is returned but for a part that fails later.
    public func next() throws -> WXREntity? {
        if !hasReadHeaders {
            hasReadHeaders = true
            try readHeaders()
        }
        if let entity = header.popLast() { return entity }
        if let post = heldPost {
            heldPost = nil
            if admit(post) { return .post(post) }
        }
        while partIndex < parts.count {
            guard let reader else {
                if let findings = partsWithoutItems.removeValue(forKey: partIndex) {
                    collectedFindings += located(findings)
                    partIndex += 1
                } else {
                    reader = try open(partIndex)
                    isPastHeader = false
                }
                continue
            }
            let entity = try read(reader, part: partIndex)
            progressBytes.store(completedBytes + reader.bytesRead, ordering: .relaxed)
            switch entity {
            case nil:
                finishPart(reader)
            case .site:
                continue
            // Before the part's first item: its header, given out by the header pass. After it: an author or
            // term the export gives late (WXR 1.0 names its authors in items), passed on unless one was already.
            case .author(let author):
                if isPastHeader, authorKeys.insert(AuthorKey(author)).inserted { return entity }
            case .term(let term):
                if isPastHeader, termKeys.insert(TermKey(term)).inserted { return entity }
            case .post(let post):
                isPastHeader = true
                if admit(post) { return entity }
            }
        }
        return nil
    }

    /// Bytes read of the parts' items so far (the header pass's reading of later parts is not counted).
    public var bytesRead: Int { progressBytes.load(ordering: .relaxed) }

    /// What the readers noticed, part after part, each finding naming its part, with the parted export's own
    /// (repeated items, other sites); complete once ``next()`` has returned `nil`.
    public var findings: [Finding] { collectedFindings }

    /// The name of the part the item with this id was taken from: for findings made later about the item,
    /// whose line is in that part.
    public func partName(ofItem id: Int) -> String? {
        ledger.part(ofItem: id).map { parts[$0].name }
    }

    // MARK: The header pass

    /// Reads each part up to its first item: the first part's site, then every new author and term, in part
    /// order. The first part's reader stays open, on its first item.
    private func readHeaders() throws {
        guard !parts.isEmpty else { throw PartedExportError.noParts }
        var site: (site: Site, part: Int)?
        var authors: [WXREntity] = []
        var terms: [WXREntity] = []
        for index in parts.indices {
            let reader = try open(index)
            var newAuthorKeys: Set<AuthorKey> = []
            var newTermKeys: Set<TermKey> = []
            var firstPost: Post?
            reading: while let entity = try read(reader, part: index) {
                switch entity {
                case .site(let partSite):
                    if let site { try compare(partSite, part: index, with: site.site, ofPart: site.part) } else { site = (partSite, index) }
                case .author(let author):
                    let key = AuthorKey(author)
                    // Kept as this part gives them, duplicates included; skipped when an earlier part had them.
                    if !authorKeys.contains(key) {
                        authors.append(entity)
                        newAuthorKeys.insert(key)
                    }
                case .term(let term):
                    let key = TermKey(term)
                    if !termKeys.contains(key) {
                        terms.append(entity)
                        newTermKeys.insert(key)
                    }
                case .post(let post):
                    firstPost = post
                    break reading
                }
            }
            authorKeys.formUnion(newAuthorKeys)
            termKeys.formUnion(newTermKeys)
            if firstPost == nil {
                partsWithoutItems[index] = reader.findings
                completedBytes += reader.bytesRead
            } else if index == 0 {
                self.reader = reader
                heldPost = firstPost
                isPastHeader = true
            }
        }
        // Authors before terms, as in one export, whichever part they come from.
        header = (site.map { [WXREntity.site($0.site)] } ?? []) + authors + terms
        header.reverse()
    }

    /// Refuses a part of another site than the first part's, or records it when mixed sites are allowed.
    private func compare(_ partSite: Site, part index: Int, with site: Site, ofPart first: Int) throws {
        guard let difference = site.addressDifference(from: partSite) else { return }
        guard allowsMixedSites else {
            throw PartedExportError.mixedSites(part: parts[index].name, element: difference.element,
                                               value: difference.otherValue, firstPart: parts[first].name,
                                               firstValue: difference.value)
        }
        collectedFindings.append(Finding(
            code: .partOtherSite, severity: .warning,
            message: "\(parts[index].name) is from another site than \(parts[first].name): its \(difference.element) is "
                + "\(difference.otherValue), not \(difference.value)",
            part: parts[index].name, entity: .site, action: "read as part of the first part's site",
            hint: "check that the parts belong together; the site's addresses are the first part's"))
    }

    // MARK: Items

    /// Whether to pass the item on: not when an earlier part had it, which a finding then says.
    private func admit(_ post: Post) -> Bool {
        guard case .repeated(let first, let isIdentical) = ledger.admit(post, part: partIndex) else { return true }
        let id = post.id ?? 0
        let firstPlace = "line \(first.line) of \(parts[first.part].name)"
        partFindings.append(isIdentical
            ? Finding(code: .partDuplicateItem, severity: .info,
                      message: "item \(id) is also at \(firstPlace), identical", line: post.line,
                      part: parts[partIndex].name, entity: .post(id: id), action: "skipped: the first copy is kept")
            : Finding(code: .partDuplicateItem, severity: .warning,
                      message: "item \(id) differs from its copy at \(firstPlace)", line: post.line,
                      part: parts[partIndex].name, entity: .post(id: id), action: "skipped: the first copy is kept",
                      hint: "WordPress's importer also keeps the first, skipping a post that exists; "
                          + "if this copy is the newer, put its part first"))
        return false
    }

    private func finishPart(_ reader: WXRReader) {
        completedBytes += reader.bytesRead
        collectedFindings += located(reader.findings) + partFindings
        partFindings = []
        self.reader = nil
        partIndex += 1
    }

    // MARK: Reading

    private func open(_ index: Int) throws -> WXRReader {
        do {
            return try parts[index].open()
        } catch let error as ReadError {
            throw PartedExportError.unreadablePart(name: parts[index].name, error: error)
        }
    }

    private func read(_ reader: WXRReader, part index: Int) throws(PartedExportError) -> WXREntity? {
        do {
            return try reader.next()
        } catch {
            throw .unreadablePart(name: parts[index].name, error: error)
        }
    }

    /// The reader's findings, naming the part being read.
    private func located(_ findings: [Finding]) -> [Finding] {
        guard parts.count > 1 else { return findings }
        return findings.map { finding in
            var finding = finding
            finding.part = parts[partIndex].name
            return finding
        }
    }
}
