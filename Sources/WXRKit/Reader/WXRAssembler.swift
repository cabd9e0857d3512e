/// Builds WXR entities from the element events of an XML stream.
///
/// The XML layer resolves each element to a ``WXRTag`` by namespace URI; this type knows which tag means what
/// where. Only direct children count, the first of a repeated field wins, and a subtree it does not know is
/// skipped whole. Finished entities wait in `ready` until the reader hands them out.
final class WXRAssembler {
    /// Where the assembler is in the document: the innermost WXR structure that is open.
    private enum Container {
        case document, rss, channel, author, term, termMeta, item, postMeta, comment, commentMeta
    }

    private(set) var ready: [WXREntity] = []
    /// Repairs made to bytes not yet parsed, waiting to learn which item they fall in.
    private var repairs: [Finding] = []
    private var entityLine = 0
    private var readyHead = 0
    private(set) var findings: [Finding] = []
    private(set) var failure: ReadError?

    /// True while the text of a field is being gathered; the XML layer skips text events otherwise.
    private(set) var isCollecting = false

    private var containers: [Container] = [.document]
    private var skippedDepth = 0
    private var nestedInField = 0
    private var field = WXRTag.unknown
    private var fieldLine = 0
    private var text: [UInt8] = []

    private var site = Site()
    private var siteFields = TagSet()
    private var header: [WXREntity] = []
    private var isHeaderDelivered = false
    private var sawChannel = false
    private var headerHasAuthors = false
    private var derivedLogins: Set<String> = []

    private var author = Author()
    private var authorFields = TagSet()
    private var term = Term(taxonomy: "")
    private var termKind = WXRTag.wpTerm
    private var termFields = TagSet()
    private var post = Post()
    private var postFields = TagSet()
    private var categoryAttributes: (domain: String?, nicename: String?) = (nil, nil)
    private var comment = Comment()
    private var commentFields = TagSet()
    private var metaKey: String?
    private var metaValue: String?

    // MARK: Queue

    /// The next finished entity, if any.
    func popReady() -> WXREntity? {
        guard readyHead < ready.count else { return nil }
        let entity = ready[readyHead]
        readyHead += 1
        if readyHead == ready.count {
            ready.removeAll(keepingCapacity: true)
            readyHead = 0
        }
        return entity
    }

    func takeFindings() -> [Finding] {
        defer { findings.removeAll() }
        return findings
    }

    func add(_ finding: Finding) {
        findings.append(finding)
    }

    /// A repair the sanitizer made on a line not parsed yet: it names the item it falls in once that is read.
    func addRepair(_ finding: Finding) {
        repairs.append(finding)
    }

    /// Gives the repairs up to `line` the entity of the post that spans `range`, and passes them on.
    private func attributeRepairs(to post: Post, through line: Int) {
        guard !repairs.isEmpty else { return }
        var index = 0
        while index < repairs.count, let repairLine = repairs[index].line, repairLine <= line {
            var finding = repairs[index]
            if repairLine >= post.line { finding.entity = .post(id: post.id) }
            findings.append(finding)
            index += 1
        }
        repairs.removeFirst(index)
    }

    private func flushRepairs() {
        findings.append(contentsOf: repairs)
        repairs.removeAll()
    }

    /// The parser stopped on damage: drops the author, term or item being read and returns what it was;
    /// the next parser starts again from the document.
    func abandon() -> (name: String, line: Int, entity: Finding.Entity)? {
        var dropped: (name: String, line: Int, entity: Finding.Entity)?
        if containers.contains(.item) {
            dropped = ("item", post.line, .post(id: post.id))
        } else if containers.contains(.term) {
            dropped = ("term", entityLine, .term(id: term.id))
        } else if containers.contains(.author) {
            dropped = ("author", entityLine, .author(login: author.login))
        }
        containers = [.document]
        isCollecting = false
        nestedInField = 0
        skippedDepth = 0
        text.removeAll(keepingCapacity: true)
        flushRepairs()
        return dropped
    }

    // MARK: Events

    func start(_ tag: WXRTag, line: Int, attributes: () -> (domain: String?, nicename: String?)) {
        if isCollecting {
            nestedInField += 1
            return
        }
        if skippedDepth > 0 {
            skippedDepth += 1
            return
        }
        switch (containers.last!, tag) {
        case (.document, .rss):
            containers.append(.rss)
        case (.document, _):
            failure = .notWXR(line: line, reason: "the root element is not <rss>")
        case (.rss, .channel):
            sawChannel = true
            containers.append(.channel)
        case (.channel, .author):
            entityLine = line
            author = Author()
            authorFields = TagSet()
            containers.append(.author)
        case (.channel, .wpCategory), (.channel, .wpTag), (.channel, .wpTerm):
            entityLine = line
            term = Term(taxonomy: tag == .wpCategory ? "category" : tag == .wpTag ? "post_tag" : "")
            termKind = tag
            termFields = TagSet()
            containers.append(.term)
        case (.channel, .item):
            deliverHeader()
            post = Post(line: line)
            postFields = TagSet()
            containers.append(.item)
        case (.channel, .title), (.channel, .link), (.channel, .description), (.channel, .pubDate),
             (.channel, .language), (.channel, .generator), (.channel, .wxrVersion), (.channel, .baseSiteURL),
             (.channel, .baseBlogURL):
            collect(tag, line: line)
        case (.author, .authorID), (.author, .authorLogin), (.author, .authorEmail), (.author, .authorDisplayName),
             (.author, .authorFirstName), (.author, .authorLastName):
            collect(tag, line: line)
        case (.term, .termmeta):
            beginMeta(.termMeta)
        case (.term, .termID), (.term, .categoryNicename), (.term, .categoryParent), (.term, .catName),
             (.term, .categoryDescription), (.term, .tagSlug), (.term, .tagName), (.term, .tagDescription),
             (.term, .termTaxonomy), (.term, .termSlug), (.term, .termParent), (.term, .termName),
             (.term, .termDescription):
            collect(tag, line: line)
        case (.item, .postmeta):
            beginMeta(.postMeta)
        case (.item, .comment):
            comment = Comment(line: line)
            commentFields = TagSet()
            containers.append(.comment)
        case (.item, .category):
            categoryAttributes = attributes()
            collect(tag, line: line)
        case (.item, .title), (.item, .link), (.item, .guid), (.item, .creator), (.item, .contentEncoded),
             (.item, .excerptEncoded), (.item, .postID), (.item, .postDate), (.item, .postDateGMT),
             (.item, .postModified), (.item, .postModifiedGMT), (.item, .commentStatus), (.item, .pingStatus),
             (.item, .postName), (.item, .status), (.item, .postParent), (.item, .menuOrder), (.item, .postType),
             (.item, .postPassword), (.item, .isSticky), (.item, .attachmentURL):
            collect(tag, line: line)
        case (.comment, .commentmeta):
            beginMeta(.commentMeta)
        case (.comment, .commentID), (.comment, .commentAuthor), (.comment, .commentAuthorEmail),
             (.comment, .commentAuthorURL), (.comment, .commentAuthorIP), (.comment, .commentDate),
             (.comment, .commentDateGMT), (.comment, .commentContent), (.comment, .commentApproved),
             (.comment, .commentType), (.comment, .commentParent), (.comment, .commentUserID):
            collect(tag, line: line)
        case (.termMeta, .metaKey), (.termMeta, .metaValue), (.postMeta, .metaKey), (.postMeta, .metaValue),
             (.commentMeta, .metaKey), (.commentMeta, .metaValue):
            collect(tag, line: line)
        default:
            skippedDepth = 1
        }
    }

    func text(_ bytes: UnsafeRawBufferPointer) {
        text.append(contentsOf: bytes)
    }

    /// An element ends; `line`, where it ends, is asked only when an item does.
    func end(line: @autoclosure () -> Int) {
        if isCollecting {
            if nestedInField > 0 {
                nestedInField -= 1
            } else {
                isCollecting = false
                assign(field, String(decoding: text, as: UTF8.self))
            }
            return
        }
        if skippedDepth > 0 {
            skippedDepth -= 1
            return
        }
        switch containers.removeLast() {
        case .document:
            containers.append(.document)
        case .rss:
            break
        case .channel:
            deliverHeader()
        case .author:
            headerHasAuthors = headerHasAuthors || !isHeaderDelivered
            deliver(.author(author))
        case .term:
            deliver(.term(term))
        case .item:
            deliverPost(endingAt: line())
        case .comment:
            post.comments.append(comment)
        case .termMeta:
            term.meta.append(MetaEntry(key: metaKey ?? "", value: metaValue ?? ""))
        case .postMeta:
            post.meta.append(MetaEntry(key: metaKey ?? "", value: metaValue ?? ""))
        case .commentMeta:
            comment.meta.append(MetaEntry(key: metaKey ?? "", value: metaValue ?? ""))
        }
    }

    /// The document ended, completely or not.
    func finishDocument(line: Int) {
        flushRepairs()
        guard failure == nil else { return }
        if !sawChannel {
            failure = .notWXR(line: line, reason: "no <channel> inside <rss>")
            return
        }
        deliverHeader()
    }

    // MARK: Building

    private func collect(_ tag: WXRTag, line: Int) {
        field = tag
        fieldLine = line
        text.removeAll(keepingCapacity: true)
        isCollecting = true
    }

    private func beginMeta(_ container: Container) {
        metaKey = nil
        metaValue = nil
        containers.append(container)
    }

    private func assign(_ tag: WXRTag, _ value: String) {
        switch containers.last! {
        case .channel:
            guard siteFields.insert(tag) else { return }
            if isHeaderDelivered {
                add(Finding(code: .siteLateField, severity: .warning,
                            message: "channel element <\(tag)> comes after the first item and was not read",
                            line: fieldLine, entity: .site, action: "ignored"))
                return
            }
            assignSite(tag, value)
        case .author:
            guard authorFields.insert(tag) else { return }
            switch tag {
            case .authorID: author.id = integer(value, tag)
            case .authorLogin: author.login = value
            case .authorEmail: author.email = value
            case .authorDisplayName: author.displayName = value
            case .authorFirstName: author.firstName = value
            case .authorLastName: author.lastName = value
            default: break
            }
        case .term:
            guard termFields.insert(tag) else { return }
            assignTerm(tag, value)
        case .item:
            if tag == .category {
                addPostTerm(name: value)
                return
            }
            guard postFields.insert(tag) else { return }
            assignPost(tag, value)
        case .comment:
            guard commentFields.insert(tag) else { return }
            assignComment(tag, value)
        case .termMeta, .postMeta, .commentMeta:
            if tag == .metaKey, metaKey == nil { metaKey = value }
            if tag == .metaValue, metaValue == nil { metaValue = value }
        case .document, .rss:
            break
        }
    }

    private func assignSite(_ tag: WXRTag, _ value: String) {
        switch tag {
        case .title: site.title = value
        case .link: site.link = value
        case .description: site.description = value
        case .language: site.language = value
        case .generator: site.generator = value
        case .wxrVersion: site.wxrVersion = value
        case .baseSiteURL: site.baseSiteURL = value
        case .baseBlogURL: site.baseBlogURL = value
        case .pubDate:
            site.pubDate = WXRDate.rfc822(value)
            if site.pubDate == nil { invalidDate(value, tag, entity: .site) }
        default: break
        }
    }

    private func assignTerm(_ tag: WXRTag, _ value: String) {
        switch tag {
        case .termID: term.id = integer(value, tag)
        case .categoryNicename, .tagSlug, .termSlug: term.slug = value
        case .catName, .tagName, .termName: term.name = value
        case .categoryParent, .termParent: term.parentSlug = value.isEmpty ? nil : value
        case .categoryDescription, .tagDescription, .termDescription: term.description = value
        case .termTaxonomy where termKind == .wpTerm: term.taxonomy = value
        default: break
        }
    }

    private func assignPost(_ tag: WXRTag, _ value: String) {
        switch tag {
        case .title: post.title = value
        case .link: post.link = value
        case .guid: post.guid = value
        case .creator: post.authorLogin = value
        case .contentEncoded: post.content = value
        case .excerptEncoded: post.excerpt = value
        case .postID: post.id = integer(value, tag)
        case .postDate: post.date = date(value, tag, gmt: false)
        case .postDateGMT: post.dateGMT = date(value, tag, gmt: true)
        case .postModified: post.modified = date(value, tag, gmt: false)
        case .postModifiedGMT: post.modifiedGMT = date(value, tag, gmt: true)
        case .commentStatus: post.commentStatus = value
        case .pingStatus: post.pingStatus = value
        case .postName: post.slug = value
        case .status: post.status = value
        case .postParent: post.parentID = nonZero(integer(value, tag))
        case .menuOrder: post.menuOrder = integer(value, tag) ?? 0
        case .postType: post.type = value
        case .postPassword: post.password = value
        case .isSticky: post.isSticky = WXRInteger.parse(value) == 1
        case .attachmentURL: post.attachmentURL = value
        default: break
        }
    }

    private func assignComment(_ tag: WXRTag, _ value: String) {
        switch tag {
        case .commentID: comment.id = integer(value, tag)
        case .commentAuthor: comment.author = value
        case .commentAuthorEmail: comment.authorEmail = value
        case .commentAuthorURL: comment.authorURL = value
        case .commentAuthorIP: comment.authorIP = value
        case .commentDate: comment.date = date(value, tag, gmt: false)
        case .commentDateGMT: comment.dateGMT = date(value, tag, gmt: true)
        case .commentContent: comment.content = value
        case .commentApproved: comment.approved = value
        case .commentType: comment.type = value
        case .commentParent: comment.parentID = nonZero(integer(value, tag))
        case .commentUserID: comment.userID = integer(value, tag)
        default: break
        }
    }

    private func addPostTerm(name: String) {
        var taxonomy = categoryAttributes.domain ?? "category"
        if taxonomy == "tag" { taxonomy = "post_tag" }
        post.terms.append(PostTerm(taxonomy: taxonomy, slug: categoryAttributes.nicename, name: name))
    }

    private func deliverPost(endingAt line: Int) {
        // WXR 1.0 wrote each category twice, once without a nicename; keep only the complete one.
        if post.terms.contains(where: { $0.slug == nil }) {
            let complete = post.terms.filter { $0.slug != nil }
            post.terms.removeAll { term in
                term.slug == nil && complete.contains { $0.taxonomy == term.taxonomy && $0.name == term.name }
            }
        }
        attributeRepairs(to: post, through: line)
        if !headerHasAuthors, let login = post.authorLogin, !login.isEmpty, derivedLogins.insert(login).inserted {
            ready.append(.author(Author(login: login)))
        }
        ready.append(.post(post))
    }

    private func deliver(_ entity: WXREntity) {
        if isHeaderDelivered { ready.append(entity) } else { header.append(entity) }
    }

    private func deliverHeader() {
        guard !isHeaderDelivered else { return }
        isHeaderDelivered = true
        ready.append(.site(site))
        ready.append(contentsOf: header)
        header = []
    }

    // MARK: Values

    private var currentEntity: Finding.Entity {
        switch containers.last! {
        case .comment, .commentMeta: .comment(id: comment.id, postID: post.id)
        case .item, .postMeta: .post(id: post.id)
        case .term, .termMeta: .term(id: term.id)
        case .author: .author(login: author.login)
        default: .site
        }
    }

    private func integer(_ value: String, _ tag: WXRTag) -> Int? {
        if let number = WXRInteger.parse(value) { return number }
        if !value.allSatisfy(\.isWhitespace) {
            add(Finding(code: .valueNotInteger, severity: .warning,
                        message: "<\(tag)> is \"\(value.prefix(80))\", not an integer",
                        line: fieldLine, entity: currentEntity, action: "set to null"))
        }
        return nil
    }

    private func nonZero(_ value: Int?) -> Int? {
        value == 0 ? nil : value
    }

    private func date(_ value: String, _ tag: WXRTag, gmt: Bool) -> String? {
        if let iso = gmt ? WXRDate.gmt(value) : WXRDate.local(value) { return iso }
        if !WXRDate.isZero(value) { invalidDate(value, tag, entity: currentEntity) }
        return nil
    }

    private func invalidDate(_ value: String, _ tag: WXRTag, entity: Finding.Entity) {
        guard !value.allSatisfy(\.isWhitespace) else { return }
        add(Finding(code: .dateInvalid, severity: .warning,
                    message: "<\(tag)> is \"\(value.prefix(80))\", not a date",
                    line: fieldLine, entity: entity, action: "set to null"))
    }
}

/// A set of tags in two machine words: which fields of an entity have been read.
struct TagSet {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    /// Inserts the tag; false when it was already there.
    mutating func insert(_ tag: WXRTag) -> Bool {
        let bit = Int(tag.rawValue)
        if bit < 64 {
            defer { low |= 1 << bit }
            return low & (1 << bit) == 0
        }
        defer { high |= 1 << (bit - 64) }
        return high & (1 << (bit - 64)) == 0
    }
}
