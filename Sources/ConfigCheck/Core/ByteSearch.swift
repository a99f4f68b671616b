extension StringProtocol {
    /// The byte offset of the first occurrence of `needle`, compared byte for
    /// byte. Rules call this for every word and line of large configs, where
    /// Foundation's and the generic collection searches cost far more.
    func byteOffset(of needle: String) -> Int? {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return 0 }
        func search(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
            guard bytes.count >= pattern.count else { return nil }
            var index = 0
            while index <= bytes.count - pattern.count {
                if bytes[index] == first {
                    var matched = 1
                    while matched < pattern.count, bytes[index + matched] == pattern[matched] { matched += 1 }
                    if matched == pattern.count { return index }
                }
                index += 1
            }
            return nil
        }
        if let found = utf8.withContiguousStorageIfAvailable(search) { return found }
        return Array(utf8).withUnsafeBufferPointer(search)
    }

    /// Whether the text contains `needle`, compared byte for byte.
    func containsBytes(_ needle: String) -> Bool { byteOffset(of: needle) != nil }
}
