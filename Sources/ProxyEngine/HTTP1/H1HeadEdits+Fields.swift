import NIOCore
import RuntimePlan

extension H1HeadEdits {
    /// The edits that turn a head's fields into `fields` (what the rules left): the
    /// lines kept in order stay as read, the others are removed, and what follows the
    /// last kept line is added at the end, as HAProxy appends new headers.
    init(_ head: H1Head, _ bytes: ByteBuffer, becoming fields: [HTTPHeaderField]) {
        self.init()
        var result = fields[...]
        for (position, field) in head.fields.enumerated() where !head.droppedFields.contains(position) {
            if let next = result.first, H1Bytes.equals(head.bytes(field.name, in: bytes), next.name, ignoringCase: true),
               H1Bytes.equals(head.bytes(field.value, in: bytes), next.value, ignoringCase: false) {
                result = result.dropFirst()
            } else {
                removed.insert(position)
            }
        }
        added = result.map { ($0.name, $0.value) }
    }
}
