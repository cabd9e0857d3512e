/// Reads the integers of WXR (ids, parents, menu order): decimal text, optional sign and surrounding whitespace.
public enum WXRInteger {
    /// The value, or `nil` when the text is not an integer.
    public static func parse(_ raw: String) -> Int? {
        let bytes = Array(raw.utf8).trimmingASCIIWhitespace()
        guard !bytes.isEmpty else { return nil }
        return Int(String(decoding: bytes, as: UTF8.self))
    }
}
