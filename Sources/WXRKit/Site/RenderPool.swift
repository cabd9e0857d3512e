import Foundation

/// Runs work on a fixed number of threads, with at most `capacity` items waiting: whoever submits waits for
/// room, so memory stays bounded however fast items arrive. With one thread, work runs on the caller's.
final class RenderPool: @unchecked Sendable {
    // Everything below is guarded by `condition`.
    private let condition = NSCondition()
    private var queue: [@Sendable () -> Void] = []
    private var head = 0
    private var busy = 0
    private var isClosed = false
    private let capacity: Int
    private let threads: Int
    private var started: [Thread] = []
    private var exited = 0

    init(threads: Int, capacity: Int) {
        self.threads = max(1, threads)
        self.capacity = max(1, capacity)
        guard self.threads > 1 else { return }
        for _ in 0..<self.threads {
            let thread = Thread { [self] in work() }
            thread.stackSize = 8 << 20
            started.append(thread)
            thread.start()
        }
    }

    func submit(_ item: @escaping @Sendable () -> Void) {
        guard threads > 1 else { return item() }
        condition.lock()
        while queue.count - head >= capacity { condition.wait() }
        queue.append(item)
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until everything submitted has run.
    func drain() {
        guard threads > 1 else { return }
        condition.lock()
        while queue.count > head || busy > 0 { condition.wait() }
        queue.removeAll(keepingCapacity: true)
        head = 0
        condition.unlock()
    }

    /// Runs what is waiting, then stops the threads.
    func close() {
        guard threads > 1 else { return }
        drain()
        condition.lock()
        isClosed = true
        condition.broadcast()
        while exited < started.count { condition.wait() }
        condition.unlock()
    }

    private func work() {
        condition.lock()
        while true {
            while queue.count == head && !isClosed { condition.wait() }
            if queue.count == head && isClosed { break }
            let item = queue[head]
            head += 1
            if head > 1024 && head * 2 > queue.count {
                queue.removeFirst(head)
                head = 0
            }
            busy += 1
            condition.broadcast()
            condition.unlock()
            item()
            condition.lock()
            busy -= 1
            condition.broadcast()
        }
        exited += 1
        condition.broadcast()
        condition.unlock()
    }
}
