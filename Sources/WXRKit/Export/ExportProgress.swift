/// How far a conversion has gone, as ``EntitySource/export(to:progress:)`` reports it.
public struct ExportProgress: Sendable, Hashable {
    /// Bytes of input read so far (the reader runs a little ahead of the exporter).
    public var bytesRead: Int
    /// Items (posts, pages, attachments...) passed to the exporter so far.
    public var items: Int

    public init(bytesRead: Int, items: Int) {
        self.bytesRead = bytesRead
        self.items = items
    }
}
