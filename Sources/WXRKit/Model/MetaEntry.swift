/// One key and value of post, comment or term meta, as WordPress stored it.
///
/// Values are kept verbatim: PHP-serialized arrays stay serialized here.
public struct MetaEntry: Sendable, Hashable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}
