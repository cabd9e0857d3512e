import Synchronization

/// How many bytes of an input have been read, counted by the layer that reads the file and read by another
/// thread for progress. Compressed input counts compressed bytes: progress is against the file's size.
final class ByteCounter: Sendable {
    private let total = Atomic<Int>(0)

    func add(_ count: Int) {
        total.add(count, ordering: .relaxed)
    }

    var count: Int { total.load(ordering: .relaxed) }
}
