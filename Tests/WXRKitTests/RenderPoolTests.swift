import Foundation
import Synchronization
import Testing
@testable import WXRKit

/// The site export's worker pool: every item runs once, submitters wait for room, close finishes the queue.
@Suite struct RenderPoolTests {
    @Test(arguments: [1, 2, 4])
    func everyItemRunsOnceAndDrainWaitsForThem(threads: Int) {
        let pool = RenderPool(threads: threads, capacity: 8)
        let runs = Mutex<[Int: Int]>([:])
        for item in 0..<2_000 {
            pool.submit { runs.withLock { $0[item, default: 0] += 1 } }
        }
        pool.drain()
        let counted = runs.withLock { $0 }
        #expect(counted.count == 2_000)
        #expect(counted.values.allSatisfy { $0 == 1 })
        pool.close()
    }

    @Test func oneThreadRunsOnTheCallersThread() {
        let pool = RenderPool(threads: 1, capacity: 4)
        let caller = pthread_self()
        let ranHere = Mutex(false)
        pool.submit { ranHere.withLock { $0 = pthread_equal(pthread_self(), caller) != 0 } }
        #expect(ranHere.withLock { $0 })
    }

    /// With every worker blocked, a submitter gets no further than the queue's capacity: memory stays bounded.
    @Test func aSubmitterWaitsForRoom() throws {
        let threads = 2, capacity = 3
        let pool = RenderPool(threads: threads, capacity: capacity)
        let release = DispatchSemaphore(value: 0)
        let accepted = Atomic<Int>(0)
        let submitted = DispatchSemaphore(value: 0)
        let submitter = Thread {
            for _ in 0..<20 {
                pool.submit { release.wait() }
                accepted.add(1, ordering: .relaxed)
            }
            submitted.signal()
        }
        submitter.start()
        // At most two running (blocked) and three waiting; the submitter is held at the next one (it is woken
        // only once half the room is free, so it may stop one short of full).
        let deadline = Date().addingTimeInterval(10)
        while accepted.load(ordering: .relaxed) < capacity + 1 && Date() < deadline { usleep(1_000) }
        Thread.sleep(forTimeInterval: 0.2)
        let held = accepted.load(ordering: .relaxed)
        #expect(held > capacity && held <= threads + capacity, "\(held) accepted")
        for _ in 0..<20 { release.signal() }
        submitted.wait()
        pool.drain()
        #expect(accepted.load(ordering: .relaxed) == 20)
        pool.close()
    }

    @Test func closeRunsWhatIsWaitingAndCanBeCalledAgain() {
        let pool = RenderPool(threads: 3, capacity: 100)
        let done = Atomic<Int>(0)
        for _ in 0..<50 { pool.submit { usleep(100); done.add(1, ordering: .relaxed) } }
        pool.close()
        #expect(done.load(ordering: .relaxed) == 50)
        pool.close()
        pool.drain()
    }
}
