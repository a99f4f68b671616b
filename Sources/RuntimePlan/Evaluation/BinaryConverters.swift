import Foundation

/// HAProxy 2.6's converters over the bytes of a sample: digests (`sha1`,
/// `sha2`, `digest`, `hmac`), key hashes (`crc32c`, `wt6`, `xxh3`, `xxh32`, `xxh64`),
/// big-endian dumps (`be2dec`, `be2hex`), `secure_memcmp` and `add_item`.
/// Each returns nil where HAProxy's converter fails.
enum BinaryConverters {
    static func apply(_ converter: Converter, to sample: Sample, _ facts: RequestFacts) -> Sample? {
        let arguments = converter.arguments
        switch converter.name {
        case .sha1: return MessageDigests.digest("sha1", sample.bytes).map { .binary($0) }
        case .sha2:
            let bits = arguments.first.flatMap { Int($0) } ?? 256
            guard [224, 256, 384, 512].contains(bits) else { return nil }
            return MessageDigests.digest("sha\(bits)", sample.bytes).map { .binary($0) }
        case .digest:
            return arguments.first.flatMap { MessageDigests.digest($0, sample.bytes) }.map { .binary($0) }
        case .hmac:
            guard arguments.count == 2, let key = hmacKey(arguments[1], facts) else { return nil }
            return MessageDigests.hmac(arguments[0], key: key, sample.bytes).map { .binary($0) }
        case .crc32c: return .integer(Int64(avalanche(KeyHashes.crc32c(sample.bytes), arguments)))
        case .wt6: return .integer(Int64(avalanche(KeyHashes.wt6(sample.bytes), arguments)))
        case .xxh32:
            let seed = UInt32(truncatingIfNeeded: arguments.first.flatMap { Int64($0) } ?? 0)
            return .integer(Int64(KeyHashes.xxh32(sample.bytes, seed: seed)))
        case .xxh64:
            let seed = UInt64(bitPattern: arguments.first.flatMap { Int64($0) } ?? 0)
            return .integer(Int64(bitPattern: KeyHashes.xxh64(sample.bytes, seed: seed)))
        case .xxh3:
            let seed = UInt64(bitPattern: arguments.first.flatMap { Int64($0) } ?? 0)
            return .integer(Int64(bitPattern: XXH3.hash(sample.bytes, seed: seed)))
        case .be2dec: return bigEndianDecimal(sample.bytes, arguments)
        case .be2hex: return bigEndianHex(sample.bytes, arguments)
        case .secureMemcmp:
            guard let name = arguments.first, let other = facts.variables[name] else { return nil }
            let left = sample.bytes, right = other.bytes
            // Same length: every byte is compared, so the time does not tell where they differ.
            guard left.count == right.count else { return .boolean(false) }
            return .boolean(zip(left, right).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0)
        case .addItem: return addItem(sample, arguments, facts)
        default: return nil
        }
    }

    /// The optional `avalanche` argument of the 32-bit hash converters: HAProxy's `full_hash`,
    /// Bob Jenkins' avalanche followed by a product with 3221225473 (the converters have it; the
    /// balancing hash of `HashFunction` is left as it is).
    static func avalanche(_ value: UInt32, _ arguments: [String]) -> UInt32 {
        guard let flag = arguments.first.flatMap({ Int($0) }), flag != 0 else { return value }
        return HashFunction.avalanche(value) &* 3_221_225_473
    }

    /// The base64 key of `hmac`: the text itself, or the content of a variable when it names one.
    private static func hmacKey(_ argument: String, _ facts: RequestFacts) -> [UInt8]? {
        let scope = argument.split(separator: ".", maxSplits: 1).first.map(String.init) ?? ""
        let isVariable = argument.contains(".") && VariableScopes.names.contains(scope)
        let text = isVariable ? facts.variables[argument]?.stringValue : argument
        return text.flatMap { Data(base64Encoded: $0) }.map { Array($0) }
    }

    /// `be2dec(separator,chunk_size[,truncate])`: an unsigned number per chunk of big-endian bytes.
    private static func bigEndianDecimal(_ bytes: [UInt8], _ arguments: [String]) -> Sample? {
        guard arguments.count >= 2, let size = Int(arguments[1]), (1...8).contains(size) else { return nil }
        let truncate = arguments.count > 2 && arguments[2] == "1"
        let chunks = chunked(bytes, size: size, truncate: truncate)
        return .string(chunks.map { String($0.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }) }.joined(separator: arguments[0]))
    }

    /// `be2hex([separator][,chunk_size][,truncate])`: upper-case hex digits, a separator between chunks.
    private static func bigEndianHex(_ bytes: [UInt8], _ arguments: [String]) -> Sample? {
        let separator = arguments.first ?? ""
        let truncate = arguments.count > 2 && arguments[2] == "1"
        var size = arguments.count > 1 ? Int(arguments[1]) ?? 0 : 0
        if separator.isEmpty && !truncate { size = bytes.count }
        guard size > 0 else { return bytes.isEmpty ? .string("") : nil }
        let chunks = chunked(bytes, size: size, truncate: truncate)
        return .string(chunks.map { $0.map { String(format: "%02X", $0) }.joined() }.joined(separator: separator))
    }

    /// The bytes in chunks of `size`; with `truncate`, a last chunk shorter than `size` is left out.
    private static func chunked(_ bytes: [UInt8], size: Int, truncate: Bool) -> [ArraySlice<UInt8>] {
        stride(from: 0, to: bytes.count, by: size).map { bytes[$0..<min($0 + size, bytes.count)] }
            .filter { !truncate || $0.count == size }
    }

    /// `add_item(delimiter[,variable][,suffix])`: the delimiter only when the sample is not
    /// empty and something follows it; then the variable's text and the suffix.
    private static func addItem(_ sample: Sample, _ arguments: [String], _ facts: RequestFacts) -> Sample? {
        guard let delimiter = arguments.first else { return nil }
        let variable = arguments.count > 1 && !arguments[1].isEmpty ? facts.variables[arguments[1]]?.stringValue : nil
        let suffix = arguments.count > 2 ? arguments[2] : ""
        var text = sample.stringValue
        if !text.isEmpty && (!(variable ?? "").isEmpty || !suffix.isEmpty) { text += delimiter }
        return .string(text + (variable ?? "") + suffix)
    }
}
