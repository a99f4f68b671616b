import Foundation

/// Applies one converter to a sample as HAProxy 2.6 does: nil when the
/// converter fails (the whole sample expression then fails), strings cast
/// to integers by their leading digits, integers to strings in decimal.
enum SampleConverter {
    static func apply(_ converter: Converter, to sample: Sample, _ facts: RequestFacts) -> Sample? {
        let arguments = converter.arguments
        switch converter.name {
        case .lower: return .string(sample.stringValue.lowercased())
        case .upper: return .string(sample.stringValue.uppercased())
        case .length: return .integer(Int64(sample.textBytes.count))
        case .hex: return .string(sample.bytes.map { String(format: "%02X", $0) }.joined())
        case .hex2i: return hexToInteger(sample.textBytes)
        case .base64: return .string(Data(sample.bytes).base64EncodedString())
        case .ub64enc:
            let text = Data(sample.bytes).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            return .string(String(text.prefix { $0 != "=" }))
        case .urlEncode:
            // `url_enc([query])`: every byte but RFC 3986's unreserved characters as %XX (only `query` is defined).
            guard arguments.first.map({ $0 == "query" }) ?? true else { return nil }
            return .string(sample.stringValue.utf8.map { byte in
                Self.unreserved.contains(byte) ? String(UnicodeScalar(byte)) : String(format: "%%%02X", byte)
            }.joined())
        case .urlDecode: return urlDecode(sample.stringValue, form: arguments.first.flatMap { Int($0) } ?? 0 != 0)
        case .field: return split(sample.stringValue, arguments, words: false)
        case .word: return split(sample.stringValue, arguments, words: true)
        case .regsub: return regsub(sample.stringValue, arguments)
        case .ipmask: return ipmask(sample.stringValue, arguments)
        case .add, .sub, .mul, .div, .mod, .and, .or, .xor:
            guard let left = integer(sample), let argument = arguments.first, let right = operand(argument, facts) else { return nil }
            return arithmetic(converter.name, left, right)
        case .neg: return integer(sample).map { .integer(0 &- $0) }
        case .not: return integer(sample).map { .boolean($0 == 0) }
        case .bool: return integer(sample).map { .boolean($0 != 0) }
        case .crc32:
            return .integer(Int64(BinaryConverters.avalanche(CRC32.checksum(sample.bytes), arguments)))
        case .djb2: return .integer(Int64(hash(sample, arguments) { $0 &* 33 &+ $1 }(5381)))
        case .sdbm: return .integer(Int64(hash(sample, arguments) { $1 &+ ($0 << 6) &+ ($0 << 16) &- $0 }(0)))
        case .concat:
            let middle = arguments.count > 1 && !arguments[1].isEmpty ? facts.variables[arguments[1]]?.stringValue ?? "" : ""
            return .string(sample.stringValue + (arguments.first ?? "") + middle + (arguments.count > 2 ? arguments[2] : ""))
        case .strcmp:
            guard let name = arguments.first, let other = facts.variables[name] else { return nil }
            let left = Array(sample.stringValue.utf8), right = Array(other.stringValue.utf8)
            return .integer(left == right ? 0 : (left.lexicographicallyPrecedes(right) ? -1 : 1))
        case .json: return .string(json(sample.stringValue))
        case .httpDate:
            guard let seconds = integer(sample) else { return nil }
            return .string(httpDate(seconds + (arguments.first.flatMap { Int64($0) } ?? 0)))
        case .iif:
            guard arguments.count == 2 else { return nil }
            return .string(sample.truthValue ? arguments[0] : arguments[1])
        case .b64dec:
            return Data(base64Encoded: sample.stringValue).map { .binary(Array($0)) }
        case .ub64dec:
            // base64url: `-` and `_` for `+` and `/`, the padding left out.
            var text = sample.stringValue.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            guard !text.contains("=") else { return nil }
            text += String(repeating: "=", count: (4 - text.utf8.count % 4) % 4)
            return Data(base64Encoded: text).map { .binary(Array($0)) }
        case .bytes:
            let bytes = sample.bytes
            guard let offset = arguments.first.flatMap({ Int($0) }), offset >= 0, offset <= bytes.count else { return nil }
            let length = arguments.count > 1 ? Int(arguments[1]).map { min($0, bytes.count - offset) } : bytes.count - offset
            guard let length, length >= 0 else { return nil }
            return .binary(Array(bytes[offset..<(offset + length)]))
        case .table:
            if let item = arguments.first, TableConverter.timing.contains(item) {
                // `table_expire`/`table_idle(TABLE[,DEFAULT])`: without an entry, the default or nothing.
                guard let session = facts.stickCounters?.session,
                      let found = session.tableTiming(item, table: arguments[1], key: sample.stringValue) else { return nil }
                return (found ?? (arguments.count > 2 ? Int64(arguments[2]) : nil)).map { .integer($0) }
            }
            // `table_DATA([IDX,]TABLE)`: the data of the entry the sample is the key of; 0 without an entry.
            guard let item = arguments.first, let table = arguments.last, let session = facts.stickCounters?.session else { return nil }
            let index = arguments.count == 3 ? Int(arguments[1]) : nil
            guard let value = session.tableValue(item, index: index, table: table, key: sample.stringValue) else { return nil }
            return item == TableConverter.inTable ? .boolean(value != 0) : .integer(value)
        case .sha1, .sha2, .digest, .hmac, .crc32c, .wt6, .xxh3, .xxh32, .xxh64, .be2dec, .be2hex, .secureMemcmp, .addItem:
            return BinaryConverters.apply(converter, to: sample, facts)
        case .map:
            return converter.map.flatMap { MapLookup.apply($0, sample, defaultValue: arguments.count > 1 ? arguments[1] : nil) }
        case .ltrim: return .string(String(sample.stringValue.drop { (arguments.first ?? "").contains($0) }))
        case .rtrim:
            var text = Substring(sample.stringValue)
            while let last = text.last, (arguments.first ?? "").contains(last) { text = text.dropLast() }
            return .string(String(text))
        }
    }

    /// RFC 3986's unreserved characters, which `url_enc` keeps.
    private static let unreserved = Set(Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~".utf8))

    /// A sample as an integer: an integer as it is, a boolean as 0/1, a string by its leading digits.
    static func integer(_ sample: Sample) -> Int64? {
        switch sample {
        case .integer(let value): return value
        case .boolean(let value): return value ? 1 : 0
        case .string(let text):
            let digits = text.prefix { $0.isNumber || $0 == "-" || $0 == "+" }
            return Int64(digits)
        case .binary: return nil
        }
    }

    /// An arithmetic operand: a number, or the name of a variable holding one.
    private static func operand(_ argument: String, _ facts: RequestFacts) -> Int64? {
        if let value = Int64(argument) { return value }
        return facts.variables[argument].flatMap(integer)
    }

    private static func arithmetic(_ name: Converter.Name, _ left: Int64, _ right: Int64) -> Sample? {
        switch name {
        case .add: return .integer(left &+ right)
        case .sub: return .integer(left &- right)
        case .mul: return .integer(left &* right)
        // HAProxy's div and mod by zero give the largest integer and 0.
        case .div: return .integer(right == 0 ? Int64.max : left.dividedReportingOverflow(by: right).partialValue)
        case .mod: return .integer(right == 0 ? 0 : left.remainderReportingOverflow(dividingBy: right).partialValue)
        case .and: return .integer(left & right)
        case .or: return .integer(left | right)
        default: return .integer(left ^ right)
        }
    }

    /// `djb2`/`sdbm` over the bytes, with HAProxy's optional avalanche.
    private static func hash(_ sample: Sample, _ arguments: [String],
                             _ step: @escaping (UInt32, UInt32) -> UInt32) -> (UInt32) -> UInt32 {
        { seed in
            BinaryConverters.avalanche(sample.bytes.reduce(seed) { step($0, UInt32($1)) }, arguments)
        }
    }

    /// `field(index,delimiters[,count])` and `word(…)`: words skip empty pieces; a negative index counts from the end.
    private static func split(_ text: String, _ arguments: [String], words: Bool) -> Sample? {
        guard arguments.count >= 2, let index = Int(arguments[0]), index != 0 else { return nil }
        let delimiters = Set(arguments[1])
        let count = arguments.count > 2 ? Int(arguments[2]) ?? 1 : 1
        guard count >= 0 else { return nil }
        let pieces = text.split(omittingEmptySubsequences: words, whereSeparator: { delimiters.contains($0) })
        let joiner = String(arguments[1].prefix(1))
        let start = index > 0 ? index - 1 : pieces.count + index
        // A field that is not there fails the sample (an ACL's `-m found` is false), as in HAProxy.
        guard pieces.indices.contains(start) else { return nil }
        if index > 0 {
            let end = count == 0 ? pieces.count : min(pieces.count, start + count)
            return .string(pieces[start..<end].joined(separator: joiner))
        }
        let first = count == 0 ? 0 : max(0, start - count + 1)
        return .string(pieces[first...start].joined(separator: joiner))
    }

    /// `regsub(regex,substitution[,flags])`: `g` replaces every match, `i` ignores case; `\1` refers to groups.
    private static func regsub(_ text: String, _ arguments: [String]) -> Sample? {
        guard arguments.count >= 2 else { return nil }
        let flags = arguments.count > 2 ? arguments[2] : ""
        guard let regex = try? NSRegularExpression(pattern: arguments[0], options: flags.contains("i") ? [.caseInsensitive] : [])
        else { return nil }
        let template = arguments[1].replacingOccurrences(of: "$", with: "\\$")
            .replacingOccurrences(of: #"\\([0-9])"#, with: "\\$$1", options: .regularExpression)
        let whole = NSRange(text.startIndex..., in: text)
        guard flags.contains("g") else {
            guard let match = regex.firstMatch(in: text, range: whole), let range = Range(match.range, in: text) else {
                return .string(text)
            }
            let replacement = regex.replacementString(for: match, in: text, offset: 0, template: template)
            return .string(text.replacingCharacters(in: range, with: replacement))
        }
        return .string(regex.stringByReplacingMatches(in: text, range: whole, withTemplate: template))
    }

    /// `ipmask(mask4[,mask6])`: the network part of an address, masked by a length or a dotted mask.
    private static func ipmask(_ text: String, _ arguments: [String]) -> Sample? {
        guard let address = IPAddressBytes(text) else { return nil }
        let isV4 = address.bytes.count == 4
        let argument = isV4 ? arguments.first : (arguments.count > 1 ? arguments[1] : nil)
        guard let argument else { return nil }
        let bits: Int
        if let length = Int(argument) {
            bits = length
        } else if isV4, let mask = IPAddressBytes(argument), mask.bytes.count == 4 {
            bits = mask.bytes.reduce(0) { $0 + $1.nonzeroBitCount }
        } else {
            return nil
        }
        guard (0...address.bytes.count * 8).contains(bits) else { return nil }
        let masked = address.bytes.enumerated().map { index, byte -> UInt8 in
            let kept = min(8, max(0, bits - index * 8))
            return kept == 0 ? 0 : byte & ~UInt8((1 << (8 - kept)) - 1)
        }
        return .string(addressText(masked))
    }

    /// An address in its usual text form (dotted IPv4, compressed IPv6).
    static func addressText(_ bytes: [UInt8]) -> String {
        var output = [CChar](repeating: 0, count: 64)
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        return bytes.withUnsafeBytes { raw in
            inet_ntop(family, raw.baseAddress, &output, socklen_t(output.count)).map { String(cString: $0) } ?? ""
        }
    }

    /// `url_dec([in_form])`: `%XX` decoded; `+` is a space only in form data.
    /// `url_dec([in_form])`: `+` becomes a space everywhere with `in_form`, else only after a literal `?`.
    private static func urlDecode(_ text: String, form: Bool) -> Sample? {
        var form = form
        var bytes: [UInt8] = []
        var input = Array(text.utf8)[...]
        while let byte = input.popFirst() {
            if byte == UInt8(ascii: "%") {
                guard input.count >= 2, let value = UInt8(String(decoding: input.prefix(2), as: UTF8.self), radix: 16) else { return nil }
                bytes.append(value)
                input = input.dropFirst(2)
            } else {
                if byte == UInt8(ascii: "?") { form = true }
                bytes.append(form && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            }
        }
        return .string(String(decoding: bytes, as: UTF8.self))
    }

    /// `json`: quotes, backslashes and control characters escaped.
    private static func json(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "/": output += "\\/"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{8}": output += "\\b"
            case "\u{c}": output += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value > 0x7e {
                    output += String(format: "\\u%04X", scalar.value)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output
    }

    /// An IMF-fixdate (`Mon, 07 Dec 2026 14:00:00 GMT`).
    private static func httpDate(_ seconds: Int64) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}

/// CRC-32 (IEEE 802.3, zlib's), as HAProxy's `crc32` converter and hash.
enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { index in
        (0..<8).reduce(UInt32(index)) { value, _ in value & 1 != 0 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        ~bytes.reduce(~UInt32(0)) { table[Int(($0 ^ UInt32($1)) & 0xFF)] ^ ($0 >> 8) }
    }
}

extension SampleConverter {
    /// `hex2i`: the string's hex digits read as one integer (64 bits, wrapping as HAProxy's `long long` does);
    /// empty gives 0, any other character fails the converter.
    static func hexToInteger(_ text: [UInt8]) -> Sample? {
        var value: Int64 = 0
        for byte in text {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = (value &<< 4) &+ Int64(digit)
        }
        return .integer(value)
    }
}
