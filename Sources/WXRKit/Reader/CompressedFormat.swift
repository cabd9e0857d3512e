/// A compressed or archived file, recognised by its first bytes: what a WordPress export often arrives as.
///
/// WordPress.com hands its export out as a zip; hosts and colleagues pass exports on gzipped, xz'd or
/// bzip2'd. The reader inflates gzip and xz and reads a zip's XML entries as it goes; bzip2 it recognises, so
/// that the user hears what the file is and how to unpack it, rather than an XML error at line 1.
public enum CompressedFormat: String, Sendable, Hashable, CaseIterable {
    case zip, gzip, xz, bzip2

    /// The most bytes ``init(leadingBytes:)`` looks at.
    static let signatureLength = 6

    /// The format whose signature `bytes` starts with, if any.
    public init?(leadingBytes bytes: some Collection<UInt8>) {
        let head = Array(bytes.prefix(Self.signatureLength))
        guard let format = Self.allCases.first(where: { head.starts(with: $0.signature) }) else { return nil }
        self = format
    }

    /// The magic number each format's files start with (zip: a local file header, or the end of an empty
    /// archive).
    private var signature: [UInt8] {
        switch self {
        case .zip: [0x50, 0x4B]                             // "PK", then 03 04, 05 06 or 07 08
        case .gzip: [0x1F, 0x8B]
        case .xz: [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]      // FD "7zXZ" 00
        case .bzip2: [0x42, 0x5A, 0x68]                     // "BZh"
        }
    }

    /// What the format is called in messages.
    public var name: String {
        switch self {
        case .zip: "a zip archive"
        case .gzip: "gzip-compressed"
        case .xz: "xz-compressed"
        case .bzip2: "bzip2-compressed"
        }
    }

    /// How to unpack the file named `path` for wxr, for the message; `<stdin>` gets a pipe.
    public func unpackAdvice(for path: String) -> String {
        guard path != "<stdin>" else {
            let filter = switch self {
            case .zip: "unzip -p EXPORT.zip"
            case .gzip: "gunzip --stdout EXPORT.gz"
            case .xz: "unxz --stdout EXPORT.xz"
            case .bzip2: "bunzip2 --stdout EXPORT.bz2"
            }
            return "unpack it on the way in (\(filter) | wxr ...)"
        }
        let quoted = path.contains(where: { " '\"$`\\".contains($0) })
            ? "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'" : path
        return switch self {
        case .zip: "unpack it first (unzip \(quoted)) and give wxr the .xml file inside"
        case .gzip: "unpack it first (gunzip --keep \(quoted))"
        case .xz: "unpack it first (unxz --keep \(quoted))"
        case .bzip2: "unpack it first (bunzip2 --keep \(quoted))"
        }
    }
}
