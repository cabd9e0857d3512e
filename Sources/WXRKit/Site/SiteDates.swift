/// Dates for front matter: WordPress keeps local time and UTC apart; site generators want one with its offset.
enum SiteDates {
    /// `2022-03-05T10:30:00+02:00` from local `2022-03-05T10:30:00` and UTC `2022-03-05T08:30:00Z`; the local
    /// time alone when UTC is unknown (drafts), the UTC time when only it is known.
    static func withOffset(local: String?, utc: String?) -> String? {
        guard let local, let localSeconds = seconds(local) else { return utc }
        guard let utc, let utcSeconds = seconds(utc) else { return String(local.prefix(19)) }
        let minutes = (localSeconds - utcSeconds) / 60
        // Offsets are whole quarter hours and within a day; anything else is a broken GMT date, not an offset.
        guard minutes % 15 == 0, abs(minutes) <= 14 * 60 else { return String(local.prefix(19)) }
        if minutes == 0 { return String(local.prefix(19)) + "Z" }
        let sign = minutes < 0 ? "-" : "+"
        let hours = abs(minutes) / 60
        let rest = abs(minutes) % 60
        return String(local.prefix(19)) + sign + pad(hours) + ":" + pad(rest)
    }

    /// `YYYY-MM-DD` of an ISO 8601 date, or `nil`.
    static func day(_ date: String?) -> String? {
        guard let date, seconds(date) != nil else { return nil }
        return String(date.prefix(10))
    }

    private static func pad(_ number: Int) -> String {
        number < 10 ? "0\(number)" : String(number)
    }

    /// Seconds since 1970 of `YYYY-MM-DDTHH:MM:SS` (anything after is ignored), by the civil calendar.
    static func seconds(_ text: String) -> Int? {
        let bytes = Array(text.utf8.prefix(19))
        guard bytes.count == 19 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                guard bytes[index] >= 0x30, bytes[index] <= 0x39 else { return nil }
                value = value * 10 + Int(bytes[index] - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
              let minute = number(14..<16), let second = number(17..<19), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        // Days from civil (proleptic Gregorian), March-based year.
        let shifted = month <= 2 ? year - 1 : year
        let era = (shifted >= 0 ? shifted : shifted - 399) / 400
        let yearOfEra = shifted - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return days * 86_400 + hour * 3_600 + minute * 60 + second
    }
}
