import Foundation

/// Looks a sample up in a map file as HAProxy 2.6's `map_*` converters do:
/// exact strings, prefixes (`beg`, the longest one) and networks (`ip`, the
/// narrowest one) as the finest match; the other methods take the first
/// matching line of the file. Without a match the default value is the
/// result, and without a default the converter fails.
enum MapLookup {
    static func apply(_ table: MapTable, _ sample: Sample, defaultValue: String?) -> Sample? {
        let value: String
        switch lookup(table, sample) {
        case .value(let found): value = found
        case .missing:
            guard let defaultValue else { return nil }
            value = defaultValue
        // A `map_regm` value whose back-reference cannot be written (a trailing `\`) fails the converter.
        case .unwritable: return nil
        }
        switch table.output {
        case .str, .ip: return .string(value)
        case .int: return Int64(value).map { .integer($0) }
        }
    }

    /// What a lookup found.
    private enum Found {
        case value(String), missing, unwritable

        init(_ value: String?) { self = value.map { .value($0) } ?? .missing }
    }

    private static func lookup(_ table: MapTable, _ sample: Sample) -> Found {
        let text = sample.stringValue
        switch table.match {
        case .str: return Found(table.entries.first { $0.key == text }?.value)
        case .beg:
            return Found(table.entries.filter { text.hasPrefix($0.key) }.max { $0.key.utf8.count < $1.key.utf8.count }?.value)
        case .sub, .dir, .dom, .end:
            let method: MatchMethod = table.match == .sub ? .sub : table.match == .dir ? .dir : table.match == .dom ? .dom : .end
            return Found(table.entries.first { StringMatch.matches(text, $0.key, method) }?.value)
        case .int:
            guard let number = SampleConverter.integer(sample) else { return .missing }
            return Found(table.entries.first { IntegerPattern($0.key)?.matches(number) ?? false }?.value)
        case .ip:
            guard let address = IPAddressBytes(text) else { return .missing }
            return Found(table.entries.compactMap { entry in NetworkPattern(entry.key).map { (entry, $0) } }
                .filter { $0.1.contains(address) }
                .max { prefixLength($0.1) < prefixLength($1.1) }?.0.value)
        case .reg, .regm:
            let whole = NSRange(text.startIndex..., in: text)
            for entry in table.entries {
                guard let regex = try? NSRegularExpression(pattern: entry.key),
                      let match = regex.firstMatch(in: text, range: whole) else { continue }
                guard table.match == .regm else { return .value(entry.value) }
                return substitute(entry.value, match, in: text).map { .value($0) } ?? .unwritable
            }
            return .missing
        }
    }

    private static func prefixLength(_ network: NetworkPattern) -> Int {
        network.mask.reduce(0) { $0 + $1.nonzeroBitCount }
    }

    /// `map_regm`'s value as HAProxy's `exp_replace` writes it: `\1`…`\9` are the groups of the match
    /// (empty when a group did not take part), `\xHH` a byte, `\` before another character drops out.
    private static func substitute(_ template: String, _ match: NSTextCheckingResult, in text: String) -> String? {
        var output: [UInt8] = []
        var bytes = Array(template.utf8)[...]
        while let byte = bytes.popFirst() {
            guard byte == UInt8(ascii: "\\") else { output.append(byte); continue }
            guard let next = bytes.popFirst() else { return nil }
            if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(next) {
                let group = Int(next - UInt8(ascii: "0"))
                if group < match.numberOfRanges, let range = Range(match.range(at: group), in: text) { output += Array(text[range].utf8) }
            } else if next == UInt8(ascii: "x") {
                guard bytes.count >= 2, let value = UInt8(String(decoding: bytes.prefix(2), as: UTF8.self), radix: 16) else { return nil }
                output.append(value)
                bytes = bytes.dropFirst(2)
            } else {
                output.append(next)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
