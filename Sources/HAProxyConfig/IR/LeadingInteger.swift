extension Int {
    /// The number HAProxy reads with C's `atol`: the leading digits, the rest
    /// ignored (`10k` is 10); nil when the text does not start with a digit.
    init?(leadingDigitsOf text: String) {
        let digits = text.utf8.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        guard !digits.isEmpty, let value = Int(String(decoding: digits, as: UTF8.self)) else { return nil }
        self = value
    }
}
