import Yams

/// One `nav_menu_item` of the export: a link in a WordPress menu.
struct MenuItem: Sendable {
    var id: Int?
    var title: String
    var order: Int
    var parentID: Int?
    /// `post_type`, `taxonomy` or `custom`.
    var kind: String
    var objectID: Int?
    var url: String?
    var menuSlug: String
    var menuName: String

    init(_ post: Post) {
        id = post.id
        title = SitePlanner.plainTitle(post.title)
        order = post.menuOrder
        parentID = post.metaValue(forKey: "_menu_item_menu_item_parent").flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
        kind = post.metaValue(forKey: "_menu_item_type") ?? "custom"
        objectID = post.metaValue(forKey: "_menu_item_object_id").flatMap { Int($0) }
        url = post.metaValue(forKey: "_menu_item_url")
        let menu = post.terms.first { $0.taxonomy == "nav_menu" }
        menuSlug = menu?.slug ?? menu?.name ?? "menu"
        menuName = menu?.name ?? menuSlug
    }
}

/// The site's menus as a data file: `{slug: {name, items: [{title, url, children}]}}`, in menu order.
enum NavMenu {
    /// The menus, or an empty map; `target` gives an item's new URL and its target's title, or `nil` when the
    /// target is not on the new site (the item is left out then, with its children moved up).
    static func build(_ items: [MenuItem], target: (MenuItem) -> (url: String, title: String)?) -> Node {
        var menus: [(slug: String, name: String, items: [MenuItem])] = []
        for item in items {
            if let at = menus.firstIndex(where: { $0.slug == item.menuSlug }) {
                menus[at].items.append(item)
            } else {
                menus.append((item.menuSlug, item.menuName, [item]))
            }
        }
        var pairs: [(String, Node)] = []
        for menu in menus.sorted(by: { $0.slug < $1.slug }) {
            let sorted = menu.items.sorted { ($0.order, $0.id ?? 0) < ($1.order, $1.id ?? 0) }
            let resolved = Dictionary(sorted.compactMap { item in item.id.map { ($0, target(item)) } }, uniquingKeysWith: { first, _ in first })
            let ids = Set(sorted.compactMap(\.id))
            func children(of parent: Int?, depth: Int) -> [Node] {
                guard depth < 8 else { return [] }
                var nodes: [Node] = []
                for item in sorted where (item.parentID.flatMap { ids.contains($0) ? $0 : nil }) == parent {
                    let below = item.id.map { children(of: $0, depth: depth + 1) } ?? []
                    guard let id = item.id, let found = resolved[id] ?? nil else {
                        nodes += below
                        continue
                    }
                    var fields: [(String, Node)] = [("title", .string(item.title.isEmpty ? found.title : item.title)), ("url", .string(found.url))]
                    if !below.isEmpty { fields.append(("children", .list(below))) }
                    nodes.append(.map(fields))
                }
                return nodes
            }
            let nodes = children(of: nil, depth: 0)
            guard !nodes.isEmpty else { continue }
            pairs.append((menu.slug, .map([("name", .string(menu.name)), ("items", .list(nodes))])))
        }
        return .map(pairs)
    }
}
