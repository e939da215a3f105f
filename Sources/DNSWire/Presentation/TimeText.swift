/// Dates for RRSIG/TKEY times, without Foundation.
public enum TimeText {
    /// `YYYYMMDDHHmmSS` in UTC for seconds since 1970, as RRSIG times are written (RFC 4034 §3.2).
    public static func string(_ seconds: UInt64) -> String {
        var output: [UInt8] = []
        append(seconds, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// `2026-08-13 20:00:00 UTC`, for messages a person reads.
    public static func readable(_ seconds: UInt64) -> String {
        let days = Int(seconds / 86_400)
        let secondsOfDay = Int(seconds % 86_400)
        let (year, month, day) = civilDate(daysSince1970: days)
        var output: [UInt8] = []
        appendPadded(year, 4, to: &output)
        output.append(UInt8(ascii: "-"))
        appendPadded(month, 2, to: &output)
        output.append(UInt8(ascii: "-"))
        appendPadded(day, 2, to: &output)
        output.append(UInt8(ascii: " "))
        appendPadded(secondsOfDay / 3600, 2, to: &output)
        output.append(UInt8(ascii: ":"))
        appendPadded(secondsOfDay / 60 % 60, 2, to: &output)
        output.append(UInt8(ascii: ":"))
        appendPadded(secondsOfDay % 60, 2, to: &output)
        return String(decoding: output, as: UTF8.self) + " UTC"
    }

    /// `YYYYMMDDHHmmSS` in UTC for seconds since 1970 (RFC 4034 §3.2).
    static func append(_ seconds: UInt64, to output: inout [UInt8]) {
        let days = Int(seconds / 86_400)
        let secondsOfDay = Int(seconds % 86_400)
        let (year, month, day) = civilDate(daysSince1970: days)
        appendPadded(year, 4, to: &output)
        appendPadded(month, 2, to: &output)
        appendPadded(day, 2, to: &output)
        appendPadded(secondsOfDay / 3600, 2, to: &output)
        appendPadded(secondsOfDay / 60 % 60, 2, to: &output)
        appendPadded(secondsOfDay % 60, 2, to: &output)
    }

    static func appendPadded(_ value: Int, _ width: Int, to output: inout [UInt8]) {
        let digits = String(value)
        for _ in digits.count..<max(width, digits.count) { output.append(UInt8(ascii: "0")) }
        output.append(contentsOf: digits.utf8)
    }

    /// Gregorian date of a day count (H. Hinnant's days-to-civil algorithm).
    static func civilDate(daysSince1970 days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
