import Foundation
import Synchronization
import Yams

/// Converts one planned post on a worker thread: renders its content, builds its front matter through the
/// flavor's ``SiteLayout``, writes its file and its comments, and puts it aside when it links to what has not
/// been read yet. A value copied to the thread that runs it; what it shares is safe to share.
struct PageWriter: Sendable {
    /// What workers report back: the posts that still miss something when converted at the end, and the first
    /// error, which stops the run.
    final class State: Sendable {
        let incomplete = Mutex<[DeferredPost]>([])
        let error = Mutex<(any Error)?>(nil)
        let compromises = CompromiseTally()
    }

    /// A snapshot of what workers read, fixed before the first post (authors and terms come first).
    struct Lookup: Sendable {
        var authors: [String: Author]
        var terms: [Term.Key: TermRecord]
    }

    let options: MarkdownSiteOptions
    let layout: any SiteLayout
    let address: SiteAddress
    let index: SiteIndex
    let shared: SharedContentContext
    let directory: SiteDirectory
    let spool: PostSpool<DeferredPost, SiteJob>
    let lookup: Lookup
    let state: State

    func run(_ job: SiteJob, final: Bool) {
        do {
            try convert(job, final: final)
        } catch {
            state.error.withLock { if $0 == nil { $0 = error } }
        }
    }

    private func convert(_ job: SiteJob, final: Bool) throws {
        let misses = LinkMisses()
        let context = ContentContext(shared: shared, rewriteURL: { [address, index] url in
            Self.resolve(url, address: address, index: index, misses: misses, originals: options.mediaOriginals)
        })
        let renderer = ContentRenderer(options: options.render, context: context)
        let post = job.post
        let rendered = renderer.render(post)
        var featured: String?
        var missingIDs = rendered.missingAttachmentIDs
        if let thumbnail = post.metaValue(forKey: "_thumbnail_id").flatMap({ Int($0.trimmingSpaces) }), thumbnail > 0 {
            if let attachment = shared.attachment(thumbnail) {
                featured = context.rewriteURL?(attachment.url) ?? attachment.url
            } else {
                missingIDs.append(thumbnail)
            }
        }
        var front = frontMatter(job, rendered: rendered, featured: featured, renderer: renderer)
        let thread = CommentThread(post.comments)
        if !thread.isEmpty, options.comments != .none {
            let comments = thread.node(renderer: renderer, includePrivateData: options.includePrivateData)
            if let file = job.commentsFile {
                try directory.write(try FrontMatter.serialize(comments), to: file, replacing: final)
            } else {
                front["comments"] = comments
            }
        }
        var body = rendered.markdown
        if rendered.summary != nil, !layout.readsMoreMarker { body = rendered.markdownWithoutMoreMarker }
        if !body.isEmpty && !body.hasSuffix("\n") { body += "\n" }
        try directory.write(try front.yaml() + (body.isEmpty ? "" : "\n" + body), to: job.file, replacing: final)

        let deferred = DeferredPost(
            line: post.line, postID: post.id, keys: misses.keys, urls: misses.urls, attachmentIDs: missingIDs,
            blockIDs: rendered.missingReusableBlockIDs, showsAttachedImages: rendered.showsAttachedImages)
        guard deferred.isIncomplete else {
            state.compromises.record(rendered.compromises, postID: post.id, line: post.line)
            return
        }
        if final {
            state.compromises.record(rendered.compromises, postID: post.id, line: post.line)
            state.incomplete.withLock { $0.append(deferred) }
        } else {
            try spool.append(job, note: deferred, size: 512 + (post.content?.utf8.count ?? 0)
                + post.comments.reduce(0) { $0 + 256 + ($1.content?.utf8.count ?? 0) })
        }
    }

    /// The new URL of an old one: uploads keep their path, items go to their new URL, archives stay.
    static func resolve(_ url: String, address: SiteAddress, index: SiteIndex, misses: LinkMisses,
                        originals: Bool = false) -> String? {
        guard let (target, fragment) = address.target(of: url) else { return nil }
        switch target {
        // The file goes where the media step puts it, whatever the old server called it.
        case .upload(let path): return MediaLocator.sitePath(ofUpload: path, originals: originals) + fragment
        case .home: return "/" + fragment
        case .archive(let key): return index.url(for: key).map { $0 + fragment }
        case .item(let key):
            if let new = index.url(for: key) { return new + fragment }
            misses.add(url, key: key)
            return nil
        }
    }

    private func frontMatter(_ job: SiteJob, rendered: RenderedContent, featured: String?, renderer: ContentRenderer) -> FrontMatter {
        let post = job.post
        var front = FrontMatter()
        front["title"] = .string(SitePlanner.plainTitle(post.title))
        let date = SiteDates.withOffset(local: post.date, utc: post.dateGMT)
        front["date"] = .timestamp(date)
        let modified = SiteDates.withOffset(local: post.modified, utc: post.modifiedGMT)
        if modified != date { front[layout.modifiedKey] = .timestamp(modified) }
        front["slug"] = .string(String(job.url.split(separator: "/").last ?? ""))
        if job.isDraft {
            layout.markDraft(&front, kind: job.kind)
            front["wp_status"] = .string(post.status ?? "draft")
        }
        if let login = post.authorLogin, !login.isEmpty {
            let author = lookup.authors[login]
            front["author"] = .string(author?.displayName.flatMap { $0.isEmpty ? nil : $0 } ?? login)
            front["author_login"] = .string(login)
        }
        var byTaxonomy: [(String, [String])] = []
        for term in post.terms where SitePlanner.isContentTaxonomy(term.taxonomy) {
            let record = lookup.terms[Term.Key(taxonomy: term.taxonomy, slug: term.slug ?? term.name)]
            let value = record.map { layout.termValue(name: $0.name, pathName: $0.pathName) } ?? term.name
            let key = SiteFlavor.taxonomyKey(term.taxonomy)
            if let at = byTaxonomy.firstIndex(where: { $0.0 == key }) {
                if !byTaxonomy[at].1.contains(value) { byTaxonomy[at].1.append(value) }
            } else {
                byTaxonomy.append((key, [value]))
            }
        }
        for key in ["categories", "tags"] {
            if let values = byTaxonomy.first(where: { $0.0 == key })?.1 { front[key] = .list(values) }
        }
        for (key, values) in byTaxonomy where key != "categories" && key != "tags" { front[key] = .list(values) }
        if let excerpt = post.excerpt, !excerpt.isBlank {
            let text = renderer.render(excerpt).markdown.trimmingSpaces
            front[layout.excerptKey] = .string(text)
        }
        if let summary = rendered.summary {
            if layout.readsMoreMarker {
                layout.markMoreMarker(in: &front)
            } else if front[layout.excerptKey] == nil {
                front[layout.excerptKey] = .string(summary)
            }
        }
        front[layout.imageKey] = .string(featured)
        front["wp_id"] = .integer(post.id)
        if post.type != "post" { front["wp_type"] = .string(post.type ?? "post") }
        if !job.isDraft && !job.aliases.isEmpty { layout.addRedirects(from: job.aliases, to: &front) }
        if let permalink = layout.permalink(of: job) { front["permalink"] = .string(permalink) }
        let description = ["_yoast_wpseo_metadesc", "rank_math_description", "_aioseo_description", "_aioseop_description"]
            .lazy.compactMap { post.metaValue(forKey: $0)?.trimmingSpaces }.first { !$0.isEmpty }
        front["description"] = .string(description)
        if let format = post.terms.first(where: { $0.taxonomy == "post_format" }) {
            let slug = format.slug ?? format.name
            front["format"] = .string(slug.hasPrefix("post-format-") ? String(slug.dropFirst(12)) : slug)
        }
        if post.isSticky { front["sticky"] = .boolean(true) }
        if job.kind == .page, post.menuOrder != 0 { front["weight"] = .integer(post.menuOrder) }
        front["meta"] = metaNode(post.meta)
        return front
    }

    private func metaNode(_ meta: [MetaEntry]) -> Node? {
        guard options.meta != .none else { return nil }
        var pairs: [(String, [Node])] = []
        for entry in meta where options.meta == .all || !entry.key.hasPrefix("_") {
            let value: Node
            if let decoded = PHPSerialized.decode(entry.value) {
                value = .php(decoded.value)
            } else {
                value = .string(entry.value)
            }
            if let at = pairs.firstIndex(where: { $0.0 == entry.key }) { pairs[at].1.append(value) } else { pairs.append((entry.key, [value])) }
        }
        guard !pairs.isEmpty else { return nil }
        return .map(pairs.map { ($0.0, $0.1.count == 1 ? $0.1[0] : .list($0.1)) })
    }
}
