/// The capture slots of one transaction in one direction: one per
/// `capture request|response header`, `declare capture` and
/// `http-request capture … len N` of the frontend, in declaration order,
/// each holding at most its declared length (what `%hr`, `%hs` print and
/// `capture.req.hdr(N)`, `capture.res.hdr(N)` read).
public struct CaptureSlots: Sendable, Hashable {
    public private(set) var values: [String?]
    public let lengths: [Int]

    /// Empty slots for these declarations (none: a frontend that captures nothing).
    public init(_ declarations: [HeaderCapture] = []) {
        values = Array(repeating: nil, count: declarations.count)
        lengths = declarations.map(\.length)
    }

    public var isEmpty: Bool { values.isEmpty }

    /// The value of a slot; nil when it is empty or does not exist.
    public func value(_ slot: Int) -> String? {
        values.indices.contains(slot) ? values[slot] : nil
    }

    /// Stores a value, cut to the slot's length in bytes as HAProxy copies it; a slot that does not exist is ignored.
    public mutating func store(_ value: String, at slot: Int) {
        guard values.indices.contains(slot) else { return }
        let bytes = value.utf8.prefix(lengths[slot])
        values[slot] = String(bytes) ?? String(decoding: bytes, as: UTF8.self)
    }

    /// Fills the slots that name a header with the last line of that header, as HAProxy captures at parse time.
    public mutating func captureHeaders(_ declarations: [HeaderCapture], from fields: [HTTPHeaderField]) {
        for (slot, declaration) in declarations.enumerated() {
            guard let name = declaration.header, let last = RequestFacts.lineValues(fields, name).last else { continue }
            store(last, at: slot)
        }
    }
}
