extension Finding {
    /// Where the finding is, as reports say it: `line 12`, or `line 12 of site.001.xml` in a site exported in
    /// parts (the part alone for a finding about a whole part); `nil` when it has no line.
    public var placeDescription: String? {
        line.map { ItemSummary.place(line: $0, part: part) } ?? part
    }
}

extension ItemSummary {
    /// `line 12`, or `line 12 of site.001.xml` in a site exported in parts.
    public var placeDescription: String {
        Self.place(line: line, part: part)
    }

    static func place(line: Int, part: String?) -> String {
        part.map { "line \(line) of \($0)" } ?? "line \(line)"
    }
}
