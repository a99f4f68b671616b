/// Indexes an HTTP/1 request or response head in place, with HAProxy 2.6's
/// rules (`h1_headers_to_hdr_list`, `h1_parse_*_header` in src/h1.c and the
/// version checks of src/h1_htx.c, with the fixes Debian's 2.6.12 carries:
/// empty header names, empty `Content-Length` and `#` in the target are refused).
/// Pure: bytes in, an index or an error out.
struct H1HeadParser {
    /// What parsing the bytes read so far gave.
    enum Outcome {
        /// The head is not complete yet.
        case incomplete
        case complete(H1Head)
        case invalid(H1Error)
    }

    let kind: H1MessageKind
    let limits: H1Limits

    init(kind: H1MessageKind, limits: H1Limits = H1Limits()) {
        self.kind = kind
        self.limits = limits
    }

    /// The longest head of this kind.
    var headLimit: Int { kind == .request ? limits.requestHeadBytes : limits.responseHeadBytes }

    /// Parses a complete or partial head at the start of `bytes`.
    func parse(_ bytes: UnsafeRawBufferPointer) -> Outcome {
        var cursor = Cursor(bytes: bytes)
        do {
            guard let head = try parseHead(&cursor) else {
                return bytes.count >= headLimit ? .invalid(.headTooLarge) : .incomplete
            }
            return head.length > headLimit || head.htxSize > limits.htxHeadBytes ? .invalid(.headTooLarge) : .complete(head)
        } catch let error as H1Error {
            return .invalid(error)
        } catch {
            return .invalid(.invalidStartLine)
        }
    }

    /// A position in the bytes; `current` is nil once the input ended.
    struct Cursor {
        let bytes: UnsafeRawBufferPointer
        var index = 0

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }
    }

    private func parseHead(_ cursor: inout Cursor) throws -> H1Head? {
        var head = H1Head()
        // Empty lines before the start line are skipped (CR must be followed by LF).
        while let byte = cursor.current, byte == H1Bytes.cr || byte == H1Bytes.lf {
            guard try skipLineBreak(&cursor) else { return nil }
            head.needsRewrite = true
        }
        guard cursor.current != nil else { return nil }
        head.start = cursor.index
        let complete = kind == .request ? try parseRequestLine(&cursor, &head) : try parseStatusLine(&cursor, &head)
        guard complete else { return nil }
        guard try parseFields(&cursor, &head) else { return nil }
        head.length = cursor.index
        try checkVersion(cursor.bytes, &head)
        try finishFraming(&head)
        return head
    }

    /// Consumes CRLF or LF; false when the input ends inside it.
    private func skipLineBreak(_ cursor: inout Cursor) throws -> Bool {
        if cursor.current == H1Bytes.cr {
            cursor.index += 1
            guard let next = cursor.current else { return false }
            guard next == H1Bytes.lf else { throw H1Error.invalidLineEnding }
            cursor.index += 1
            return true
        }
        cursor.index += 1
        return true
    }

    private func skipSpaces(_ cursor: inout Cursor) {
        while let byte = cursor.current, H1Bytes.isSpaceOrTab(byte) { cursor.index += 1 }
    }

    private func parseRequestLine(_ cursor: inout Cursor, _ head: inout H1Head) throws -> Bool {
        let methodStart = cursor.index
        while let byte = cursor.current, H1Bytes.token[Int(byte)] { cursor.index += 1 }
        guard let afterMethod = cursor.current else { return false }
        head.first = methodStart..<cursor.index
        head.method = Self.method(cursor.bytes, head.first)
        var targetStart = cursor.index, targetEnd = cursor.index
        if H1Bytes.isSpaceOrTab(afterMethod) {
            skipSpaces(&cursor)
            guard cursor.current != nil else { return false }
            targetStart = cursor.index
            while let byte = cursor.current {
                if byte >= 0x21 && byte <= 0x7E {
                    // Debian's 2.6.12 refuses a fragment in the target (CVE-2023-45539).
                    if byte == UInt8(ascii: "#") { throw H1Error.invalidStartLine }
                    cursor.index += 1
                } else if H1Bytes.isSpaceOrTab(byte) || byte == H1Bytes.cr || byte == H1Bytes.lf {
                    break
                } else {
                    throw H1Error.invalidStartLine
                }
            }
            guard cursor.current != nil else { return false }
            targetEnd = cursor.index
        } else if afterMethod != H1Bytes.cr && afterMethod != H1Bytes.lf {
            throw H1Error.invalidStartLine
        }
        head.second = targetStart..<targetEnd
        skipSpaces(&cursor)
        guard cursor.current != nil else { return false }
        let versionStart = cursor.index
        while let byte = cursor.current, byte != H1Bytes.cr, byte != H1Bytes.lf {
            guard H1Bytes.isVersionByte(byte) else { throw H1Error.invalidStartLine }
            cursor.index += 1
        }
        guard cursor.current != nil else { return false }
        head.third = versionStart..<cursor.index
        head.startLine = head.start..<cursor.index
        // HAProxy writes the request line again: single spaces, and the version as HTTP/1.0 or HTTP/1.1.
        let version = UnsafeRawBufferPointer(rebasing: cursor.bytes[head.third])
        if head.second.lowerBound != head.first.upperBound + 1 || head.third.lowerBound != head.second.upperBound + 1
            || cursor.bytes[head.first.upperBound] != H1Bytes.space || cursor.bytes[head.second.upperBound] != H1Bytes.space
            || !(H1Bytes.equals(version, "HTTP/1.1") || H1Bytes.equals(version, "HTTP/1.0")) {
            head.needsRewrite = true
        }
        if let target = Self.targetAuthority(cursor.bytes, head.second), let dropped = target.droppedPort {
            // HAProxy drops a default port from an absolute target and sets Host to the authority.
            head.normalisedAuthority = target.authority
            head.droppedTargetPort = dropped
            head.needsRewrite = true
        }
        if head.third.isEmpty {
            // An HTTP/0.9 request line (no version): HAProxy 2.6 answers 400 once the line is complete.
            guard try skipLineBreak(&cursor) else { return false }
            throw H1Error.invalidVersion
        }
        return try skipLineBreak(&cursor)
    }

    private func parseStatusLine(_ cursor: inout Cursor, _ head: inout H1Head) throws -> Bool {
        let versionStart = cursor.index
        while let byte = cursor.current, H1Bytes.isVersionByte(byte) { cursor.index += 1 }
        guard let afterVersion = cursor.current else { return false }
        guard H1Bytes.isSpaceOrTab(afterVersion), cursor.index > versionStart else { throw H1Error.invalidStartLine }
        head.first = versionStart..<cursor.index
        skipSpaces(&cursor)
        guard let codeByte = cursor.current else { return false }
        guard codeByte != H1Bytes.cr, codeByte != H1Bytes.lf else { throw H1Error.invalidStartLine }
        let codeStart = cursor.index
        var status = 0
        while let byte = cursor.current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
            status = min(status * 10 + Int(byte - UInt8(ascii: "0")), 100_000)
            cursor.index += 1
        }
        guard let afterCode = cursor.current else { return false }
        guard H1Bytes.isSpaceOrTab(afterCode) || afterCode == H1Bytes.cr || afterCode == H1Bytes.lf else {
            throw H1Error.invalidStartLine
        }
        head.second = codeStart..<cursor.index
        head.status = status
        skipSpaces(&cursor)
        let reasonStart = cursor.index
        while let byte = cursor.current, byte != H1Bytes.cr, byte != H1Bytes.lf { cursor.index += 1 }
        guard cursor.current != nil else { return false }
        head.third = reasonStart..<cursor.index
        head.startLine = head.start..<cursor.index
        return try skipLineBreak(&cursor)
    }

    /// Header lines up to the empty line; false when the input ends first.
    private func parseFields(_ cursor: inout Cursor, _ head: inout H1Head) throws -> Bool {
        var hostValue: Range<Int>?
        while true {
            guard let first = cursor.current else { return false }
            if first == H1Bytes.cr || first == H1Bytes.lf {
                if first == H1Bytes.lf { head.needsRewrite = true }
                return try skipLineBreak(&cursor)
            }
            let lineStart = cursor.index
            while let byte = cursor.current, H1Bytes.token[Int(byte)] { cursor.index += 1 }
            guard let afterName = cursor.current else { return false }
            // A name must be a non-empty token followed by a colon (CVE-2023-25725 for the empty name).
            guard afterName == H1Bytes.colon, cursor.index > lineStart else { throw H1Error.invalidHeaderName }
            let name = lineStart..<cursor.index
            cursor.index += 1
            let afterColon = cursor.index
            skipSpaces(&cursor)
            // Anything but one space after the colon is written again as HAProxy writes it.
            if cursor.index != afterColon + 1 || cursor.bytes[afterColon] != H1Bytes.space { head.needsRewrite = true }
            var valueStart = cursor.index
            var valueEnd = cursor.index
            // The value runs to the line break; a following space or tab continues it (obs-fold).
            while true {
                while let byte = cursor.current, byte != H1Bytes.cr, byte != H1Bytes.lf { cursor.index += 1 }
                guard let lineBreak = cursor.current else { return false }
                if lineBreak == H1Bytes.lf { head.needsRewrite = true }
                let end = cursor.index
                guard try skipLineBreak(&cursor) else { return false }
                guard let next = cursor.current else { return false }
                if H1Bytes.isSpaceOrTab(next) {
                    head.needsRewrite = true
                    if end == valueStart {
                        skipSpaces(&cursor)
                        valueStart = cursor.index
                    }
                    continue
                }
                valueEnd = end
                break
            }
            let lineValueEnd = valueEnd
            while valueEnd > valueStart, Self.isWhitespace(cursor.bytes[valueEnd - 1]) { valueEnd -= 1 }
            if valueEnd != lineValueEnd { head.needsRewrite = true }
            let field = H1Field(name: name, value: valueStart..<valueEnd, line: lineStart..<cursor.index)
            try index(field, cursor.bytes, &head, &hostValue)
        }
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == H1Bytes.space || byte == H1Bytes.tab || byte == H1Bytes.cr || byte == H1Bytes.lf
    }

    /// Records a field and applies the rules of the headers HAProxy interprets.
    private func index(_ field: H1Field, _ bytes: UnsafeRawBufferPointer, _ head: inout H1Head,
                       _ hostValue: inout Range<Int>?) throws {
        let name = UnsafeRawBufferPointer(rebasing: bytes[field.name])
        let value = UnsafeRawBufferPointer(rebasing: bytes[field.value])
        var kept = true
        if H1Bytes.equalsLowercased(name, "transfer-encoding") {
            try transferEncoding(value, &head)
        } else if H1Bytes.equalsLowercased(name, "content-length") {
            kept = try contentLength(value, &head)
            head.contentLengthFields.append(head.fields.count)
        } else if H1Bytes.equalsLowercased(name, "connection") {
            for item in H1Bytes.listItems(value) {
                if H1Bytes.equalsLowercased(item, "close") { head.connectionClose = true }
                if H1Bytes.equalsLowercased(item, "keep-alive") { head.connectionKeepAlive = true }
                if H1Bytes.equalsLowercased(item, "upgrade") { head.connectionUpgrade = true }
            }
        } else if H1Bytes.equalsLowercased(name, "upgrade") {
            head.upgradeWebSocket = H1Bytes.listItems(value).contains { H1Bytes.equalsLowercased($0, "websocket") }
        } else if kind == .request, H1Bytes.equalsLowercased(name, "host") {
            if let first = hostValue {
                let firstBytes = UnsafeRawBufferPointer(rebasing: bytes[first])
                guard Self.equalIgnoringCase(firstBytes, value) else { throw H1Error.hostMismatch }
                kept = false
            } else {
                // Compared as HAProxy 2.6.12 does after its scheme-based normalisation (default ports dropped).
                if let target = Self.targetAuthority(bytes, head.second) {
                    let defaults = Self.defaultPorts(bytes, head)
                    let authority = Self.withoutDefaultPort(bytes[target.authority], defaults)
                    let host = Self.withoutDefaultPort(value[...], defaults)
                    if !Self.equalIgnoringCase(authority, host) { throw H1Error.hostMismatch }
                    if head.method == .connect, host.count != value.count {
                        // HAProxy writes a CONNECT's Host without its default port.
                        head.normalisedHost = field.value.lowerBound..<(field.value.lowerBound + host.count)
                        head.needsRewrite = true
                    }
                }
                hostValue = field.value
            }
        }
        if kept {
            // HAProxy keeps tune.http.maxhdr entries, the last one for the end of the list.
            guard head.fields.count - head.droppedFields.count < limits.maxHeaders - 1 else { throw H1Error.tooManyHeaders }
            head.fields.append(field)
        } else {
            head.droppedFields.append(head.fields.count)
            head.needsRewrite = true
            head.fields.append(field)
        }
    }

    /// HAProxy's version rules: exactly `HTTP/d.d` (a response needs only `..../d.d`;
    /// an HTTP/0.9 request line was already refused while parsing).
    private func checkVersion(_ bytes: UnsafeRawBufferPointer, _ head: inout H1Head) throws {
        let range = kind == .request ? head.third : head.first
        let version = UnsafeRawBufferPointer(rebasing: bytes[range])
        let digit = UInt8(ascii: "0")...UInt8(ascii: "9")
        guard version.count == 8, version[4] == UInt8(ascii: "/"), digit.contains(version[5]), version[6] == UInt8(ascii: "."),
              digit.contains(version[7]) else { throw H1Error.invalidVersion }
        if kind == .request, !H1Bytes.equals(version[0..<5], "HTTP/") { throw H1Error.invalidVersion }
        head.isHTTP11 = version[5] > UInt8(ascii: "1") || (version[5] == UInt8(ascii: "1") && version[7] >= UInt8(ascii: "1"))
    }

    /// Transfer-Encoding against Content-Length and the version, as HAProxy settles them.
    private func finishFraming(_ head: inout H1Head) throws {
        guard head.hasTransferEncoding else { return }
        if head.contentLength != nil {
            // T-E + C-L: C-L is removed and the connection closes after the exchange.
            head.connectionClose = true
            head.contentLength = nil
            for position in head.contentLengthFields where !head.droppedFields.contains(position) {
                head.droppedFields.append(position)
            }
            head.needsRewrite = true
        } else if !head.isHTTP11 {
            head.connectionClose = true
        }
        // Debian's 2.6.12 refuses a Transfer-Encoding whose last coding is not chunked in responses too.
        guard head.isChunked else { throw H1Error.invalidTransferEncoding }
        if kind == .request, head.otherCoding { throw H1Error.unsupportedTransferCoding }
    }
}
