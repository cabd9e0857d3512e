import Foundation

extension EntitySource {
    /// Reads the whole export into `exporter`, finishing it at the end or abandoning it on failure;
    /// `progress`, when given, is called on the caller's thread as the reading goes.
    ///
    /// Reading and exporting overlap: the source is read on a thread of its own, a few batches ahead of the
    /// exporter, which is called on the caller's thread in document order. Memory stays bounded by the batches.
    ///
    /// ```swift
    /// let exporter = try JSONExporter(output: .file(path: "site.json", replacing: false))
    /// let summary = try WXRReader(path: "export.xml").export(to: exporter)
    /// ```
    /// - Throws: ``ReadError`` from a reader, ``PartedExportError`` from a parted export, or the exporter's own
    ///   error; the output is abandoned then.
    @discardableResult
    public func export(to exporter: any Exporter, progress: ((ExportProgress) -> Void)? = nil) throws -> ExportSummary {
        let pipe = EntityPipe(capacity: 4)
        let producer = SourceThread(source: self, pipe: pipe)
        producer.start()
        var summary = ExportSummary()
        do {
            while let batch = try pipe.take() {
                progress?(ExportProgress(bytesRead: bytesRead, items: summary.posts))
                for entity in batch {
                    switch entity {
                    case .site: break
                    case .author: summary.authors += 1
                    case .term: summary.terms += 1
                    case .post(let post):
                        summary.posts += 1
                        summary.comments += post.comments.count
                    }
                    try exporter.write(entity)
                }
            }
            producer.join()
            summary.findings = findings
            summary.outcome = try exporter.finish(findings: summary.findings)
        } catch {
            pipe.cancel()
            producer.join()
            exporter.abandon()
            throw error
        }
        return summary
    }
}

/// Runs a source on its own thread, putting what it reads into a pipe in batches.
private final class SourceThread: @unchecked Sendable {
    // The source is read only by the thread until `join()` returns, then only by the caller (its `bytesRead`
    // excepted, which is safe from any thread).
    private let source: any EntitySource
    private let pipe: EntityPipe
    private let done = DispatchSemaphore(value: 0)

    init(source: any EntitySource, pipe: EntityPipe) {
        self.source = source
        self.pipe = pipe
    }

    func start() {
        let thread = Thread { [self] in
            defer { done.signal() }
            var batch: [WXREntity] = []
            do {
                while let entity = try source.next() {
                    batch.append(entity)
                    if batch.count == 64 {
                        guard pipe.put(batch) else { return }
                        batch = []
                    }
                }
                if !batch.isEmpty { guard pipe.put(batch) else { return } }
                pipe.finish(error: nil)
            } catch {
                if !batch.isEmpty { _ = pipe.put(batch) }
                pipe.finish(error: error)
            }
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    func join() {
        done.wait()
        done.signal()
    }
}

/// A bounded queue of entity batches between the reading thread and the exporting one.
private final class EntityPipe: @unchecked Sendable {
    private let condition = NSCondition()
    private var batches: [[WXREntity]] = []
    private let capacity: Int
    private var isFinished = false
    private var isCancelled = false
    private var failure: (any Error)?

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Waits for room; false when the consumer has given up.
    func put(_ batch: [WXREntity]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= capacity && !isCancelled { condition.wait() }
        guard !isCancelled else { return false }
        batches.append(batch)
        condition.broadcast()
        return true
    }

    func finish(error: (any Error)?) {
        condition.lock()
        isFinished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch; nil at the end; throws the reader's error once what came before it is taken.
    func take() throws -> [WXREntity]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !isFinished { condition.wait() }
        if !batches.isEmpty {
            let batch = batches.removeFirst()
            condition.broadcast()
            return batch
        }
        if let failure { throw failure }
        return nil
    }

    func cancel() {
        condition.lock()
        isCancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
