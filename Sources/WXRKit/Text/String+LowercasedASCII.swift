extension String {
    /// The string lowercased, on bytes when it is ASCII (slugs, URLs and tag names mostly are: a hot path of the
    /// site export and the link check), by Unicode's rules otherwise.
    var lowercasedFast: String {
        var hasUpper = false
        for byte in utf8 {
            if byte >= 0x80 { return lowercased() }
            if byte >= 0x41 && byte <= 0x5A { hasUpper = true }
        }
        guard hasUpper else { return self }
        return String(decoding: utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
    }
}
