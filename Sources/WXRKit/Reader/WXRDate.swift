import Foundation

/// Turns the date formats of WXR into ISO 8601.
public enum WXRDate {
    /// `"2022-10-11 10:30:00"` (a local time) to `"2022-10-11T10:30:00"`; `nil` for the zero date or non-dates.
    public static func local(_ raw: String) -> String? {
        iso(raw, suffix: "")
    }

    /// `"2022-10-11 09:30:00"` (UTC) to `"2022-10-11T09:30:00Z"`; `nil` for the zero date or non-dates.
    public static func gmt(_ raw: String) -> String? {
        iso(raw, suffix: "Z")
    }

    private static func iso(_ raw: String, suffix: String) -> String? {
        let bytes = Array(raw.utf8).trimmingASCIIWhitespace()
        guard bytes.count == 19, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x20 || bytes[10] == 0x54,
              bytes[13] == 0x3A, bytes[16] == 0x3A,
              let year = number(bytes, 0, 4), let month = number(bytes, 5, 2), let day = number(bytes, 8, 2),
              let hour = number(bytes, 11, 2), let minute = number(bytes, 14, 2), let second = number(bytes, 17, 2),
              year > 0, (1...12).contains(month), (1...31).contains(day),
              hour < 24, minute < 60, second < 60
        else { return nil }
        var iso = bytes
        iso[10] = UInt8(ascii: "T")
        return String(decoding: iso, as: UTF8.self) + suffix
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// An RFC 822 date as RSS writes it (`"Tue, 11 Oct 2022 10:30:00 +0000"`) to ISO 8601 with its offset
    /// (`"2022-10-11T10:30:00Z"`, `"2022-10-11T10:30:00+02:00"`); `nil` when it does not parse.
    public static func rfc822(_ raw: String) -> String? {
        var parts = raw.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).map(String.init)
        if let first = parts.first, first.hasSuffix(",") || first.allSatisfy(\.isLetter) { parts.removeFirst() }
        guard parts.count >= 4,
              let day = Int(parts[0]), (1...31).contains(day),
              let monthIndex = months.firstIndex(of: parts[1].prefix(3).lowercased()),
              let year = Int(parts[2]), (1...9999).contains(year), parts[2].count == 4
        else { return nil }
        let time = parts[3].split(separator: ":").map { Int($0) }
        guard time.count == 2 || time.count == 3, time.allSatisfy({ $0 != nil }) else { return nil }
        let hour = time[0]!, minute = time[1]!, second = time.count == 3 ? time[2]! : 0
        guard hour < 24, minute < 60, second < 61 else { return nil }
        let offset: String
        switch parts.count > 4 ? parts[4].uppercased() : "GMT" {
        case "GMT", "UT", "UTC", "Z", "+0000", "-0000": offset = "Z"
        case let zone where zone.count == 5 && (zone.first == "+" || zone.first == "-")
            && zone.dropFirst().allSatisfy(\.isASCII) && Int(zone.dropFirst()) != nil:
            offset = "\(zone.prefix(3)):\(zone.suffix(2))"
        default: return nil
        }
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(monthIndex + 1, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))\(offset)"
    }

    private static func number(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for byte in bytes[start..<start + count] {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }
}

extension Array where Element == UInt8 {
    func trimmingASCIIWhitespace() -> [UInt8] {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else { return [] }
        return Array(self[start...end])
    }
}

extension WXRDate {
    /// True for WordPress's way of saying "no date": `0000-00-00 00:00:00` (and RSS's `-0001` year).
    public static func isZero(_ raw: String) -> Bool {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.hasPrefix("0000-00-00") || trimmed.contains(" -0001 ")
    }
}
