import NIOCore

/// The `server_key` dictionary cache of one peers session, each way
/// (src/peers.c `dcache`): a value is sent once with its id (1-based, at most
/// 128), then by its id alone.
struct PeerDictionary {
    static let capacity = 128
    private var sent: [String: Int] = [:]
    private var sentOrder: [String] = []
    private var nextSlot = 0
    private var received: [Int: String] = [:]

    /// Writes `value` (nil: no server key).
    mutating func encode(_ value: String?, to buffer: inout ByteBuffer) {
        guard let value else {
            PeerVarint.write(0, to: &buffer)
            return
        }
        if let id = sent[value] {
            PeerVarint.write(1, to: &buffer)
            PeerVarint.write(UInt64(id), to: &buffer)
            return
        }
        // The least recently added slot is reused once the cache is full.
        let slot = nextSlot
        nextSlot = (nextSlot + 1) % Self.capacity
        if sentOrder.count > slot {
            sent[sentOrder[slot]] = nil
            sentOrder[slot] = value
        } else {
            sentOrder.append(value)
        }
        sent[value] = slot + 1
        var inner = ByteBuffer()
        PeerVarint.write(UInt64(slot + 1), to: &inner)
        PeerVarint.write(UInt64(value.utf8.count), to: &inner)
        inner.writeString(value)
        PeerVarint.write(UInt64(inner.readableBytes), to: &buffer)
        buffer.writeBuffer(&inner)
    }

    /// Reads a value of `length` bytes (the length already read; 0: none).
    mutating func decode(length: UInt64, from buffer: inout ByteBuffer) throws -> String? {
        guard length > 0 else { return nil }
        guard length <= UInt64(buffer.readableBytes), var inner = buffer.readSlice(length: Int(length)),
              let id = PeerVarint.read(from: &inner), id >= 1, id <= UInt64(Self.capacity) else { throw PeerTableCodec.Malformed() }
        guard inner.readableBytes > 0 else { return received[Int(id)] }
        guard let valueLength = PeerVarint.read(from: &inner), valueLength <= UInt64(inner.readableBytes),
              let value = inner.readString(length: Int(valueLength)) else { throw PeerTableCodec.Malformed() }
        received[Int(id)] = value
        return value
    }
}
