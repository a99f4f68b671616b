/// The 32-bit hash of the hash-based algorithms: SDBM, as HAProxy's default
/// `hash-type … sdbm`, followed by a full avalanche so that similar keys
/// (consecutive addresses) spread over the servers.
enum HashFunction {
    static func hash(_ text: String) -> UInt32 {
        var value: UInt32 = 0
        for byte in text.utf8 {
            value = UInt32(byte) &+ (value << 6) &+ (value << 16) &- value
        }
        return avalanche(value)
    }

    static func avalanche(_ input: UInt32) -> UInt32 {
        var a = input
        a = (a &+ 0x7ed55d16) &+ (a << 12)
        a = (a ^ 0xc761c23c) ^ (a >> 19)
        a = (a &+ 0x165667b1) &+ (a << 5)
        a = (a &+ 0xd3a2646c) ^ (a << 9)
        a = (a &+ 0xfd7046c5) &+ (a << 3)
        a = (a ^ 0xb55a4f09) ^ (a >> 16)
        return a
    }
}

/// `hash-type consistent`: each server owns points on a ring (16 per unit
/// of weight); a key goes to the first point at or after its hash, so when
/// a server leaves only its own keys move.
enum ConsistentRing {
    static let pointsPerWeight = 16

    static func pick(_ candidates: [Int], servers: [ServerPlan], hash: UInt32) -> Int {
        var best: (point: UInt32, index: Int)?
        var lowest: (point: UInt32, index: Int)?
        for index in candidates {
            for replica in 0..<(servers[index].weight * pointsPerWeight) {
                let point = HashFunction.hash("\(servers[index].name)#\(replica)")
                if point >= hash, best == nil || point < best!.point { best = (point, index) }
                if lowest == nil || point < lowest!.point { lowest = (point, index) }
            }
        }
        return (best ?? lowest)?.index ?? candidates[0]
    }
}
