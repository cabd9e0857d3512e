import Foundation

/// An export's XML as the parser reads it: a file or standard input, inflated on the way when it is gzip or
/// xz, or one XML entry of a zip; or bytes in memory.
///
/// What the input is comes from its first bytes, never from its name. The layers are ``ByteSource``s, each
/// reading the one below: ``DescriptorSource`` or ``MemorySource`` at the bottom, then ``DeflateDecoder`` or
/// ``XZDecoder``; a zip's entry is a ``ZipEntryReader``. Nothing is unpacked to disk or held whole.
final class InputSource {
    /// The name messages give the input: the path, `<stdin>`, or `site.zip:site.001.xml` for a zip's entry.
    let name: String
    /// Bytes of the input read so far (compressed bytes, for a compressed input); read from any thread.
    let counter = ByteCounter()
    private let top: any ByteSource
    /// The first bytes out of the top layer, read when the input is opened to check it is not empty, and
    /// given out by the first read.
    private var head: [UInt8] = []

    /// Bytes in memory, read as if from a file called `name`; gzip and xz are inflated.
    /// - Throws: ``ReadError/emptyInput(name:)``, ``ReadError/compressedInput(name:format:)`` for bzip2 and a
    ///   zip (read from a file only), or a decoder's error.
    init(bytes: [UInt8], name: String) throws(ReadError) {
        self.name = name
        let memory = MemorySource(bytes: bytes, counter: counter)
        top = try Self.decoding(memory, leadingBytes: bytes.prefix(CompressedFormat.signatureLength), name: name)
        try readHead()
    }

    /// Opens one part of an export: a file or standard input (`"-"`), compressed or not, or one entry of a zip.
    /// - Throws: ``ReadError/cannotOpen(path:reason:)``, ``ReadError/emptyInput(name:)``, and for archives
    ///   the errors ``ZipArchive`` names; a zip on standard input is ``ReadError/zipOnStandardInput``.
    init(part: ExportPart) throws(ReadError) {
        name = part.name
        if let entry = part.entry {
            top = try ZipArchive(path: part.path).makeReader(entry: entry, displayName: name, counter: counter)
        } else {
            let file = try DescriptorSource(path: part.path, counter: counter)
            let leading = try file.peek(count: CompressedFormat.signatureLength)
            if CompressedFormat(leadingBytes: leading) == .zip {
                guard part.path != "-" else { throw .zipOnStandardInput }
                top = try Self.onlyExport(inZipAt: part.path, counter: counter)
            } else {
                top = try Self.decoding(file, leadingBytes: leading, name: name)
            }
        }
        try readHead()
    }

    /// `source` as XML: inflated when its first bytes are gzip's or xz's.
    private static func decoding(
        _ source: any ByteSource, leadingBytes: some Collection<UInt8>, name: String
    ) throws(ReadError) -> any ByteSource {
        if leadingBytes.isEmpty { throw .emptyInput(name: name) }
        switch CompressedFormat(leadingBytes: leadingBytes) {
        case nil: return source
        case .gzip: return try DeflateDecoder(source: source, name: name, framing: .gzip)
        case .xz: return try XZDecoder(source: source, name: name)
        case let format?: throw .compressedInput(name: name, format: format)
        }
    }

    /// The zip's one XML entry; several are parts, which ``ExportPart/parts(of:)`` lists and a caller reads
    /// one by one.
    private static func onlyExport(inZipAt path: String, counter: ByteCounter) throws(ReadError) -> ZipEntryReader {
        let archive = try ZipArchive(path: path)
        let entries = try archive.exportEntryNames()
        guard entries.count == 1 else { throw .severalExportsInZip(path: path, entries: entries) }
        return try archive.makeReader(entry: entries[0], displayName: path, counter: counter)
    }

    /// Reads the first bytes out of the top layer: none is an empty export, even when the file was not.
    private func readHead() throws(ReadError) {
        head = [UInt8](repeating: 0, count: CompressedFormat.signatureLength)
        let count = try fill(&head, from: 0)
        head.removeSubrange(count...)
        if head.isEmpty { throw .emptyInput(name: name) }
    }

    /// Why the input ended early (a compressed file cut off), once a read has returned 0.
    var cutOff: String? { top.cutOff }

    /// Fills `buffer` from the start; returns the number of bytes read, 0 at the end of input.
    func read(into buffer: inout [UInt8]) throws(ReadError) -> Int {
        var total = 0
        if !head.isEmpty {
            total = min(buffer.count, head.count)
            buffer.replaceSubrange(0..<total, with: head[0..<total])
            head.removeSubrange(0..<total)
        }
        return try fill(&buffer, from: total)
    }

    /// Fills `buffer` from `start` to its end, or to the end of input; returns where the bytes end.
    private func fill(_ buffer: inout [UInt8], from start: Int) throws(ReadError) -> Int {
        var total = start
        while total < buffer.count {
            // withUnsafeMutableBytes rethrows untyped errors: the typed one travels in a Result.
            let count = try buffer.withUnsafeMutableBytes { bytes in
                Result { () throws(ReadError) in
                    try top.read(into: UnsafeMutableRawBufferPointer(rebasing: bytes[total...]))
                }
            }.get()
            if count == 0 { break }
            total += count
        }
        return total
    }
}
