import Foundation
import Synchronization

/// What a site export writes once every item is known: branch bundles for parent pages, term pages, menus,
/// the redirect maps and the media list, and the flavor's starter site.
struct SiteFinisher {
    let planner: SitePlanner
    let directory: SiteDirectory
    var layout: any SiteLayout { planner.layout }

    /// Writes everything that needs the whole export; returns the number of term pages written.
    func finish() throws -> Int {
        try moveParentPages()
        let termPages = try writeTermPages()
        try writeMenus()
        try writeRedirectsAndMedia()
        try writeStarter()
        return termPages
    }

    /// Hugo: a page with pages under it is a branch bundle (`_index.md`), or they would be its resources.
    private func moveParentPages() throws {
        guard layout.bundlesParentPages else { return }
        for id in planner.parentPages.sorted() {
            guard let file = planner.pageFiles[id], file.hasSuffix("/index.md") else { continue }
            let target = String(file.dropLast("index.md".count)) + "_index.md"
            if planner.draftPagesShown.contains(id) {
                // Hugo leaves out everything below a draft section, so a draft with published pages below it is
                // kept out of the build by itself alone.
                try directory.move(file, to: target, changing: Self.hidingSection)
            } else {
                try directory.move(file, to: target)
            }
        }
    }

    /// A section's front matter with `draft: true` replaced by build options that neither render nor list it.
    static func hidingSection(_ bytes: [UInt8]) -> [UInt8] {
        let draft = Array("\ndraft: true\n".utf8)
        let end = Array("\n---\n".utf8)
        guard let limit = bytes.firstRange(of: end)?.lowerBound,
              let range = bytes[..<(limit + 1)].firstRange(of: draft) else { return bytes }
        var changed = bytes
        changed.replaceSubrange(range, with: Array("\n_build:\n  render: never\n  list: never\n".utf8))
        return changed
    }

    /// The term pages the layout makes; returns how many.
    private func writeTermPages() throws -> Int {
        var termPages = 0
        for key in planner.termOrder {
            guard let record = planner.terms[key], let page = layout.termPage(record, key: key) else { continue }
            try directory.write(try page.front.yaml(), to: page.file)
            termPages += 1
        }
        return termPages
    }

    private func writeMenus() throws {
        guard !planner.menuItems.isEmpty else { return }
        let resolver = PageWriter.self
        let misses = LinkMisses()
        let menus = NavMenu.build(planner.menuItems) { item in
            switch item.kind {
            case "taxonomy":
                return item.objectID.flatMap { planner.termIDs[$0] }.flatMap { planner.terms[$0] }.map { ($0.url, $0.name) }
            case "post_type":
                guard let id = item.objectID, let url = planner.index.url(for: "?p=\(id)") else { return nil }
                return (url, planner.titles[id] ?? "")
            default:
                guard let url = item.url, !url.isEmpty else { return nil }
                return (resolver.resolve(url, address: planner.address, index: planner.index, misses: misses) ?? url, "")
            }
        }
        if case .mapping(let mapping) = menus, mapping.isEmpty { return }
        try directory.write(try FrontMatter.serialize(menus), to: layout.menusFile)
    }

    private func writeRedirectsAndMedia() throws {
        let files: [(RedirectMap.Format, String)] = [
            (.netlify, layout.netlifyRedirectsFile), (.nginx, "wxr/redirects.nginx.conf"), (.apache, "wxr/redirects.htaccess"), (.csv, "wxr/redirects.csv"),
        ]
        // Four renderings of every redirect, one per core, each written a piece at a time.
        let failure = Mutex<ExportError?>(nil)
        let map = planner.redirects
        DispatchQueue.concurrentPerform(iterations: files.count) { [directory] index in
            do throws(ExportError) {
                try directory.write(to: files[index].1) { append throws(ExportError) in
                    try map.render(as: files[index].0, into: append)
                }
            } catch {
                failure.withLock { $0 = $0 ?? error }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        // A line at a time: an attachment each, tens of thousands on a large site.
        let media = planner.media
        try directory.write(to: "wxr/media.csv") { append throws(ExportError) in
            try append(Array("id,url,path\n".utf8))
            for item in media {
                let fields = [item.id.map(String.init) ?? "", item.url, item.path].map(Self.csvField)
                try append(Array((fields.joined(separator: ",") + "\n").utf8))
            }
        }
    }

    private static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private func writeStarter() throws {
        for file in try layout.starterFiles(for: starterSite()) { try directory.write(file.contents, to: file.path) }
    }

    private func starterSite() -> StarterSite {
        var taxonomies: [StarterTaxonomy] = []
        var seen: Set<String> = []
        for key in [Term.Key(taxonomy: "category", slug: ""), Term.Key(taxonomy: "post_tag", slug: "")] + planner.termOrder
        where seen.insert(key.taxonomy).inserted {
            let label = key.taxonomy == "category" ? "Categories" : key.taxonomy == "post_tag" ? "Tags" : key.taxonomy
            taxonomies.append(StarterTaxonomy(wordpressName: key.taxonomy, key: SiteFlavor.taxonomyKey(key.taxonomy), label: label))
        }
        return StarterSite(
            title: SitePlanner.plainTitle(planner.site.title), baseURL: planner.options.siteURL ?? "", languageCode: planner.site.language ?? "",
            description: SitePlanner.plainTitle(planner.site.description), taxonomies: taxonomies,
            sections: planner.sections.values.sorted())
    }
}
