/// At most so many requests at once to each host, the others waiting their turn in order.
actor HostSlots {
    private let limit: Int
    private var busy: [String: Int] = [:]
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    func acquire(_ host: String) async {
        if busy[host, default: 0] < limit {
            busy[host, default: 0] += 1
            return
        }
        await withCheckedContinuation { waiting[host, default: []].append($0) }
    }

    /// Hands the slot to the next waiting request, or frees it.
    func release(_ host: String) {
        if var queue = waiting[host], !queue.isEmpty {
            let next = queue.removeFirst()
            waiting[host] = queue
            next.resume()
        } else {
            busy[host, default: 1] -= 1
        }
    }
}
