/// ASCII classes of a UTF-8 byte, for the paths that look at every byte and need no Unicode tables.
extension UInt8 {
    var isDecimalDigit: Bool { self >= 0x30 && self <= 0x39 }
    var isHexDigit: Bool { isDecimalDigit || (self | 0x20 >= 0x61 && self | 0x20 <= 0x66) }
    /// `A`-`Z` or `a`-`z`.
    var isASCIILetter: Bool { self | 0x20 >= 0x61 && self | 0x20 <= 0x7A }
    /// HTML's whitespace: space, tab, line feed, form feed, carriage return.
    var isHTMLSpace: Bool { self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0C || self == 0x0D }
}
