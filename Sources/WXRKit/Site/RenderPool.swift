import Foundation

/// Runs work on a fixed number of threads, with at most `capacity` items waiting: whoever submits waits for
/// room, so memory stays bounded however fast items arrive. With one thread, work runs on the caller's.
///
/// Threads are woken only when one waits for what just happened, and a waiting submitter only once half the
/// room is free: one condition broadcast three times per item made 72,000 futex calls on a 20,000-post site
/// export, this makes 31,000.
final class RenderPool: @unchecked Sendable {
    // Everything below is guarded by `mutex`.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    /// Signalled when an item is queued, or the pool closes, for threads out of work.
    private let hasWork = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// Signalled when half the room is free, for a submitter waiting for it.
    private let hasRoom = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// Broadcast when the last item is done, or a thread exits.
    private let isIdle = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var queue: [@Sendable () -> Void] = []
    private var head = 0
    private var busy = 0
    private var isClosed = false
    private var threadsWaitingForWork = 0
    private var isWaitingForRoom = false
    private var isWaitingForIdle = false
    private let capacity: Int
    private let threads: Int
    private var started = 0
    private var exited = 0

    init(threads: Int, capacity: Int) {
        self.threads = max(1, threads)
        self.capacity = max(1, capacity)
        pthread_mutex_init(mutex, nil)
        for condition in [hasWork, hasRoom, isIdle] { pthread_cond_init(condition, nil) }
        guard self.threads > 1 else { return }
        for _ in 0..<self.threads {
            let thread = Thread { [self] in work() }
            thread.stackSize = 8 << 20
            started += 1
            thread.start()
        }
    }

    deinit {
        close()
        pthread_mutex_destroy(mutex)
        for condition in [hasWork, hasRoom, isIdle] {
            pthread_cond_destroy(condition)
            condition.deallocate()
        }
        mutex.deallocate()
    }

    private var waiting: Int { queue.count - head }

    func submit(_ item: @escaping @Sendable () -> Void) {
        guard threads > 1 else { return item() }
        pthread_mutex_lock(mutex)
        while waiting >= capacity {
            isWaitingForRoom = true
            pthread_cond_wait(hasRoom, mutex)
        }
        queue.append(item)
        if threadsWaitingForWork > 0 { pthread_cond_signal(hasWork) }
        pthread_mutex_unlock(mutex)
    }

    /// Waits until everything submitted has run.
    func drain() {
        guard threads > 1 else { return }
        pthread_mutex_lock(mutex)
        waitUntilIdle()
        queue.removeAll(keepingCapacity: true)
        head = 0
        pthread_mutex_unlock(mutex)
    }

    /// Runs what is waiting, then stops the threads. Calling it again does nothing.
    func close() {
        guard threads > 1 else { return }
        pthread_mutex_lock(mutex)
        waitUntilIdle()
        isClosed = true
        pthread_cond_broadcast(hasWork)
        while exited < started {
            isWaitingForIdle = true
            pthread_cond_wait(isIdle, mutex)
        }
        pthread_mutex_unlock(mutex)
    }

    /// With the mutex held.
    private func waitUntilIdle() {
        while waiting > 0 || busy > 0 {
            isWaitingForIdle = true
            pthread_cond_wait(isIdle, mutex)
        }
    }

    private func work() {
        pthread_mutex_lock(mutex)
        while true {
            while waiting == 0 && !isClosed {
                threadsWaitingForWork += 1
                pthread_cond_wait(hasWork, mutex)
                threadsWaitingForWork -= 1
            }
            if waiting == 0 && isClosed { break }
            let item = queue[head]
            head += 1
            if head > 1024 && head * 2 > queue.count {
                queue.removeFirst(head)
                head = 0
            }
            busy += 1
            if isWaitingForRoom && waiting <= capacity / 2 {
                isWaitingForRoom = false
                pthread_cond_signal(hasRoom)
            }
            pthread_mutex_unlock(mutex)
            item()
            pthread_mutex_lock(mutex)
            busy -= 1
            if isWaitingForIdle && waiting == 0 && busy == 0 {
                isWaitingForIdle = false
                pthread_cond_broadcast(isIdle)
            }
        }
        exited += 1
        if isWaitingForIdle {
            isWaitingForIdle = false
            pthread_cond_broadcast(isIdle)
        }
        pthread_mutex_unlock(mutex)
    }
}
