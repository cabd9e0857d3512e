/// One scalar field of a model type under its contract name: the JSON key and the SQLite column.
///
/// The JSON writer, the SQLite load and the site's spool read a type's fields from one list (``Post/fields``),
/// so the model has one description of its fields and a field added to it reaches every output at once.
/// Lists, meta and `line` are not scalar fields: each format places them itself.
struct ModelField<Root>: Sendable {
    enum Access: Sendable {
        case text(WritableKeyPath<Root, String> & Sendable)
        case optionalText(WritableKeyPath<Root, String?> & Sendable)
        case integer(WritableKeyPath<Root, Int> & Sendable)
        case optionalInteger(WritableKeyPath<Root, Int?> & Sendable)
        case flag(WritableKeyPath<Root, Bool> & Sendable)
    }

    /// The snake_case name of the JSON key and the SQLite column.
    let name: StaticString
    let access: Access

    static func text(_ name: StaticString, _ path: WritableKeyPath<Root, String> & Sendable) -> Self {
        Self(name: name, access: .text(path))
    }

    static func text(_ name: StaticString, _ path: WritableKeyPath<Root, String?> & Sendable) -> Self {
        Self(name: name, access: .optionalText(path))
    }

    static func integer(_ name: StaticString, _ path: WritableKeyPath<Root, Int> & Sendable) -> Self {
        Self(name: name, access: .integer(path))
    }

    static func integer(_ name: StaticString, _ path: WritableKeyPath<Root, Int?> & Sendable) -> Self {
        Self(name: name, access: .optionalInteger(path))
    }

    static func flag(_ name: StaticString, _ path: WritableKeyPath<Root, Bool> & Sendable) -> Self {
        Self(name: name, access: .flag(path))
    }
}

// The contract's order: the JSON keys and the SQLite columns come in the order of these lists.

extension Site {
    static let fields: [ModelField<Site>] = [
        .text("title", \.title), .text("link", \.link), .text("description", \.description),
        .text("language", \.language), .text("wxr_version", \.wxrVersion), .text("base_site_url", \.baseSiteURL),
        .text("base_blog_url", \.baseBlogURL), .text("generator", \.generator), .text("pub_date", \.pubDate),
    ]
}

extension Author {
    static let fields: [ModelField<Author>] = [
        .integer("id", \.id), .text("login", \.login), .text("email", \.email),
        .text("display_name", \.displayName), .text("first_name", \.firstName), .text("last_name", \.lastName),
    ]
}

extension Term {
    static let fields: [ModelField<Term>] = [
        .integer("id", \.id), .text("taxonomy", \.taxonomy), .text("slug", \.slug), .text("name", \.name),
        .text("parent_slug", \.parentSlug), .text("description", \.description),
    ]
}

extension Post {
    static let fields: [ModelField<Post>] = [
        .integer("id", \.id), .text("type", \.type), .text("status", \.status), .text("title", \.title),
        .text("slug", \.slug), .text("link", \.link), .text("guid", \.guid), .text("author_login", \.authorLogin),
        .text("date", \.date), .text("date_gmt", \.dateGMT), .text("modified", \.modified),
        .text("modified_gmt", \.modifiedGMT), .text("content", \.content), .text("excerpt", \.excerpt),
        .integer("parent_id", \.parentID), .integer("menu_order", \.menuOrder),
        .text("comment_status", \.commentStatus), .text("ping_status", \.pingStatus),
        .text("password", \.password), .flag("sticky", \.isSticky), .text("attachment_url", \.attachmentURL),
    ]
}

extension Comment {
    static let fields: [ModelField<Comment>] = [
        .integer("id", \.id), .integer("parent_id", \.parentID), .text("author", \.author),
        .text("author_email", \.authorEmail), .text("author_url", \.authorURL), .text("author_ip", \.authorIP),
        .text("date", \.date), .text("date_gmt", \.dateGMT), .text("content", \.content),
        .text("approved", \.approved), .text("type", \.type), .integer("user_id", \.userID),
    ]
}
