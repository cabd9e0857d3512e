/// The old-site links of one post that found no item, gathered while it renders (on one thread).
final class LinkMisses: @unchecked Sendable {
    private(set) var urls: [String] = []
    private(set) var keys: [String] = []

    func add(_ url: String, key: String) {
        guard !keys.contains(key) else { return }
        urls.append(url)
        keys.append(key)
    }
}
