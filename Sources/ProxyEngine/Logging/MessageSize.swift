import NIOCore

/// The size HAProxy 2.6 counts for a message in `%B` and `%U`: the size of
/// its internal HTX form, not of the bytes on the wire. A start line counts
/// 20 bytes of fixed fields plus its three words, a header its name and
/// value, the end of headers 1, the body its payload (include/haproxy/htx-t.h
/// `struct htx_sl`). `Connection: close|keep-alive` is left out, as the
/// HTTP/1 parser removes it.
enum MessageSize {
    static let startLineFields = 20

    /// The counted size of a parsed head (without its body).
    static func of(_ head: H1Head, in buffer: ByteBuffer) -> Int {
        var size = startLineFields + head.first.count + head.second.count + head.third.count + 1
        for (position, field) in head.fields.enumerated() where !head.droppedFields.contains(position) {
            if isConnectionToken(name: head.string(field.name, in: buffer), value: head.string(field.value, in: buffer)) { continue }
            size += field.name.count + field.value.count
        }
        return size
    }

    /// The counted size of a whole response made here (an error page, a redirect).
    static func of(response: ByteBuffer) -> Int {
        let text = String(buffer: response)
        guard let end = text.range(of: "\r\n\r\n") else { return response.readableBytes }
        let lines = text[..<end.lowerBound].components(separatedBy: "\r\n")
        let words = lines.first?.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false) ?? []
        var size = startLineFields + words.reduce(0) { $0 + $1.utf8.count } + 1
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = String(line[..<colon]), value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if isConnectionToken(name: name, value: value) { continue }
            size += name.utf8.count + value.utf8.count
        }
        return size + text[end.upperBound...].utf8.count
    }

    private static func isConnectionToken(name: String, value: String) -> Bool {
        name.lowercased() == "connection" && ["close", "keep-alive"].contains(value.lowercased())
    }
}
