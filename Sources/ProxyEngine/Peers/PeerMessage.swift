import NIOCore

/// One message of the peers protocol after the handshake (doc/peers-v2.0.txt,
/// src/peers.c): a class byte, a type byte and, when the type's bit 7 is
/// set, a varint length and that many bytes.
struct PeerMessage: Sendable, Equatable {
    var messageClass: UInt8
    var type: UInt8
    /// The data of a message whose type has bit 7 set.
    var body: ByteBuffer?

    /// Message classes.
    enum Class {
        static let control: UInt8 = 0
        static let error: UInt8 = 1
        static let stickTable: UInt8 = 10
        static let reserved: UInt8 = 255
    }

    /// Types of the control class.
    enum Control {
        static let resyncRequest: UInt8 = 0
        static let resyncFinished: UInt8 = 1
        static let resyncPartial: UInt8 = 2
        static let resyncConfirm: UInt8 = 3
        static let heartbeat: UInt8 = 4
    }

    /// Types of the stick-table class.
    enum Table {
        static let update: UInt8 = 0x80
        static let incrementalUpdate: UInt8 = 0x81
        static let define: UInt8 = 0x82
        static let switchTable: UInt8 = 0x83
        static let ack: UInt8 = 0x84
        static let timedUpdate: UInt8 = 0x85
        static let incrementalTimedUpdate: UInt8 = 0x86
    }

    static func control(_ type: UInt8) -> PeerMessage { PeerMessage(messageClass: Class.control, type: type, body: nil) }

    /// The message's bytes.
    func write(to buffer: inout ByteBuffer) {
        buffer.writeInteger(messageClass)
        buffer.writeInteger(type)
        guard type & 0x80 != 0 else { return }
        var body = self.body ?? ByteBuffer()
        PeerVarint.write(UInt64(body.readableBytes), to: &buffer)
        buffer.writeBuffer(&body)
    }

    /// Why a byte stream is not a peers message stream.
    enum FramingError: Error {
        case tooLong(Int)
    }

    /// Reads one whole message; nil when more bytes are needed. A length above `limit` is an error (HAProxy's bufsize).
    static func read(from buffer: inout ByteBuffer, limit: Int) throws -> PeerMessage? {
        let start = buffer.readerIndex
        guard let messageClass = buffer.readInteger(as: UInt8.self), let type = buffer.readInteger(as: UInt8.self) else {
            buffer.moveReaderIndex(to: start)
            return nil
        }
        guard type & 0x80 != 0 else { return PeerMessage(messageClass: messageClass, type: type, body: nil) }
        guard let length = PeerVarint.read(from: &buffer) else {
            buffer.moveReaderIndex(to: start)
            return nil
        }
        guard length <= UInt64(limit) else { throw FramingError.tooLong(Int(clamping: length)) }
        guard let body = buffer.readSlice(length: Int(length)) else {
            buffer.moveReaderIndex(to: start)
            return nil
        }
        return PeerMessage(messageClass: messageClass, type: type, body: body)
    }
}
