/// XXH3, 64-bit, with a seed (xxHash 0.8, the version HAProxy 2.6 carries), for
/// the `xxh3` converter: short inputs (up to 240 bytes) mix a few 16-byte lanes
/// with the secret; longer ones run eight accumulators over 64-byte stripes.
enum XXH3 {
    /// xxHash's default secret (192 bytes).
    private static let defaultSecret: [UInt8] = [
        0xb8, 0xfe, 0x6c, 0x39, 0x23, 0xa4, 0x4b, 0xbe, 0x7c, 0x01, 0x81, 0x2c, 0xf7, 0x21, 0xad, 0x1c,
        0xde, 0xd4, 0x6d, 0xe9, 0x83, 0x90, 0x97, 0xdb, 0x72, 0x40, 0xa4, 0xa4, 0xb7, 0xb3, 0x67, 0x1f,
        0xcb, 0x79, 0xe6, 0x4e, 0xcc, 0xc0, 0xe5, 0x78, 0x82, 0x5a, 0xd0, 0x7d, 0xcc, 0xff, 0x72, 0x21,
        0xb8, 0x08, 0x46, 0x74, 0xf7, 0x43, 0x24, 0x8e, 0xe0, 0x35, 0x90, 0xe6, 0x81, 0x3a, 0x26, 0x4c,
        0x3c, 0x28, 0x52, 0xbb, 0x91, 0xc3, 0x00, 0xcb, 0x88, 0xd0, 0x65, 0x8b, 0x1b, 0x53, 0x2e, 0xa3,
        0x71, 0x64, 0x48, 0x97, 0xa2, 0x0d, 0xf9, 0x4e, 0x38, 0x19, 0xef, 0x46, 0xa9, 0xde, 0xac, 0xd8,
        0xa8, 0xfa, 0x76, 0x3f, 0xe3, 0x9c, 0x34, 0x3f, 0xf9, 0xdc, 0xbb, 0xc7, 0xc7, 0x0b, 0x4f, 0x1d,
        0x8a, 0x51, 0xe0, 0x4b, 0xcd, 0xb4, 0x59, 0x31, 0xc8, 0x9f, 0x7e, 0xc9, 0xd9, 0x78, 0x73, 0x64,
        0xea, 0xc5, 0xac, 0x83, 0x34, 0xd3, 0xeb, 0xc3, 0xc5, 0x81, 0xa0, 0xff, 0xfa, 0x13, 0x63, 0xeb,
        0x17, 0x0d, 0xdd, 0x51, 0xb7, 0xf0, 0xda, 0x49, 0xd3, 0x16, 0x55, 0x26, 0x29, 0xd4, 0x68, 0x9e,
        0x2b, 0x16, 0xbe, 0x58, 0x7d, 0x47, 0xa1, 0xfc, 0x8f, 0xf8, 0xb8, 0xd1, 0x7a, 0xd0, 0x31, 0xce,
        0x45, 0xcb, 0x3a, 0x8f, 0x95, 0x16, 0x04, 0x28, 0xaf, 0xd7, 0xfb, 0xca, 0xbb, 0x4b, 0x40, 0x7e,
    ]

    private static let prime32: [UInt64] = [0x9E37_79B1, 0x85EB_CA77, 0xC2B2_AE3D]
    private static let prime64: [UInt64] = [
        0x9E37_79B1_85EB_CA87, 0xC2B2_AE3D_27D4_EB4F, 0x1656_67B1_9E37_79F9, 0x85EB_CA77_C2B2_AE63, 0x27D4_EB2F_1656_67C5,
    ]

    static func hash(_ input: [UInt8], seed: UInt64) -> UInt64 {
        let secret = defaultSecret
        switch input.count {
        case 0: return xxh64Avalanche(seed ^ (read64(secret, 56) ^ read64(secret, 64)))
        case 1...3:
            let combined = UInt32(input[0]) << 16 | UInt32(input[input.count >> 1]) << 24
                | UInt32(input[input.count - 1]) | UInt32(input.count) << 8
            let bitflip = UInt64(read32(secret, 0) ^ read32(secret, 4)) &+ seed
            return xxh64Avalanche(UInt64(combined) ^ bitflip)
        case 4...8:
            let mixedSeed = seed ^ UInt64(UInt32(truncatingIfNeeded: seed).byteSwapped) << 32
            let bitflip = (read64(secret, 8) ^ read64(secret, 16)) &- mixedSeed
            let value = UInt64(read32(input, input.count - 4)) &+ UInt64(read32(input, 0)) << 32
            return rrmxmx(value ^ bitflip, UInt64(input.count))
        case 9...16:
            let low = read64(input, 0) ^ ((read64(secret, 24) ^ read64(secret, 32)) &+ seed)
            let high = read64(input, input.count - 8) ^ ((read64(secret, 40) ^ read64(secret, 48)) &- seed)
            return avalanche(UInt64(input.count) &+ low.byteSwapped &+ high &+ fold(low, high))
        case 17...128:
            var accumulator = UInt64(input.count) &* prime64[0]
            let pairs = input.count > 96 ? 4 : input.count > 64 ? 3 : input.count > 32 ? 2 : 1
            for pair in (0..<pairs).reversed() {
                accumulator &+= mix16(input, 16 * pair, secret, 32 * pair, seed)
                accumulator &+= mix16(input, input.count - 16 * (pair + 1), secret, 32 * pair + 16, seed)
            }
            return avalanche(accumulator)
        case 129...240:
            var accumulator = UInt64(input.count) &* prime64[0]
            for round in 0..<8 { accumulator &+= mix16(input, 16 * round, secret, 16 * round, seed) }
            accumulator = avalanche(accumulator)
            for round in 8..<(input.count / 16) { accumulator &+= mix16(input, 16 * round, secret, 16 * (round - 8) + 3, seed) }
            accumulator &+= mix16(input, input.count - 16, secret, 136 - 17, seed)
            return avalanche(accumulator)
        default:
            return long(input, seed == 0 ? secret : customSecret(seed))
        }
    }

    /// The secret of a seeded long hash: the default one with the seed added to and taken from its halves.
    private static func customSecret(_ seed: UInt64) -> [UInt8] {
        (0..<(defaultSecret.count / 16)).flatMap { index -> [UInt8] in
            let low = read64(defaultSecret, 16 * index) &+ seed, high = read64(defaultSecret, 16 * index + 8) &- seed
            return (0..<8).map { UInt8(truncatingIfNeeded: low >> (8 * UInt64($0))) }
                + (0..<8).map { UInt8(truncatingIfNeeded: high >> (8 * UInt64($0))) }
        }
    }

    private static func long(_ input: [UInt8], _ secret: [UInt8]) -> UInt64 {
        var accumulators: [UInt64] = [prime32[2], prime64[0], prime64[1], prime64[2], prime64[3], prime32[1], prime64[4], prime32[0]]
        let stripesPerBlock = (secret.count - 64) / 8
        let blockLength = 64 * stripesPerBlock
        let blocks = (input.count - 1) / blockLength
        for block in 0..<blocks {
            for stripe in 0..<stripesPerBlock {
                accumulate(&accumulators, input, block * blockLength + stripe * 64, secret, stripe * 8)
            }
            for lane in 0..<8 {
                var value = accumulators[lane]
                value ^= value >> 47
                value ^= read64(secret, secret.count - 64 + 8 * lane)
                accumulators[lane] = value &* prime32[0]
            }
        }
        let stripes = ((input.count - 1) - blockLength * blocks) / 64
        for stripe in 0..<stripes { accumulate(&accumulators, input, blocks * blockLength + stripe * 64, secret, stripe * 8) }
        accumulate(&accumulators, input, input.count - 64, secret, secret.count - 64 - 7)
        var result = UInt64(input.count) &* prime64[0]
        for pair in 0..<4 {
            result &+= fold(accumulators[2 * pair] ^ read64(secret, 11 + 16 * pair), accumulators[2 * pair + 1] ^ read64(secret, 11 + 16 * pair + 8))
        }
        return avalanche(result)
    }

    private static func accumulate(_ accumulators: inout [UInt64], _ input: [UInt8], _ offset: Int, _ secret: [UInt8], _ secretOffset: Int) {
        for lane in 0..<8 {
            let value = read64(input, offset + 8 * lane)
            let keyed = value ^ read64(secret, secretOffset + 8 * lane)
            accumulators[lane ^ 1] &+= value
            accumulators[lane] &+= (keyed & 0xFFFF_FFFF) &* (keyed >> 32)
        }
    }

    private static func mix16(_ input: [UInt8], _ offset: Int, _ secret: [UInt8], _ secretOffset: Int, _ seed: UInt64) -> UInt64 {
        fold(read64(input, offset) ^ (read64(secret, secretOffset) &+ seed),
             read64(input, offset + 8) ^ (read64(secret, secretOffset + 8) &- seed))
    }

    /// The 128-bit product of two words, its halves xored.
    private static func fold(_ left: UInt64, _ right: UInt64) -> UInt64 {
        let product = left.multipliedFullWidth(by: right)
        return product.high ^ product.low
    }

    private static func avalanche(_ value: UInt64) -> UInt64 {
        var hash = value ^ (value >> 37)
        hash &*= 0x1656_6791_9E37_79F9
        return hash ^ (hash >> 32)
    }

    private static func rrmxmx(_ value: UInt64, _ length: UInt64) -> UInt64 {
        var hash = value ^ (value << 49 | value >> 15) ^ (value << 24 | value >> 40)
        hash &*= 0x9FB2_1C65_1E98_DF25
        hash ^= (hash >> 35) &+ length
        hash &*= 0x9FB2_1C65_1E98_DF25
        return hash ^ (hash >> 28)
    }

    private static func xxh64Avalanche(_ value: UInt64) -> UInt64 {
        var hash = value ^ (value >> 33)
        hash &*= prime64[1]
        hash ^= hash >> 29
        hash &*= prime64[2]
        return hash ^ (hash >> 32)
    }

    private static func read64(_ bytes: [UInt8], _ offset: Int) -> UInt64 {
        (0..<8).reduce(0) { $0 | UInt64(bytes[offset + $1]) << (8 * UInt64($1)) }
    }

    private static func read32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        (0..<4).reduce(0) { $0 | UInt32(bytes[offset + $1]) << (8 * UInt32($1)) }
    }
}
