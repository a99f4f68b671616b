/// The non-cryptographic hashes of HAProxy's `crc32c`, `wt6`, `xxh32` and
/// `xxh64` converters (`crc32`, `djb2` and `sdbm` are in `SampleConverter`).
enum KeyHashes {
    /// CRC-32C (Castagnoli, RFC 4960 appendix B).
    static func crc32c(_ bytes: [UInt8]) -> UInt32 {
        ~bytes.reduce(~UInt32(0)) { castagnoli[Int(($0 ^ UInt32($1)) & 0xFF)] ^ ($0 >> 8) }
    }

    private static let castagnoli: [UInt32] = (0..<256).map { index in
        (0..<8).reduce(UInt32(index)) { value, _ in value & 1 != 0 ? 0x82F6_3B78 ^ (value >> 1) : value >> 1 }
    }

    /// HAProxy's WT6 hash: two rotating accumulators whose rotation steps depend on the data.
    static func wt6(_ bytes: [UInt8]) -> UInt32 {
        var first: UInt32 = 0xa53c_965a, second: UInt32 = 0x5ca6_953a
        var firstStep: UInt32 = 6, secondStep: UInt32 = 18
        for byte in bytes {
            let value = UInt32(byte)
            first = ~(first ^ value)
            second = ~(second &+ value)
            let rotated = rotate(second, firstStep)
            second = rotate(first, secondStep)
            first = rotated
            let mix = ((first >> 16) ^ second) & 0xFFFF
            firstStep = mix & 0x1F
            secondStep = mix >> 11
        }
        return first ^ second
    }

    private static func rotate(_ value: UInt32, _ count: UInt32) -> UInt32 {
        count == 0 ? value : value << count | value >> (32 - count)
    }

    // MARK: XXH32 and XXH64 (the xxHash specification)

    private static let prime32: [UInt32] = [0x9E37_79B1, 0x85EB_CA77, 0xC2B2_AE3D, 0x27D4_EB2F, 0x1656_67B1]
    private static let prime64: [UInt64] = [
        0x9E37_79B1_85EB_CA87, 0xC2B2_AE3D_27D4_EB4F, 0x1656_67B1_9E37_79F9, 0x85EB_CA77_C2B2_AE63, 0x27D4_EB2F_1656_67C5,
    ]

    static func xxh32(_ bytes: [UInt8], seed: UInt32) -> UInt32 {
        func read(_ offset: Int) -> UInt32 { (0..<4).reduce(0) { $0 | UInt32(bytes[offset + $1]) << (8 * UInt32($1)) } }
        func round(_ accumulator: UInt32, _ lane: UInt32) -> UInt32 {
            rotl32(accumulator &+ lane &* prime32[1], 13) &* prime32[0]
        }
        var offset = 0
        var hash: UInt32
        if bytes.count >= 16 {
            var lanes = [seed &+ prime32[0] &+ prime32[1], seed &+ prime32[1], seed, seed &- prime32[0]]
            while offset + 16 <= bytes.count {
                for lane in 0..<4 { lanes[lane] = round(lanes[lane], read(offset + 4 * lane)) }
                offset += 16
            }
            hash = rotl32(lanes[0], 1) &+ rotl32(lanes[1], 7) &+ rotl32(lanes[2], 12) &+ rotl32(lanes[3], 18)
        } else {
            hash = seed &+ prime32[4]
        }
        hash = hash &+ UInt32(truncatingIfNeeded: bytes.count)
        while offset + 4 <= bytes.count {
            hash = rotl32(hash &+ read(offset) &* prime32[2], 17) &* prime32[3]
            offset += 4
        }
        while offset < bytes.count {
            hash = rotl32(hash &+ UInt32(bytes[offset]) &* prime32[4], 11) &* prime32[0]
            offset += 1
        }
        hash ^= hash >> 15
        hash = hash &* prime32[1]
        hash ^= hash >> 13
        hash = hash &* prime32[2]
        return hash ^ (hash >> 16)
    }

    static func xxh64(_ bytes: [UInt8], seed: UInt64) -> UInt64 {
        func read64(_ offset: Int) -> UInt64 { (0..<8).reduce(0) { $0 | UInt64(bytes[offset + $1]) << (8 * UInt64($1)) } }
        func read32(_ offset: Int) -> UInt64 { (0..<4).reduce(0) { $0 | UInt64(bytes[offset + $1]) << (8 * UInt64($1)) } }
        func round(_ accumulator: UInt64, _ lane: UInt64) -> UInt64 {
            rotl64(accumulator &+ lane &* prime64[1], 31) &* prime64[0]
        }
        func merge(_ hash: UInt64, _ lane: UInt64) -> UInt64 {
            (hash ^ round(0, lane)) &* prime64[0] &+ prime64[3]
        }
        var offset = 0
        var hash: UInt64
        if bytes.count >= 32 {
            var lanes = [seed &+ prime64[0] &+ prime64[1], seed &+ prime64[1], seed, seed &- prime64[0]]
            while offset + 32 <= bytes.count {
                for lane in 0..<4 { lanes[lane] = round(lanes[lane], read64(offset + 8 * lane)) }
                offset += 32
            }
            hash = rotl64(lanes[0], 1) &+ rotl64(lanes[1], 7) &+ rotl64(lanes[2], 12) &+ rotl64(lanes[3], 18)
            for lane in lanes { hash = merge(hash, lane) }
        } else {
            hash = seed &+ prime64[4]
        }
        hash = hash &+ UInt64(bytes.count)
        while offset + 8 <= bytes.count {
            hash = rotl64(hash ^ round(0, read64(offset)), 27) &* prime64[0] &+ prime64[3]
            offset += 8
        }
        if offset + 4 <= bytes.count {
            hash = rotl64(hash ^ (read32(offset) &* prime64[0]), 23) &* prime64[1] &+ prime64[2]
            offset += 4
        }
        while offset < bytes.count {
            hash = rotl64(hash ^ (UInt64(bytes[offset]) &* prime64[4]), 11) &* prime64[0]
            offset += 1
        }
        hash ^= hash >> 33
        hash = hash &* prime64[1]
        hash ^= hash >> 29
        hash = hash &* prime64[2]
        return hash ^ (hash >> 32)
    }

    private static func rotl32(_ value: UInt32, _ count: UInt32) -> UInt32 { value << count | value >> (32 - count) }
    private static func rotl64(_ value: UInt64, _ count: UInt64) -> UInt64 { value << count | value >> (64 - count) }
}
