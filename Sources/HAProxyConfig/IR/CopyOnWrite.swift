/// A value kept behind one reference and copied only when it is changed
/// while shared. The IR's large records (proxies, servers, directives) keep
/// their fields in one, so that a copy — every `for proxy in proxies` —
/// costs one retain instead of one per field.
@usableFromInline
struct CopyOnWrite<Value: Sendable & Hashable & Codable>: Sendable, Hashable, Codable {
    @usableFromInline
    final class Box: @unchecked Sendable {
        // Written only through `value`'s modify accessor, which first makes the box unique.
        @exclusivity(unchecked) @usableFromInline var value: Value

        @usableFromInline
        init(_ value: Value) { self.value = value }
    }

    @usableFromInline var box: Box

    @usableFromInline
    init(_ value: Value) { box = Box(value) }

    @inlinable
    var value: Value {
        get { box.value }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.value) }
            yield &box.value
        }
    }

    @inlinable
    static func == (lhs: Self, rhs: Self) -> Bool { lhs.box === rhs.box || lhs.box.value == rhs.box.value }

    @inlinable
    func hash(into hasher: inout Hasher) { box.value.hash(into: &hasher) }

    @usableFromInline
    init(from decoder: Decoder) throws { self.init(try Value(from: decoder)) }

    @usableFromInline
    func encode(to encoder: Encoder) throws { try box.value.encode(to: encoder) }
}
