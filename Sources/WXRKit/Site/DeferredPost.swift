import Foundation

/// A post written with something it could not find yet: old-site links, attachments, reusable blocks, or
/// a gallery of the images attached to it. Written as it was; converted again at the end if what it missed
/// has turned up since, which gives the same file as converting it at the end in the first place.
struct DeferredPost {
    var line: Int
    var postID: Int?
    var keys: [String]
    var urls: [String]
    var attachmentIDs: [Int]
    var blockIDs: [Int]
    var showsAttachedImages: Bool

    var isIncomplete: Bool {
        !keys.isEmpty || !attachmentIDs.isEmpty || !blockIDs.isEmpty || showsAttachedImages
    }

    /// Whether converting it again now would give something else.
    func canComplete(index: SiteIndex, shared: SharedContentContext) -> Bool {
        // Attached images may have arrived after it: only the end knows them all.
        showsAttachedImages || keys.contains { index.url(for: $0) != nil }
            || attachmentIDs.contains { shared.attachment($0) != nil } || blockIDs.contains { shared.reusableBlock($0) != nil }
    }

    /// What stays missing, for the report: links to items the export has but the site does not publish
    /// (`site.link-to-unpublished`), attachments and reusable blocks the export does not have
    /// (`site.reference-missing`). Links that match nothing in the export are the validation's.
    func findings(targets: LinkTargets) -> [Finding] {
        var findings: [Finding] = []
        let unpublished = zip(urls, keys).filter { targets.contains($0.1) }.map(\.0)
        if !unpublished.isEmpty {
            let what = unpublished.count == 1
                ? "1 link to the old site points to an item the new site does not publish (a draft, trashed or "
                    + "password-protected item)"
                : "\(unpublished.count) links to the old site point to items the new site does not publish (drafts, "
                    + "trashed or password-protected items)"
            findings.append(Finding(
                code: .siteLinkToUnpublished, severity: .info,
                message: "\(what): \(unpublished.joined(separator: ", "))",
                line: line, entity: .post(id: postID), action: "left pointing at the old site",
                hint: "publish the item, or change the link; the redirect map does not cover it"))
        }
        var missing: [String] = []
        if !attachmentIDs.isEmpty { missing.append(Self.listed(attachmentIDs, one: "attachment", many: "attachments")) }
        if !blockIDs.isEmpty { missing.append(Self.listed(blockIDs, one: "reusable block", many: "reusable blocks")) }
        if !missing.isEmpty {
            findings.append(Finding(
                code: .siteReferenceMissing, severity: .info,
                message: "the post shows \(missing.joined(separator: " and ")), which the export does not have",
                line: line, entity: .post(id: postID), action: "written without them",
                hint: "export the media and reusable blocks too, or edit the post"))
        }
        return findings
    }

    /// "attachment 12", "attachments 12, 13".
    private static func listed(_ ids: [Int], one: String, many: String) -> String {
        var seen: Set<Int> = []
        let unique = ids.filter { seen.insert($0).inserted }
        return (unique.count == 1 ? one : many) + " " + unique.map(String.init).joined(separator: ", ")
    }
}
