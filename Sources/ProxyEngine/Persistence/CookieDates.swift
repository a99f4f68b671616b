import RuntimePlan

/// The dates `maxidle` and `maxlife` put in a persistence cookie's value
/// (`srv|LAST[|FIRST]`): UNIX seconds in 4-second steps, 30 bits written as
/// 5 characters of base64 (src/base64.c `s30tob64`, `b64tos30`), and the
/// checks of src/http_ana.c: a cookie idle longer than `maxidle`, older than
/// `maxlife`, or dated more than a day ahead is ignored.
struct CookieDates: Sendable, Hashable {
    /// The last date seen, in seconds; 0 when absent.
    var last = 0
    /// The first date, in seconds; 0 when absent.
    var first = 0

    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// The dates after the server part of a cookie value (`LAST[|FIRST]`).
    init(_ rest: String?) {
        guard let rest else { return }
        let bytes = Array(rest.utf8)
        if bytes.count >= 5, let value = Self.decode(bytes[0..<5]), value > 0 { last = value << 2 }
        if let bar = bytes.firstIndex(of: UInt8(ascii: "|")), bytes.count - bar > 5,
           let value = Self.decode(bytes[(bar + 1)..<(bar + 6)]), value > 0 {
            first = value << 2
        }
    }

    init() {}

    init(last: Int, first: Int) {
        self.last = last
        self.first = first
    }

    /// Whether the cookie must be ignored at `now` (idle or life exceeded, or dated more than a day ahead).
    func expired(_ cookie: CookiePlan, now: Int) -> Bool {
        if first != 0, let life = cookie.maxLifeSeconds, now - first > life || first - now > 86_400 { return true }
        if last != 0, let idle = cookie.maxIdleSeconds, now - last > idle || last - now > 86_400 { return true }
        return false
    }

    /// Whether the response must carry the cookie again to refresh or fix its dates.
    func needsRefresh(_ cookie: CookiePlan, now: Int) -> Bool {
        ((cookie.maxIdleSeconds != nil || last != 0) && (last == 0 || last - now < 0))
            || (cookie.maxLifeSeconds != nil && first == 0) || (cookie.maxLifeSeconds == nil && first != 0)
    }

    /// The `|LAST[|FIRST]` suffix of an inserted cookie at `now`.
    func suffix(_ cookie: CookiePlan, now: Int) -> String {
        guard cookie.maxIdleSeconds != nil || cookie.maxLifeSeconds != nil else { return "" }
        var text = "|" + Self.encode((now + 3) >> 2)
        if cookie.maxLifeSeconds != nil { text += "|" + Self.encode(first != 0 ? first >> 2 : (now + 3) >> 2) }
        return text
    }

    /// `s30tob64`: the low 30 bits as 5 characters, most significant first.
    static func encode(_ value: Int) -> String {
        var bits = UInt32(truncatingIfNeeded: value)
        var bytes: [UInt8] = []
        for _ in 0..<5 {
            bytes.append(alphabet[Int((bits >> 24) & 0x3F)])
            bits <<= 6
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `b64tos30`: nil for a character outside the alphabet.
    static func decode(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in bytes {
            guard let digit = alphabet.firstIndex(of: byte) else { return nil }
            value = value << 6 | digit
        }
        return value
    }
}
