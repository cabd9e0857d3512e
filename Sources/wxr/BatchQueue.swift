import Foundation

/// The sites of a batch waiting for a worker, and the outcomes of those done; shared by the workers.
final class BatchQueue: @unchecked Sendable {
    // Every access holds the lock.
    private let lock = NSLock()
    private let count: Int
    private var nextIndex = 0
    private var finished: [BatchOutcome?]

    init(count: Int) {
        self.count = count
        finished = Array(repeating: nil, count: count)
    }

    /// The index of the next site to convert; nil when every one has been taken.
    func next() -> Int? {
        lock.withLock {
            guard nextIndex < count else { return nil }
            defer { nextIndex += 1 }
            return nextIndex
        }
    }

    func record(_ outcome: BatchOutcome, at index: Int) {
        lock.withLock { finished[index] = outcome }
    }

    /// Every outcome, in site order; call once the workers are done.
    var outcomes: [BatchOutcome] {
        lock.withLock { finished.map { $0! } }
    }
}
