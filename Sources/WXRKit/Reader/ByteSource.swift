/// A stream of bytes read in order: a file, standard input, bytes in memory, or a decoder over one of those.
///
/// The layers of an input stack on this one requirement: ``InputSource`` reads the top one, and each decoder
/// reads the one below it, so a gzipped file on standard input is a ``DeflateDecoder`` over a ``DescriptorSource``.
protocol ByteSource: AnyObject {
    /// Reads up to `buffer.count` bytes into `buffer` and returns how many; 0 only at the end of the stream.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ReadError) -> Int

    /// Why the stream ended before its format said it would (a compressed file cut off), once `read(into:)`
    /// has returned 0; nil when it ended where it should.
    var cutOff: String? { get }
}

extension ByteSource {
    /// The default implementation: a plain stream has no end marker, so it never ends early.
    var cutOff: String? { nil }
}
