import NIOCore

/// Changes to a head before it is forwarded: lines removed, lines added at
/// the end (as HAProxy appends them), and the connection handling.
struct H1HeadEdits {
    /// Positions in `H1Head.fields` not to forward.
    var removed: Set<Int> = []
    /// Lines added before the empty line, in order.
    var added: [(name: String, value: String)] = []
    /// A start line that replaces the head's (`set-status`, `set-path`…), without its line break.
    var startLine: String?
    /// New values for lines kept in place, by position in `H1Head.fields`.
    var replaced: [Int: String] = [:]

    var isEmpty: Bool { removed.isEmpty && added.isEmpty && startLine == nil && replaced.isEmpty }
}

/// Writes a head for forwarding: the bytes as read when nothing changes (a
/// slice sharing the read buffer), otherwise once into a new buffer. A head
/// that needs rewriting (bare LF, obs-fold, merged `Content-Length`, spacing or version HAProxy writes differently)
/// is written field by field, as HAProxy always does.
enum H1HeadWriter {
    /// `Connection` tokens the proxy owns: removed from what it forwards (HAProxy's `H1_MF_CLEAN_CONN_HDR`).
    static func connectionEdits(_ head: H1Head, _ buffer: ByteBuffer) -> (removed: Set<Int>, replaced: [Int: String]) {
        var removed: Set<Int> = [], replaced: [Int: String] = [:]
        for (position, field) in head.fields.enumerated()
        where H1Bytes.equalsLowercased(head.bytes(field.name, in: buffer), "connection") {
            let items = H1Bytes.listItems(head.bytes(field.value, in: buffer))
            let kept = items.filter { !H1Bytes.equalsLowercased($0, "close") && !H1Bytes.equalsLowercased($0, "keep-alive") }
            if kept.isEmpty {
                removed.insert(position)
            } else if kept.count != items.count {
                replaced[position] = kept.map { String(decoding: $0, as: UTF8.self) }.joined(separator: ",")
            }
        }
        return (removed, replaced)
    }

    /// The head to forward. `buffer`'s reader index is the head's first byte; it is not consumed.
    static func write(_ head: H1Head, from buffer: ByteBuffer, edits: H1HeadEdits, kind: H1MessageKind) -> ByteBuffer {
        let connection = connectionEdits(head, buffer)
        var removed = edits.removed.union(connection.removed)
        removed.formUnion(head.droppedFields)
        if !head.needsRewrite, removed.isEmpty, connection.replaced.isEmpty, edits.replaced.isEmpty, edits.added.isEmpty,
           edits.startLine == nil {
            return buffer.getSlice(at: buffer.readerIndex, length: head.length)!
        }
        var output = ByteBuffer()
        output.reserveCapacity(head.length + 64)
        if let startLine = edits.startLine {
            output.writeString(startLine + "\r\n")
        } else {
            writeStartLine(head, buffer, kind, &output)
        }
        for (position, field) in head.fields.enumerated() where !removed.contains(position) {
            if let value = connection.replaced[position] ?? edits.replaced[position] {
                output.writeBytes(head.bytes(field.name, in: buffer))
                output.writeString(": \(value)\r\n")
            } else if !head.needsRewrite {
                output.writeBytes(head.bytes(field.line, in: buffer))
            } else {
                output.writeBytes(head.bytes(field.name, in: buffer))
                output.writeString(": ")
                if head.contentLengthFields.contains(position), let length = head.contentLength {
                    output.writeString(String(length))
                } else if let host = head.normalisedAuthority ?? head.normalisedHost, kind == .request,
                          H1Bytes.equalsLowercased(head.bytes(field.name, in: buffer), "host") {
                    output.writeBytes(head.bytes(host, in: buffer))
                } else {
                    for byte in head.bytes(field.value, in: buffer) {
                        output.writeInteger(byte == H1Bytes.cr || byte == H1Bytes.lf ? H1Bytes.space : byte)
                    }
                }
                output.writeString("\r\n")
            }
        }
        for line in edits.added { output.writeString("\(line.name): \(line.value)\r\n") }
        output.writeString("\r\n")
        return output
    }

    private static func writeStartLine(_ head: H1Head, _ buffer: ByteBuffer, _ kind: H1MessageKind, _ output: inout ByteBuffer) {
        guard head.needsRewrite else {
            output.writeBytes(head.bytes(head.startLine, in: buffer))
            output.writeString("\r\n")
            return
        }
        output.writeBytes(head.bytes(head.first, in: buffer))
        output.writeString(" ")
        if kind == .request, let dropped = head.droppedTargetPort {
            output.writeBytes(head.bytes(head.second.lowerBound..<dropped.lowerBound, in: buffer))
            output.writeBytes(head.bytes(dropped.upperBound..<head.second.upperBound, in: buffer))
        } else {
            output.writeBytes(head.bytes(head.second, in: buffer))
        }
        if kind == .request {
            output.writeString(" ")
            output.writeString(head.isHTTP11 ? "HTTP/1.1" : "HTTP/1.0")
        } else if !head.third.isEmpty {
            output.writeString(" ")
            output.writeBytes(head.bytes(head.third, in: buffer))
        }
        output.writeString("\r\n")
    }
}
