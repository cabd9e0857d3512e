/// A file or folder name made from a WordPress slug or title: decoded, readable, safe on every operating system,
/// and never more than one path component (a start on the Markdown site export).
///
/// WordPress stores non-ASCII slugs percent-encoded (`%d0%ba%d0%b8%d1%97%d0%b2`): they are decoded. Separators,
/// NUL and control characters, characters Windows refuses, emoji, leading dots, `.` and `..`, and Windows'
/// reserved device names (`CON`, `aux.md`...) can never reach the file system.
///
/// ```swift
/// PathComponent(slug: "%d0%ba%d0%b8%d1%97%d0%b2", title: nil)?.name   // "київ"
/// PathComponent(slug: "../../etc/passwd", title: nil)?.name           // "etc-passwd"
/// PathComponent(slug: nil, title: "Why “Campism” Fails / 2022")?.name  // "why-campism-fails-2022"
/// ```
public struct PathComponent: Hashable, Sendable, CustomStringConvertible {
    public let name: String

    /// The longest name, in UTF-8 bytes: file systems allow 255, and an extension or a "-2" must still fit.
    public static let maximumLength = 100

    /// A name from the slug, or from the title when the slug is empty or unusable; `nil` when neither gives one.
    public init?(slug: String?, title: String?) {
        if let slug, let name = Self.sanitized(PercentEncoding.decoded(slug)) {
            self.name = name
        } else if let title, let name = Self.sanitized(title) {
            self.name = name
        } else {
            return nil
        }
    }

    public var description: String { name }

    private static let windowsReserved: Set<String> = [
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
        "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    ]

    /// Letters and digits of any script kept (lowercased), marks kept with them, everything else a separator.
    ///
    /// As a file name (`asFileName`), case is kept and so are dots inside the name (one at a time, never first or
    /// last), truncation spares the extension, and a name of an extension alone gets the stem `file`:
    /// `My Photo (1).JPG` is `My-Photo-1.JPG`, `.htaccess` is `htaccess`.
    static func sanitized(_ text: String, asFileName: Bool = false) -> String? {
        var stem = text
        var suffix = ""
        if asFileName { (stem, suffix) = fileNameParts(text) }
        stem = truncated(keptCharacters(of: stem, asFileName: asFileName), to: maximumLength - suffix.utf8.count)
        if stem.isEmpty && !suffix.isEmpty { stem = "file" }
        guard !stem.isEmpty else { return nil }
        let device = stem.split(separator: ".").first.map(String.init) ?? stem
        if windowsReserved.contains(device.lowercased()) { stem = device + "-" + stem.dropFirst(device.count) }
        return stem + suffix
    }

    private static func keptCharacters(of text: String, asFileName: Bool) -> String {
        var name = ""
        var pendingDash = false
        for scalar in text.unicodeScalars {
            let isKept: Bool
            if scalar.isASCII {
                // Letters, digits and `_`, decided without Unicode's property tables.
                let byte = UInt8(scalar.value)
                isKept = byte.isASCIILetter || byte.isDecimalDigit || byte == UInt8(ascii: "_")
            } else {
                let properties = scalar.properties
                isKept = (properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark
                    || properties.generalCategory == .spacingMark) && !properties.isEmojiPresentation
            }
            guard isKept else {
                // An apostrophe inside a word joins it ("don’t" is "dont"), as WordPress's own slugs do.
                if scalar == "'" || scalar == "\u{2019}" { continue }
                if asFileName, scalar == ".", !name.isEmpty, name.unicodeScalars.last != "." {
                    name.unicodeScalars.append(".")
                    pendingDash = false
                    continue
                }
                pendingDash = !name.isEmpty && name.unicodeScalars.last != "."
                continue
            }
            if pendingDash { name.unicodeScalars.append("-") }
            pendingDash = false
            if asFileName {
                name.unicodeScalars.append(scalar)
            } else if scalar.isASCII {
                let byte = UInt8(scalar.value)
                name.unicodeScalars.append(Unicode.Scalar(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte))
            } else {
                name.unicodeScalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            }
        }
        // Windows drops a trailing dot, so `a.` and `a` would be one file there.
        while name.hasSuffix(".") { name.removeLast() }
        return name
    }

    /// `name` split before its extension (`.jpg`, with the dot): none when the last dot starts the name or what
    /// follows it is not 1 to 15 ASCII letters and digits, as extensions are.
    static func fileNameParts(_ name: String) -> (stem: String, extension: String) {
        guard let dot = name.lastIndex(of: "."), dot > name.startIndex else { return (name, "") }
        let suffix = name.utf8[name.utf8.index(after: dot)...]
        guard (1...15).contains(suffix.count), suffix.allSatisfy({ $0.isASCIILetter || $0.isDecimalDigit }) else { return (name, "") }
        return (String(name[..<dot]), String(name[dot...]))
    }

    /// At most `limit` bytes, cut between characters, never ending in a dash or a dot.
    private static func truncated(_ name: String, to limit: Int) -> String {
        guard name.utf8.count > limit else { return name }
        var result = ""
        for character in name {
            guard result.utf8.count + character.utf8.count <= limit else { break }
            result.append(character)
        }
        while result.hasSuffix("-") || result.hasSuffix(".") { result.removeLast() }
        return result
    }
}

/// Hands out names so that no two are the same on a case-insensitive file system: the first keeps its name,
/// the next get `-2`, `-3`..., in the order asked, so the same export always gives the same names.
public struct UniqueNames: Sendable {
    /// Fingerprints of the names given out: a folder of a hundred thousand posts holds as many names.
    private var taken: Set<UInt64> = []
    private let foldsCase: Bool

    /// With `foldsCase` false, names that differ only in case are different names (a case-sensitive disk).
    public init(foldsCase: Bool = true) {
        self.foldsCase = foldsCase
    }

    /// `name`, or the first of `name-2`, `name-3`... not given out yet; `wasRenamed` says which.
    public mutating func claim(_ name: String) -> (name: String, wasRenamed: Bool) {
        claim(name) { "\(name)-\($0)" }
    }

    /// `path`, or the first of `2020/01/a-2.jpg`, `2020/01/a-3.jpg`... not given out yet: the number goes before
    /// the file's extension, so the file still opens as what it is.
    public mutating func claim(filePath path: String) -> (name: String, wasRenamed: Bool) {
        let nameStart = path.lastIndex(of: "/").map(path.index(after:)) ?? path.startIndex
        let (stem, suffix) = PathComponent.fileNameParts(String(path[nameStart...]))
        return claim(path) { "\(path[..<nameStart])\(stem)-\($0)\(suffix)" }
    }

    private mutating func claim(_ name: String, numbered: (Int) -> String) -> (name: String, wasRenamed: Bool) {
        func key(_ name: String) -> UInt64 { Fingerprint.of(foldsCase ? name.lowercased() : name) }
        if taken.insert(key(name)).inserted { return (name, false) }
        var number = 2
        while !taken.insert(key(numbered(number))).inserted { number += 1 }
        return (numbered(number), true)
    }
}
