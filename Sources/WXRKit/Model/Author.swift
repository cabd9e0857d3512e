/// A WordPress user who wrote posts, from `wp:author` (or, in WXR 1.0, from `dc:creator`).
public struct Author: Sendable, Hashable {
    public var id: Int?
    public var login: String?
    public var email: String?
    public var displayName: String?
    public var firstName: String?
    public var lastName: String?

    public init(
        id: Int? = nil, login: String? = nil, email: String? = nil, displayName: String? = nil,
        firstName: String? = nil, lastName: String? = nil
    ) {
        self.id = id
        self.login = login
        self.email = email
        self.displayName = displayName
        self.firstName = firstName
        self.lastName = lastName
    }
}
