import ConfigDiagnostics

/// A name followed by an optional `(…)` argument list inside one word of a
/// configuration line: `sc_http_req_rate(0)`, `http_auth(admins)`,
/// `table_conn_cur(st)` after a comma.
struct CallInWord: Sendable {
    var name: String
    /// Whether a comma comes just before the name (a converter).
    var isConverter: Bool
    var arguments: [String]
    /// Where the name is.
    var range: SourceRange
    /// Where each argument is.
    var argumentRanges: [SourceRange]

    /// The calls in a word that can start an expression, in order. Names are runs of letters, digits, `_` and `.`.
    static func scan(_ word: String, at range: SourceRange) -> [CallInWord] {
        scan(word, at: range, withArgumentsOnly: false)
    }

    /// The calls written with `(…)` arguments in a word.
    static func scanWithArguments(_ word: String, at range: SourceRange) -> [CallInWord] {
        scan(word, at: range, withArgumentsOnly: true)
    }

    private static func scan(_ word: String, at range: SourceRange, withArgumentsOnly: Bool) -> [CallInWord] {
        // Most words are plain values: skip them without copying.
        guard word.utf8.contains(withArgumentsOnly ? UInt8(ascii: "(") : UInt8(ascii: "_")) else { return [] }
        let bytes = Array(word.utf8)
        func place(_ from: Int, _ to: Int) -> SourceRange { range.slice(of: word, from: from, to: to) }
        func isNameByte(_ byte: UInt8) -> Bool {
            (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) || (byte >= 48 && byte <= 57) || byte == 95 || byte == 46
        }
        var calls: [CallInWord] = []
        var index = 0
        while index < bytes.count {
            guard isNameByte(bytes[index]) else { index += 1; continue }
            let start = index
            while index < bytes.count, isNameByte(bytes[index]) { index += 1 }
            var call = CallInWord(name: String(decoding: bytes[start..<index], as: UTF8.self),
                                  isConverter: start > 0 && bytes[start - 1] == UInt8(ascii: ","),
                                  arguments: [], range: place(start, index), argumentRanges: [])
            if index < bytes.count, bytes[index] == UInt8(ascii: "("),
               let close = bytes[index...].firstIndex(of: UInt8(ascii: ")")) {
                var argumentStart = index + 1
                for position in (index + 1)...close where position == close || bytes[position] == UInt8(ascii: ",") {
                    call.arguments.append(String(decoding: bytes[argumentStart..<position], as: UTF8.self))
                    call.argumentRanges.append(place(argumentStart, position))
                    argumentStart = position + 1
                }
                index = close + 1
            }
            // Only a name that begins the word or follows `[` or `,` is a fetch or converter
            // (not a header name such as `X-src_conn_cur`).
            if start == 0 || [UInt8(ascii: "["), UInt8(ascii: ",")].contains(bytes[start - 1]),
               !withArgumentsOnly || !call.arguments.isEmpty {
                calls.append(call)
            }
        }
        return calls
    }
}
