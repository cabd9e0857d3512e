import Yams

extension YAMLEmitter {
    /// What libyaml's scalar analysis finds in a text, reduced to what matters outside flow collections
    /// (where we never write a scalar): which styles could carry it and read back as the same text.
    struct ScalarTraits {
        /// Holds a line break: LF, CR, NEL, U+2028 or U+2029.
        private(set) var isMultiline = false
        /// Unquoted: no indicator where the reader would take it as one, no space or break at either end,
        /// nothing to escape.
        private(set) var allowsPlain = true
        /// Single quotes: nothing to escape, no space next to a line break (the reader would fold it away).
        private(set) var allowsSingleQuoted = true
        /// `|` or `>`: not empty, nothing to escape, no space at the end or before a line break.
        private(set) var allowsBlock = true
        /// Holds a `'`, which single quotes double.
        private(set) var hasApostrophe = false

        init(_ text: UnsafeBufferPointer<UInt8>) {
            guard !text.isEmpty else {
                allowsBlock = false
                return
            }
            var hasIndicator = text.count >= 3 && text[0] == text[1] && text[1] == text[2]
                && (text[0] == UInt8(ascii: "-") || text[0] == UInt8(ascii: "."))   // `---`, `...`: document markers
            var mustEscape = false
            var hasSpaceOrBreakAtEnds = false
            var hasTrailingSpace = false
            var hasSpaceAfterBreak = false
            var hasSpaceBeforeBreak = false
            var previousIsSpace = false
            var previousIsBreak = false
            var previousIsBlank = true   // the start counts as whitespace before a `#`
            var index = 0
            while index < text.count {
                let byte = text[index]
                // Most text is runs of letters, digits and punctuation that mean nothing after the first
                // character: skip them without the checks below.
                if index > 0, case let width = UTF8Text.inertWidth(text, at: index), width > 0 {
                    index += width
                    while index < text.count, case let width = UTF8Text.inertWidth(text, at: index), width > 0 {
                        index += width
                    }
                    previousIsSpace = false
                    previousIsBreak = false
                    previousIsBlank = false
                    continue
                }
                if byte == UInt8(ascii: " ") && index > 0 && index + 1 < text.count {   // a space between words
                    if previousIsBreak { hasSpaceAfterBreak = true }
                    previousIsSpace = true
                    previousIsBreak = false
                    previousIsBlank = true
                    index += 1
                    continue
                }
                let width = UTF8Text.width(ofCharacterStartingWith: byte)
                let isBreak = UTF8Text.lineBreakWidth(text, at: index) != nil
                if byte < 0x80 {
                    if Self.isIndicator(byte, at: index, in: text, afterBlank: previousIsBlank) { hasIndicator = true }
                    if byte == UInt8(ascii: "'") { hasApostrophe = true }
                }
                if !UTF8Text.isPrintable(text, at: index) { mustEscape = true }
                let isLast = index + width == text.count
                if byte == UInt8(ascii: " ") {
                    if index == 0 || isLast { hasSpaceOrBreakAtEnds = true }
                    if isLast { hasTrailingSpace = true }
                    if previousIsBreak { hasSpaceAfterBreak = true }
                    previousIsSpace = true
                    previousIsBreak = false
                } else if isBreak {
                    isMultiline = true
                    if index == 0 || isLast { hasSpaceOrBreakAtEnds = true }
                    if previousIsSpace { hasSpaceBeforeBreak = true }
                    previousIsSpace = false
                    previousIsBreak = true
                } else {
                    previousIsSpace = false
                    previousIsBreak = false
                }
                previousIsBlank = UTF8Text.isBlankOrEnd(text, at: index)
                index += width
            }
            let spaceBesideBreak = hasSpaceAfterBreak || hasSpaceBeforeBreak
            allowsPlain = !(hasIndicator || isMultiline || hasSpaceOrBreakAtEnds || spaceBesideBreak || mustEscape)
            allowsSingleQuoted = !(spaceBesideBreak || mustEscape)
            allowsBlock = !(hasTrailingSpace || hasSpaceBeforeBreak || mustEscape)
        }

        /// Whether the ASCII `byte` would be read as YAML syntax in a plain scalar outside flow collections:
        /// most indicators only at the start, `-`, `?` and `:` only before whitespace, `#` only after it.
        private static func isIndicator(_ byte: UInt8, at index: Int, in text: UnsafeBufferPointer<UInt8>,
                                        afterBlank: Bool) -> Bool {
            if index == 0 {
                switch byte {
                case UInt8(ascii: "#"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
                     UInt8(ascii: "}"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
                     UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
                     UInt8(ascii: "`"):
                    return true
                case UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: "-"):
                    return UTF8Text.isBlankOrEnd(text, at: index + 1)
                default:
                    return false
                }
            }
            switch byte {
            case UInt8(ascii: ":"): return UTF8Text.isBlankOrEnd(text, at: index + 1)
            case UInt8(ascii: "#"): return afterBlank
            default: return false
            }
        }

        /// libyaml's choice: the style asked for (plain for `.any`) unless the text forbids it, then single
        /// quotes, then double quotes, which carry anything. A key on one line is never empty and unquoted
        /// nor a block; `multiline` keys are written after `?`, so `isSimpleKey` never meets a line break.
        func style(for requested: Node.Scalar.Style, isEmpty: Bool, isSimpleKey: Bool) -> Node.Scalar.Style {
            var style = requested == .any ? .plain : requested
            if isSimpleKey && isMultiline { style = .doubleQuoted }
            if style == .plain && (!allowsPlain || (isEmpty && isSimpleKey)) { style = .singleQuoted }
            if style == .singleQuoted && !allowsSingleQuoted { style = .doubleQuoted }
            if (style == .literal || style == .folded) && (!allowsBlock || isSimpleKey) { style = .doubleQuoted }
            return style
        }
    }

    /// libyaml's character classes, read from UTF-8 bytes. Texts come from Swift strings, so valid UTF-8.
    enum UTF8Text {
        /// The width of the character at `index` when, past the first character, it changes nothing in the
        /// choice of style nor in how quotes write it: printable, not a space, a line break, `:`, `#` or `'`.
        /// 0 for any other, and for a few rare printable ones (U+E000 to U+FFFD) left to the full checks.
        static func inertWidth(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
            let byte = text[index]
            switch byte {
            case 0x21 ... 0x7E:
                return byte == UInt8(ascii: ":") || byte == UInt8(ascii: "#") || byte == UInt8(ascii: "'") ? 0 : 1
            case 0xC2: return text[index + 1] >= 0xA0 ? 2 : 0   // not U+0080 to U+009F, NEL among them
            case 0xC3 ... 0xDF: return 2
            case 0xE2: return text[index + 1] == 0x80 && text[index + 2] | 1 == 0xA9 ? 0 : 3   // U+2028, U+2029
            case 0xE0, 0xE1, 0xE3 ... 0xEE: return 3   // valid UTF-8 holds no surrogates (ED A0 to ED BF)
            default: return 0
            }
        }

        static func width(ofCharacterStartingWith byte: UInt8) -> Int {
            byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
        }

        /// The width of the line break at `index` (LF, CR, NEL, U+2028 or U+2029), or nil.
        static func lineBreakWidth(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
            guard index < text.count else { return nil }
            switch text[index] {
            case 0x0A, 0x0D: return 1
            case 0xC2: return text[index + 1] == 0x85 ? 2 : nil
            case 0xE2: return text[index + 1] == 0x80 && (text[index + 2] | 1) == 0xA9 ? 3 : nil
            default: return nil
            }
        }

        /// A space, tab, line break, NUL, or the end of the text: what ends a `: ` or starts a ` #`.
        static func isBlankOrEnd(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
            guard index < text.count else { return true }
            switch text[index] {
            case 0x20, 0x09, 0x00: return true
            default: return lineBreakWidth(text, at: index) != nil
            }
        }

        /// YAML 1.1's printable set as libyaml tests it: LF, ASCII from space to `~`, U+00A0 to U+FFFD
        /// except surrogates and U+FEFF. Tabs, carriage returns, C1 controls and every character beyond
        /// U+FFFF (emoji) are not, and force double quotes.
        static func isPrintable(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
            let byte = text[index]
            switch byte {
            case 0x0A, 0x20 ... 0x7E: return true
            case 0xC2: return text[index + 1] >= 0xA0
            case 0xC3 ... 0xEC, 0xEE: return true
            case 0xED: return text[index + 1] < 0xA0
            case 0xEF:
                let second = text[index + 1], third = text[index + 2]
                return !(second == 0xBB && third == 0xBF) && !(second == 0xBF && third >= 0xBE)
            default: return false
            }
        }

        /// Whether double quotes must escape the character: not printable, a line break, `"` or `\`.
        static func needsEscape(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
            let byte = text[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return true }
            return !isPrintable(text, at: index) || lineBreakWidth(text, at: index) != nil
        }

        static func codePoint(_ text: UnsafeBufferPointer<UInt8>, at index: Int, width: Int) -> UInt32 {
            let lead = UInt32(text[index])
            var value = width == 1 ? lead : width == 2 ? lead & 0x1F : width == 3 ? lead & 0x0F : lead & 0x07
            for offset in 1 ..< width {
                value = value << 6 | UInt32(text[index + offset] & 0x3F)
            }
            return value
        }

        /// The index where the character ending just before `end` starts; nil at the start of the text.
        static func startOfCharacter(before end: Int, in text: UnsafeBufferPointer<UInt8>) -> Int? {
            guard end > 0 else { return nil }
            var index = end - 1
            while index > 0 && text[index] & 0xC0 == 0x80 { index -= 1 }
            return index
        }
    }
}
