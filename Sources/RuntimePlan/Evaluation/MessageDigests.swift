import Crypto

/// The message digests the `digest`, `sha1`, `sha2` and `hmac` converters
/// compute, named as OpenSSL names them (`md5`, `sha1`, `sha224`, `sha256`,
/// `sha384`, `sha512`).
public enum MessageDigests {
    /// The digest of the bytes, nil for an algorithm the engine does not know.
    static func digest(_ algorithm: String, _ bytes: [UInt8]) -> [UInt8]? {
        switch algorithm.lowercased() {
        case "md5": Array(Insecure.MD5.hash(data: bytes))
        case "sha1": Array(Insecure.SHA1.hash(data: bytes))
        case "sha224": SHA224.hash(bytes)
        case "sha256": Array(SHA256.hash(data: bytes))
        case "sha384": Array(SHA384.hash(data: bytes))
        case "sha512": Array(SHA512.hash(data: bytes))
        default: nil
        }
    }

    /// Whether `digest` knows the algorithm (the planner's check).
    public static func knows(_ algorithm: String) -> Bool { digest(algorithm, []) != nil }

    /// HMAC (RFC 2104) of the bytes with the key, over one of the digests above.
    static func hmac(_ algorithm: String, key: [UInt8], _ bytes: [UInt8]) -> [UInt8]? {
        let blockSize = ["sha384", "sha512"].contains(algorithm.lowercased()) ? 128 : 64
        var block = key
        if block.count > blockSize {
            guard let hashed = digest(algorithm, block) else { return nil }
            block = hashed
        }
        block += [UInt8](repeating: 0, count: blockSize - block.count)
        guard let inner = digest(algorithm, block.map { $0 ^ 0x36 } + bytes) else { return nil }
        return digest(algorithm, block.map { $0 ^ 0x5c } + inner)
    }
}

/// SHA-224 (FIPS 180-4): SHA-256 with its own initial values, cut to 28 bytes.
/// swift-crypto does not offer it; HAProxy's `sha2(224)` and `digest(sha224)` need it.
enum SHA224 {
    private static let initial: [UInt32] = [
        0xc105_9ed8, 0x367c_d507, 0x3070_dd17, 0xf70e_5939, 0xffc0_0b31, 0x6858_1511, 0x64f9_8fa7, 0xbefa_4fa4,
    ]

    private static let rounds: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var message = bytes + [0x80]
        message += [UInt8](repeating: 0, count: (56 - message.count % 64 + 64) % 64)
        let bits = UInt64(bytes.count) &* 8
        message += (0..<8).map { UInt8(truncatingIfNeeded: bits >> (56 - 8 * $0)) }
        var state = initial
        for blockStart in stride(from: 0, to: message.count, by: 64) {
            var words = [UInt32](repeating: 0, count: 64)
            for index in 0..<16 {
                let offset = blockStart + index * 4
                words[index] = message[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
            }
            for index in 16..<64 {
                let early = words[index - 15], late = words[index - 2]
                let sigma0 = rotate(early, 7) ^ rotate(early, 18) ^ (early >> 3)
                let sigma1 = rotate(late, 17) ^ rotate(late, 19) ^ (late >> 10)
                words[index] = words[index - 16] &+ sigma0 &+ words[index - 7] &+ sigma1
            }
            var (a, b, c, d, e, f, g, h) = (state[0], state[1], state[2], state[3], state[4], state[5], state[6], state[7])
            for index in 0..<64 {
                let choice = (e & f) ^ (~e & g)
                let temporary1 = h &+ (rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)) &+ choice &+ rounds[index] &+ words[index]
                let majority = (a & b) ^ (a & c) ^ (b & c)
                let temporary2 = (rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)) &+ majority
                (h, g, f, e, d, c, b, a) = (g, f, e, d &+ temporary1, c, b, a, temporary1 &+ temporary2)
            }
            for (index, value) in [a, b, c, d, e, f, g, h].enumerated() { state[index] = state[index] &+ value }
        }
        return state.prefix(7).flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> (24 - 8 * $0)) } }
    }

    private static func rotate(_ value: UInt32, _ count: UInt32) -> UInt32 { value >> count | value << (32 - count) }
}
