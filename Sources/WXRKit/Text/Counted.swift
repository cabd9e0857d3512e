/// A number of things in words, as wxr's messages print them: `1 comment`, `2 comments`, `1,980 files`.
///
/// One place decides plurals and digit grouping, so that no message says "1 authors" or "post(s)".
///
/// ```swift
/// "\(Counted(1, "author"))"                        // 1 author
/// "\(Counted(12_345, "entry"))"                    // 12,345 entries
/// "\(Counted(2, "media file"))"                    // 2 media files
/// ```
public struct Counted: Sendable, Hashable, CustomStringConvertible {
    public var count: Int
    public var singular: String
    public var plural: String

    /// `plural` defaults to the English regular plural of `singular`'s last word.
    public init(_ count: Int, _ singular: String, plural: String? = nil) {
        self.count = count
        self.singular = singular
        self.plural = plural ?? Self.regularPlural(of: singular)
    }

    public var description: String {
        "\(Self.grouped(count)) \(count == 1 ? singular : plural)"
    }

    /// `1980` as `1,980`, the same in every locale.
    public static func grouped(_ number: Int) -> String {
        var digits = Array(String(number.magnitude))
        var index = digits.count - 3
        while index > 0 {
            digits.insert(",", at: index)
            index -= 3
        }
        return (number < 0 ? "-" : "") + String(digits)
    }

    private static func regularPlural(of noun: String) -> String {
        let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
        if noun.hasSuffix("y"), noun.count > 1, !vowels.contains(noun.dropLast().last!) {
            return noun.dropLast() + "ies"
        }
        if ["s", "x", "z", "ch", "sh"].contains(where: { noun.hasSuffix($0) }) { return noun + "es" }
        return noun + "s"
    }
}
