import NIOCore
import RuntimePlan

/// A stick table as one peers section shares it: the id this process gives
/// it on the wire and its wire name (a proxy's name, or `/NAME` for a
/// `table NAME` line inside the section).
struct PeerSharedTable: Sendable {
    let table: StickTable
    let localID: UInt64
    let wireName: String

    /// The key type's number on the wire (src/peers.c `peer_net_key_type`).
    static func wireKeyType(_ type: StickTablePlan.KeyType) -> UInt64 {
        switch type {
        case .integer: 2
        case .ip: 4
        case .ipv6: 5
        case .string: 6
        case .binary: 7
        }
    }
}

/// What a peer announced with a table definition (`peer_treat_definemsg`):
/// its id for the table, the data it sends and, when name, key type and
/// key size match one of ours, that table.
struct PeerRemoteTable {
    let remoteID: UInt64
    /// The data types the peer sends, by id bit.
    let data: UInt64
    /// The element count of each array type the peer sends, by id.
    let elements: [Int: Int]
    /// Our table, when the definition matches one.
    let local: PeerSharedTable?
    /// The update id of the last update received (`last_get`), acknowledged later.
    var lastReceived: UInt32 = 0
    var unacknowledged = false
}

/// Reads and writes table definitions and entry updates (src/peers.c
/// `peer_prepare_switchmsg`, `peer_prepare_updatemsg`, `peer_treat_updatemsg`).
enum PeerTableCodec {
    /// A message that cannot be read: the session ends with a protocol error.
    struct Malformed: Error {}

    /// The storage class of each data type, by id (include/haproxy/stick_table-t.h `stktable_data_types`).
    enum Storage {
        case signed, unsigned, unsigned64, frequency, dictionary
    }

    static func storage(_ type: StickDataType) -> Storage {
        switch type {
        case .serverID: .signed
        case .bytesInCount, .bytesOutCount: .unsigned64
        case .serverKey: .dictionary
        default: type.isRate ? .frequency : .unsigned
        }
    }

    // MARK: Definitions

    static func definition(_ shared: PeerSharedTable) -> PeerMessage {
        let plan = shared.table.plan, layout = shared.table.layout
        var body = ByteBuffer()
        PeerVarint.write(shared.localID, to: &body)
        PeerVarint.write(UInt64(shared.wireName.utf8.count), to: &body)
        body.writeString(shared.wireName)
        PeerVarint.write(PeerSharedTable.wireKeyType(plan.keyType), to: &body)
        PeerVarint.write(UInt64(plan.peersKeySize), to: &body)
        var bits: UInt64 = 0
        var parameters = ByteBuffer()
        for stored in layout.stored {
            let type = stored.type
            bits |= 1 << UInt64(type.id)
            if type.isArray {
                PeerVarint.write(UInt64(type.id), to: &parameters)
                PeerVarint.write(UInt64(stored.count ?? 1), to: &parameters)
                if type.isRate { PeerVarint.write(UInt64(layout.period(type)), to: &parameters) }
            } else if type.isRate {
                PeerVarint.write(UInt64(type.id), to: &parameters)
                PeerVarint.write(UInt64(layout.period(type)), to: &parameters)
            }
        }
        PeerVarint.write(bits, to: &body)
        PeerVarint.write(UInt64(plan.expireMs ?? 0), to: &body)
        body.writeBuffer(&parameters)
        return PeerMessage(messageClass: PeerMessage.Class.stickTable, type: PeerMessage.Table.define, body: body)
    }

    /// Reads a definition and binds it to the table of the same wire name, key type and key size.
    static func readDefinition(_ body: ByteBuffer, tables: [PeerSharedTable]) throws -> PeerRemoteTable {
        var body = body
        guard let remoteID = PeerVarint.read(from: &body), let nameLength = PeerVarint.read(from: &body),
              nameLength <= UInt64(body.readableBytes), let name = body.readString(length: Int(nameLength)),
              let keyType = PeerVarint.read(from: &body), let keySize = PeerVarint.read(from: &body),
              let data = PeerVarint.read(from: &body) else { throw Malformed() }
        var local = tables.first {
            $0.wireName == name && PeerSharedTable.wireKeyType($0.table.plan.keyType) == keyType
                && UInt64($0.table.plan.peersKeySize) == keySize
        }
        var elements: [Int: Int] = [:]
        if PeerVarint.read(from: &body) != nil {
            // The expiry is there, so are the parameters of rates and arrays.
            for id in 0..<64 where data & (1 << UInt64(id)) != 0 {
                guard id < StickDataType.allCases.count else { local = nil; break }
                let type = StickDataType.allCases[id]
                guard type.isArray || type.isRate else { continue }
                guard PeerVarint.read(from: &body) == UInt64(id) else { local = nil; break }
                if type.isArray {
                    guard let count = PeerVarint.read(from: &body), count <= 100 else { local = nil; break }
                    elements[id] = Int(count)
                    if type.isRate, PeerVarint.read(from: &body) == nil { local = nil; break }
                } else if PeerVarint.read(from: &body) == nil {
                    local = nil
                    break
                }
            }
        }
        if data >> UInt64(StickDataType.allCases.count) != 0 { local = nil }
        return PeerRemoteTable(remoteID: remoteID, data: data, elements: elements, local: local)
    }

    // MARK: Updates

    /// An update message for an entry, read under its table's lock. `expiresIn` makes it a timed update (a lesson).
    static func update(_ entry: StickEntry, id: UInt32, now: Int64, expiresIn: UInt32?, shared: PeerSharedTable,
                       dictionary: inout PeerDictionary) -> PeerMessage {
        let plan = shared.table.plan, layout = shared.table.layout
        let ticks = UInt32(truncatingIfNeeded: now)
        var body = ByteBuffer()
        body.writeInteger(id)
        if let expiresIn { body.writeInteger(expiresIn) }
        switch plan.keyType {
        case .string:
            PeerVarint.write(UInt64(entry.key.bytes.count), to: &body)
            body.writeBytes(entry.key.bytes)
        case .ip, .ipv6, .integer, .binary:
            body.writeBytes(entry.key.bytes)
        }
        for stored in layout.stored {
            let type = stored.type
            for index in 0..<(stored.count ?? 1) {
                switch storage(type) {
                case .frequency:
                    let counter = layout.rate(type, index).map { entry.rates[$0] } ?? FrequencyCounter()
                    PeerVarint.write(UInt64(ticks &- counter.currentTick), to: &body)
                    PeerVarint.write(UInt64(counter.current), to: &body)
                    PeerVarint.write(UInt64(counter.previous), to: &body)
                case .dictionary:
                    dictionary.encode(entry.serverKey, to: &body)
                case .signed:
                    let value = layout.counter(type, index).map { entry.counters[$0] } ?? 0
                    PeerVarint.write(UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: value))), to: &body)
                case .unsigned:
                    PeerVarint.write(UInt64(UInt32(truncatingIfNeeded: layout.counter(type, index).map { entry.counters[$0] } ?? 0)),
                                     to: &body)
                case .unsigned64:
                    PeerVarint.write(layout.counter(type, index).map { entry.counters[$0] } ?? 0, to: &body)
                }
            }
        }
        let type = expiresIn == nil ? PeerMessage.Table.update : PeerMessage.Table.timedUpdate
        return PeerMessage(messageClass: PeerMessage.Class.stickTable, type: type, body: body)
    }

    /// Reads an update (0x80, 0x81, 0x85, 0x86) and stores it in the bound table; returns the update id.
    static func readUpdate(_ message: PeerMessage, remote: PeerRemoteTable, dictionary: inout PeerDictionary) throws -> UInt32 {
        var body = message.body ?? ByteBuffer()
        let withID = message.type == PeerMessage.Table.update || message.type == PeerMessage.Table.timedUpdate
        let timed = message.type == PeerMessage.Table.timedUpdate || message.type == PeerMessage.Table.incrementalTimedUpdate
        var id = remote.lastReceived &+ 1
        if withID {
            guard let read = body.readInteger(as: UInt32.self) else { throw Malformed() }
            id = read
        }
        var expire: UInt32?
        if timed {
            guard let read = body.readInteger(as: UInt32.self) else { throw Malformed() }
            expire = read
        }
        guard let shared = remote.local else { return id }
        let plan = shared.table.plan
        let keyBytes: [UInt8]
        switch plan.keyType {
        case .string:
            guard let length = PeerVarint.read(from: &body), length <= UInt64(body.readableBytes),
                  let bytes = body.readBytes(length: Int(length)) else { throw Malformed() }
            keyBytes = Array(bytes.prefix(plan.keyLength))
        case .ip, .ipv6, .integer, .binary:
            guard let bytes = body.readBytes(length: plan.peersKeySize) else { throw Malformed() }
            keyBytes = bytes
        }
        let values = try readValues(&body, remote: remote, dictionary: &dictionary)
        let layout = shared.table.layout
        shared.table.applyRemote(StickKey(bytes: keyBytes), expireMs: expire) { entry, now in
            for value in values { value.store(in: entry, layout: layout, now: UInt32(truncatingIfNeeded: now)) }
        }
        return id
    }

    /// One received value, kept until the entry is locked.
    struct ReceivedValue {
        let type: StickDataType
        let index: Int
        let number: UInt64
        var elapsed: UInt32 = 0
        var previous: UInt32 = 0
        var serverKey: String?

        func store(in entry: StickEntry, layout: StickDataLayout, now: UInt32) {
            switch storage(type) {
            case .frequency:
                guard let slot = layout.rate(type, index) else { return }
                // Rebuilt on our own clock (`tick_add(now_ms, -elapsed)`).
                entry.rates[slot] = FrequencyCounter(currentTick: (now &- elapsed) & ~1,
                                                     current: UInt32(truncatingIfNeeded: number), previous: previous)
            case .dictionary:
                if let serverKey { entry.serverKey = serverKey }
            case .signed:
                guard let slot = layout.counter(type, index) else { return }
                entry.counters[slot] = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: number)))
            case .unsigned:
                guard let slot = layout.counter(type, index) else { return }
                entry.counters[slot] = UInt64(UInt32(truncatingIfNeeded: number))
            case .unsigned64:
                guard let slot = layout.counter(type, index) else { return }
                entry.counters[slot] = number
            }
        }
    }

    private static func readValues(_ body: inout ByteBuffer, remote: PeerRemoteTable,
                                    dictionary: inout PeerDictionary) throws -> [ReceivedValue] {
        var values: [ReceivedValue] = []
        for type in StickDataType.allCases where remote.data & (1 << UInt64(type.id)) != 0 {
            let count = type.isArray ? remote.elements[type.id] ?? 0 : 1
            for index in 0..<count {
                guard let number = PeerVarint.read(from: &body) else { throw Malformed() }
                var value = ReceivedValue(type: type, index: index, number: number)
                switch storage(type) {
                case .frequency:
                    guard let current = PeerVarint.read(from: &body), let previous = PeerVarint.read(from: &body) else {
                        throw Malformed()
                    }
                    value = ReceivedValue(type: type, index: index, number: current, elapsed: UInt32(truncatingIfNeeded: number),
                                          previous: UInt32(truncatingIfNeeded: previous))
                case .dictionary:
                    value.serverKey = try dictionary.decode(length: number, from: &body)
                default: break
                }
                // conn_cur is the local process's own count (`is_local`): a peer's is never stored.
                if type != .connCurrent { values.append(value) }
            }
        }
        return values
    }
}
