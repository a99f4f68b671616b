extension Int {
    /// The number HAProxy reads with C's `atol`: the leading digits, the rest
    /// ignored (`10k` is 10); nil when the text does not start with a digit.
    init?(leadingDigitsOf text: String) {
        var value = 0, digits = 0
        for byte in text.utf8 {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { break }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, carry) = shifted.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            guard !overflow, !carry else { return nil }
            (value, digits) = (sum, digits + 1)
        }
        guard digits > 0 else { return nil }
        self = value
    }
}
