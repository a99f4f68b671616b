import NIOCore

/// The peers protocol's variable-length integer (src/peers.c `intencode`,
/// `intdecode`): below 240 one byte; else the low 4 bits with 0xF0 set,
/// then 7 bits a byte, each added (not concatenated) to what came before.
enum PeerVarint {
    /// Appends `value` to `buffer`.
    static func write(_ value: UInt64, to buffer: inout ByteBuffer) {
        guard value >= 240 else {
            buffer.writeInteger(UInt8(value))
            return
        }
        buffer.writeInteger(UInt8(truncatingIfNeeded: value) | 0xF0)
        var rest = (value - 240) >> 4
        while rest >= 128 {
            buffer.writeInteger(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest = (rest - 128) >> 7
        }
        buffer.writeInteger(UInt8(rest))
    }

    /// Reads one integer; nil when the buffer ends inside it or it runs past 64 bits.
    static func read(from buffer: inout ByteBuffer) -> UInt64? {
        let start = buffer.readerIndex
        guard let first = buffer.readInteger(as: UInt8.self) else { return nil }
        var value = UInt64(first)
        guard first >= 240 else { return value }
        var shift: UInt64 = 4
        while true {
            guard shift < 64, let byte = buffer.readInteger(as: UInt8.self) else {
                buffer.moveReaderIndex(to: start)
                return nil
            }
            value &+= UInt64(byte) << shift
            shift += 7
            if byte < 128 { return value }
        }
    }
}
