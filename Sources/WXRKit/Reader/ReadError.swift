/// What stops the reading of an export.
public enum ReadError: Error, Sendable, Hashable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case notWellFormed(line: Int, column: Int, reason: String)
    case notWXR(line: Int, reason: String)
    case ioFailure(reason: String)
    /// The input holds no bytes at all.
    case emptyInput(name: String)
    /// The input is a compressed file or an archive (a WordPress.com zip, a gzipped export), not XML.
    case compressedInput(name: String, format: CompressedFormat)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open \(path): \(reason)"
        case .notWellFormed(let line, let column, let reason): "not well-formed XML at line \(line), column \(column): \(reason)"
        case .notWXR(let line, let reason): "not a WordPress export (line \(line)): \(reason)"
        case .ioFailure(let reason): "read failed: \(reason)"
        case .emptyInput(let name): "\(name): the file is empty"
        case .compressedInput(let name, let format):
            "\(name == "<stdin>" ? "standard input" : name) is \(format.name), not XML: \(format.unpackAdvice(for: name)); "
                + "wxr does not read compressed exports yet"
        }
    }
}
