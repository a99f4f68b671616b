/// Runs `http-request normalize-uri` on a request target as HAProxy 2.6 does (`http_action_normalize_uri`):
/// the `path-*` normalizers work on the path without its query, `query-sort-by-name` on the query, the
/// `percent-*` and `fragment-*` ones on the path and query together. An absolute-form target keeps its
/// scheme and authority. Works on bytes, as HAProxy does, so any target round-trips.
public enum URINormalizer {
    /// The normalized target; nil when a `strict` normalizer meets a malformed `%` sequence (HAProxy answers 400).
    public static func normalize(_ target: String, _ normalization: URINormalization) -> String? {
        let bytes = Array(target.utf8)
        let start = pathStart(bytes)
        let authority = Array(bytes[..<start]), rest = Array(bytes[start...])
        let question = rest.firstIndex(of: UInt8(ascii: "?")) ?? rest.endIndex
        let path = Array(rest[..<question]), query = Array(rest[question...])
        let result: [UInt8]
        switch normalization {
        case .pathMergeSlashes: result = mergeSlashes(path) + query
        case .pathStripDot: result = stripDot(path) + query
        case .pathStripDotDot: result = stripDotDot(path, full: false) + query
        case .pathStripDotDotFull: result = stripDotDot(path, full: true) + query
        case .querySortByName: result = path + sortQuery(query)
        case .percentToUppercase, .percentToUppercaseStrict:
            guard let upper = percentUppercase(rest, strict: normalization == .percentToUppercaseStrict) else { return nil }
            result = upper
        case .percentDecodeUnreserved, .percentDecodeUnreservedStrict:
            guard let decoded = decodeUnreserved(rest, strict: normalization == .percentDecodeUnreservedStrict) else { return nil }
            result = decoded
        case .fragmentStrip: result = Array(rest.prefix { $0 != UInt8(ascii: "#") })
        case .fragmentEncode: result = rest.flatMap { $0 == UInt8(ascii: "#") ? Array("%23".utf8) : [$0] }
        }
        return String(decoding: authority + result, as: UTF8.self)
    }

    /// Where the path starts: after `scheme://authority` in an absolute-form target, else at 0.
    private static func pathStart(_ bytes: [UInt8]) -> Int {
        guard bytes.first != UInt8(ascii: "/"), let scheme = firstIndex(of: Array("://".utf8), in: bytes) else { return 0 }
        let afterScheme = scheme + 3
        return bytes[afterScheme...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") } ?? bytes.count
    }

    private static func firstIndex(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        return (0...(bytes.count - needle.count)).first { Array(bytes[$0..<$0 + needle.count]) == needle }
    }

    /// `path-merge-slashes`: each run of slashes becomes one.
    private static func mergeSlashes(_ path: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        for byte in path where !(byte == UInt8(ascii: "/") && output.last == UInt8(ascii: "/")) { output.append(byte) }
        return output
    }

    /// `path-strip-dot`: every segment that is exactly `.` goes, with the slash after it.
    private static func stripDot(_ path: [UInt8]) -> [UInt8] {
        let segments = path.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        var output: [UInt8] = []
        for (index, segment) in segments.enumerated() where !segment.elementsEqual([UInt8(ascii: ".")]) {
            output += segment
            if index < segments.count - 1 { output.append(UInt8(ascii: "/")) }
        }
        return output
    }

    /// `path-strip-dotdot [full]`: a `..` segment removes itself and the segment before it (an empty one
    /// counts); those that reach above the root stay, unless `full` drops them. A final `/..` acts as `/../`.
    private static func stripDotDot(_ path: [UInt8], full: Bool) -> [UInt8] {
        guard path.first == UInt8(ascii: "/") else { return path }
        var segments = path.dropFirst().split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).map(Array.init)
        // A trailing `/..` is read as `/../`: its result ends with a slash.
        if segments.last == Array("..".utf8) { segments.append([]) }
        var kept: [[UInt8]] = []
        var above = 0
        for (index, segment) in segments.enumerated() {
            let isLast = index == segments.count - 1
            if segment == Array("..".utf8), !isLast {
                if kept.isEmpty { above += 1 } else { kept.removeLast() }
            } else {
                kept.append(segment)
            }
        }
        let prefix = full ? [] : Array(repeating: Array("..".utf8), count: above)
        return [UInt8(ascii: "/")] + (prefix + kept).joined(separator: [UInt8(ascii: "/")])
    }

    /// `query-sort-by-name`: the `&`-separated parameters (the query after its `?`) sorted by name, byte by byte,
    /// a name before the longer names it starts; parameters of the same name keep their order.
    private static func sortQuery(_ query: [UInt8]) -> [UInt8] {
        guard query.first == UInt8(ascii: "?") else { return query }
        // Split as HAProxy splits it: empty parameters count, but a final `&` ends the list without one.
        var parameters: [ArraySlice<UInt8>] = []
        var rest = query.dropFirst()
        while !rest.isEmpty {
            let end = rest.firstIndex(of: UInt8(ascii: "&")) ?? rest.endIndex
            parameters.append(rest[..<end])
            rest = end < rest.endIndex ? rest[(end + 1)...] : []
        }
        let sorted = parameters.enumerated().sorted { left, right in
            let leftName = Array(left.element.prefix { $0 != UInt8(ascii: "=") })
            let rightName = Array(right.element.prefix { $0 != UInt8(ascii: "=") })
            if leftName != rightName { return leftName.lexicographicallyPrecedes(rightName) }
            return left.offset < right.offset
        }
        return [UInt8(ascii: "?")] + sorted.map { Array($0.element) }.joined(separator: [UInt8(ascii: "&")])
    }

    /// `percent-to-uppercase [strict]`: the hex digits of each `%XX` in upper case; with `strict`, a `%`
    /// without two hex digits after it is refused.
    private static func percentUppercase(_ bytes: [UInt8], strict: Bool) -> [UInt8]? {
        var output: [UInt8] = [], index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                if index + 2 < bytes.count, hexValue(bytes[index + 1]) != nil, hexValue(bytes[index + 2]) != nil {
                    output += [byte, upper(bytes[index + 1]), upper(bytes[index + 2])]
                    index += 3
                    continue
                }
                if strict { return nil }
            }
            output.append(byte)
            index += 1
        }
        return output
    }

    /// `percent-decode-unreserved [strict]`: each `%XX` that encodes a letter, digit, `-`, `.`, `_` or `~`
    /// becomes that character; with `strict`, a `%` without two hex digits after it is refused.
    private static func decodeUnreserved(_ bytes: [UInt8], strict: Bool) -> [UInt8]? {
        var output: [UInt8] = [], index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                if index + 2 < bytes.count, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                    let decoded = high << 4 | low
                    output += isUnreserved(decoded) ? [decoded] : [byte, bytes[index + 1], bytes[index + 2]]
                    index += 3
                    continue
                }
                if strict { return nil }
            }
            output.append(byte)
            index += 1
        }
        return output
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"): true
        default: false
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func upper(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) ? byte - 32 : byte
    }
}
