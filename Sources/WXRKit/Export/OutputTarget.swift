/// Where an exporter writes.
public enum OutputTarget: Sendable, Hashable {
    /// A file or folder; an existing one is replaced only when `replacing` is true.
    case file(path: String, replacing: Bool)
    case standardOutput

    /// `"-"` is standard output.
    public init(path: String, replacing: Bool) {
        self = path == "-" ? .standardOutput : .file(path: path, replacing: replacing)
    }
}
