/// The header fields HAProxy interprets while parsing (`h1_parse_xfer_enc_header`,
/// `h1_parse_cont_len_header`), the method, and the authority of a target
/// that `Host` must match.
extension H1HeadParser {
    func transferEncoding(_ value: UnsafeRawBufferPointer, _ head: inout H1Head) throws {
        head.hasTransferEncoding = true
        for item in H1Bytes.listItems(value) {
            head.isChunked = false
            if H1Bytes.equalsLowercased(item, "chunked") {
                if head.sawChunked { throw H1Error.invalidTransferEncoding }
                head.sawChunked = true
                head.isChunked = true
            } else {
                if kind == .request && head.sawChunked { throw H1Error.invalidTransferEncoding }
                head.otherCoding = true
            }
        }
    }

    /// Applies `h1_parse_cont_len_header`: digits only, equal duplicates merged;
    /// returns whether this field is the one kept.
    func contentLength(_ value: UnsafeRawBufferPointer, _ head: inout H1Head) throws -> Bool {
        guard !value.isEmpty else { throw H1Error.invalidContentLength }
        let first = head.contentLength == nil
        var index = 0
        var canonical = true
        while index < value.count {
            if Self.isWhitespace(value[index]) {
                canonical = false
                index += 1
                continue
            }
            var number: UInt64 = 0
            let start = index
            while index < value.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(value[index]) {
                let (times, overflowA) = number.multipliedReportingOverflow(by: 10)
                let (sum, overflowB) = times.addingReportingOverflow(UInt64(value[index] - UInt8(ascii: "0")))
                guard !overflowA, !overflowB, sum < UInt64(Int64.max) else { throw H1Error.invalidContentLength }
                number = sum
                index += 1
            }
            guard index > start else { throw H1Error.invalidContentLength }
            while index < value.count, Self.isWhitespace(value[index]) { index += 1 }
            if index < value.count {
                guard value[index] == UInt8(ascii: ",") else { throw H1Error.invalidContentLength }
                canonical = false
                index += 1
                guard index < value.count else { throw H1Error.invalidContentLength }
            }
            if let known = head.contentLength, known != number { throw H1Error.invalidContentLength }
            head.contentLength = number
        }
        if !canonical { head.needsRewrite = true }
        return first
    }

    static func method(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> H1Method {
        let word = UnsafeRawBufferPointer(rebasing: bytes[range])
        if H1Bytes.equals(word, "GET") { return .get }
        if H1Bytes.equals(word, "HEAD") { return .head }
        if H1Bytes.equals(word, "POST") { return .post }
        if H1Bytes.equals(word, "CONNECT") { return .connect }
        return .other
    }

    static func equalIgnoringCase<A: Collection, B: Collection>(_ left: A, _ right: B) -> Bool
    where A.Element == UInt8, B.Element == UInt8 {
        left.count == right.count && zip(left, right).allSatisfy { H1Bytes.lowercased($0) == H1Bytes.lowercased($1) }
    }

    /// The authority of an absolute-form or authority-form target (user info removed), empty for origin form.
    static func authority(_ target: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer.SubSequence {
        guard let first = target.first, first != UInt8(ascii: "/"), first != UInt8(ascii: "*") else { return target[0..<0] }
        var start = target.startIndex
        if let scheme = Self.find(Array("://".utf8), in: target) { start = scheme + 3 }
        var end = start
        while end < target.endIndex, target[end] != UInt8(ascii: "/"), target[end] != UInt8(ascii: "?"),
              target[end] != UInt8(ascii: "#") { end += 1 }
        var authority = target[start..<end]
        if let at = authority.lastIndex(of: UInt8(ascii: "@")) { authority = target[(at + 1)..<end] }
        return authority
    }

    /// An absolute or authority-form target's authority as absolute offsets, with the port
    /// HAProxy's scheme-based normalisation drops (`:80` for http, `:443` for https, an empty port).
    static func targetAuthority(_ bytes: UnsafeRawBufferPointer, _ target: Range<Int>) -> (authority: Range<Int>, droppedPort: Range<Int>?)? {
        let text = UnsafeRawBufferPointer(rebasing: bytes[target])
        let found = authority(text)
        guard !found.isEmpty else { return nil }
        let start = target.lowerBound + found.startIndex, end = target.lowerBound + found.endIndex
        let scheme = find(Array("://".utf8), in: text).map { text[0..<$0] }
        let defaultPort: String? = scheme.flatMap { scheme in
            H1Bytes.equalsLowercased(scheme, "http") ? "80" : H1Bytes.equalsLowercased(scheme, "https") ? "443" : nil
        }
        guard let defaultPort, let colon = found.lastIndex(of: UInt8(ascii: ":")),
              !found[colon...].contains(UInt8(ascii: "]")) else { return (start..<end, nil) }
        let port = found[(colon + 1)...]
        guard port.isEmpty || port.elementsEqual(defaultPort.utf8) else { return (start..<end, nil) }
        let cut = target.lowerBound + colon
        return (start..<cut, cut..<end)
    }

    /// An authority or `Host` value without one of the default ports or an empty port, for comparing.
    static func withoutDefaultPort(_ value: UnsafeRawBufferPointer.SubSequence, _ defaults: [String]) -> UnsafeRawBufferPointer.SubSequence {
        guard !defaults.isEmpty, let colon = value.lastIndex(of: UInt8(ascii: ":")), !value[colon...].contains(UInt8(ascii: "]")) else {
            return value
        }
        let port = value[(colon + 1)...]
        return port.isEmpty || defaults.contains(where: { port.elementsEqual($0.utf8) }) ? value[..<colon] : value
    }

    /// The ports HAProxy treats as default for a target: `80` for http, `443` for https, both for `CONNECT`.
    static func defaultPorts(_ bytes: UnsafeRawBufferPointer, _ head: H1Head) -> [String] {
        if head.method == .connect { return ["80", "443"] }
        let text = UnsafeRawBufferPointer(rebasing: bytes[head.second])
        guard let scheme = find(Array("://".utf8), in: text).map({ text[0..<$0] }) else { return [] }
        return H1Bytes.equalsLowercased(scheme, "http") ? ["80"] : H1Bytes.equalsLowercased(scheme, "https") ? ["443"] : []
    }

    private static func find(_ needle: [UInt8], in haystack: UnsafeRawBufferPointer) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }
}
