import Testing
import Yams
@testable import WXRKit

/// WordPress menus as a data file: items in menu order, nested under their parents, an item whose target is
/// not on the new site left out with its children moved up, menus by slug.
@Suite struct NavMenuTests {
    static func item(_ id: Int, _ title: String, order: Int, parent: Int? = nil, menu: String = "primary") -> MenuItem {
        var meta = [MetaEntry(key: "_menu_item_type", value: "custom"), MetaEntry(key: "_menu_item_url", value: "/\(id)/")]
        if let parent { meta.append(MetaEntry(key: "_menu_item_menu_item_parent", value: "\(parent)")) }
        return MenuItem(Post(id: id, type: "nav_menu_item", title: title, menuOrder: order,
                             terms: [PostTerm(taxonomy: "nav_menu", slug: menu, name: menu.capitalized)], meta: meta))
    }

    @Test func itemsNestInMenuOrder() throws {
        let items = [Self.item(3, "Team", order: 3, parent: 2), Self.item(1, "Home", order: 1), Self.item(2, "About", order: 2),
                     Self.item(9, "Legal", order: 1, menu: "footer")]
        let yaml = try FrontMatter.serialize(NavMenu.build(items) { ($0.url ?? "", "") })
        let menus = try #require(try Yams.load(yaml: yaml) as? [String: [String: Any]])
        #expect(menus.keys.sorted() == ["footer", "primary"])
        let primary = try #require(menus["primary"]?["items"] as? [[String: Any]])
        #expect(primary.map { $0["title"] as? String } == ["Home", "About"])
        let children = try #require(primary[1]["children"] as? [[String: Any]])
        #expect(children.map { $0["title"] as? String } == ["Team"])
        #expect(children.first?["url"] as? String == "/3/")
    }

    @Test func anItemWithNoTargetLeavesItsChildrenToItsParent() throws {
        let items = [Self.item(1, "Gone", order: 1), Self.item(2, "Kept", order: 2, parent: 1)]
        let yaml = try FrontMatter.serialize(NavMenu.build(items) { $0.id == 1 ? nil : ($0.url ?? "", "") })
        let menus = try #require(try Yams.load(yaml: yaml) as? [String: [String: Any]])
        let primary = try #require(menus["primary"]?["items"] as? [[String: Any]])
        #expect(primary.map { $0["title"] as? String } == ["Kept"])
    }

    @Test func aLoopOfParentsEnds() throws {
        let items = [Self.item(1, "A", order: 1, parent: 2), Self.item(2, "B", order: 2, parent: 1)]
        _ = try FrontMatter.serialize(NavMenu.build(items) { ($0.url ?? "", "") })   // returns, whatever it shows
    }
}
