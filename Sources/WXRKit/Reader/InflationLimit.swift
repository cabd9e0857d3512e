/// Where decompressing stops: the guard against a decompression bomb (a small file that inflates to gigabytes).
///
/// wxr never writes what it decompresses, and holds only a chunk of it, so a bomb can cost neither disk nor
/// memory; it could still keep a run busy for minutes on nothing. Real exports are XML, which compresses about
/// 5 to 20 times (a highly repetitive export, some 50 times), so the limit is generous:
/// - past the first 100 MB of output, more than 1000 bytes out for each byte in (deflate's own ceiling is
///   about 1032:1, reached only by runs of one byte: what bombs are made of);
/// - for a zip entry, which declares its size, any byte past the declared size.
struct InflationLimit {
    /// Output up to this is never refused for its ratio: small files may be all markup.
    static let ratioFreeOutput = 100_000_000
    static let maximumRatio = 1000

    private let declaredSize: Int?
    private(set) var produced = 0

    /// A limit for a stream that declares `declaredSize` bytes of output (a zip entry), or none.
    init(declaredSize: Int? = nil) {
        self.declaredSize = declaredSize
    }

    /// Counts `count` more bytes out, against `consumed` bytes in so far; throws once a limit is passed.
    mutating func record(_ count: Int, consumed: Int, name: String) throws(ReadError) {
        produced += count
        if let declaredSize, produced > declaredSize {
            throw .decompressionBomb(name: name, reason: "it inflates past the \(declaredSize) bytes it declares")
        }
        if produced > Self.ratioFreeOutput, produced / max(consumed, 1) > Self.maximumRatio {
            throw .decompressionBomb(
                name: name,
                reason: "past \(Self.ratioFreeOutput / 1_000_000) MB it inflates more than \(Self.maximumRatio) times its compressed size")
        }
    }
}
