import NIOCore
import RuntimePlan

/// HAProxy's buffer limits that bound an HTTP/1 head: `tune.bufsize`,
/// `tune.maxrewrite` (the part of the buffer a request head may not use, kept
/// for rewrites) and `tune.http.maxhdr`.
struct H1Limits: Sendable, Hashable {
    var bufferSize = 16_384
    var maxRewrite = 1_024
    var maxHeaders = 101

    init() {}

    /// The plan's `tune.*` values.
    init(_ tuning: BufferTuning) {
        bufferSize = tuning.bufferSize
        maxRewrite = tuning.maxRewrite
        maxHeaders = tuning.maxHeaders
    }

    /// The longest request head HAProxy reads: the buffer less the rewrite reserve.
    var requestHeadBytes: Int { bufferSize - maxRewrite }
    /// The longest response head HAProxy reads.
    var responseHeadBytes: Int { bufferSize }
    /// The most a head may take once HAProxy has stored it as HTX blocks, in
    /// either direction: the buffer less the rewrite reserve and the 44 bytes
    /// of HTX's own header (measured against haproxy 2.6.12 at two buffer sizes).
    var htxHeadBytes: Int { bufferSize - maxRewrite - 44 }
}

/// Which side of an exchange a head belongs to.
enum H1MessageKind: Sendable {
    case request
    case response
}

/// Why a head or a body was refused; a request gets 400 and a response 502
/// (422 for a request transfer coding HAProxy does not accept).
enum H1Error: Error, Sendable, Hashable {
    case invalidStartLine
    case invalidVersion
    case invalidHeaderName
    case invalidLineEnding
    case invalidContentLength
    case invalidTransferEncoding
    case unsupportedTransferCoding
    case hostMismatch
    case tooManyHeaders
    case headTooLarge
    case invalidChunk
}

/// A header line, as byte offsets from the first byte of the head.
struct H1Field: Sendable, Hashable {
    var name: Range<Int>
    var value: Range<Int>
    /// The whole line, from the name to the end of its line break (folded lines included).
    var line: Range<Int>
}

/// Request methods the framing rules care about.
enum H1Method: Sendable, Hashable {
    case get, head, connect, post, other
}

/// An HTTP/1 head indexed in place: offsets into the bytes it was parsed from,
/// plus what the framing and connection rules need. Nothing is copied.
struct H1Head: Sendable {
    /// Bytes from the start of the input to the end of the empty line, leading empty lines included.
    var length = 0
    /// Where the start line begins (after empty lines HAProxy skips).
    var start = 0
    /// Request: method, target and version; response: version, status code text and reason.
    var first: Range<Int> = 0..<0
    var second: Range<Int> = 0..<0
    var third: Range<Int> = 0..<0
    /// The start line up to (not including) its line break.
    var startLine: Range<Int> = 0..<0
    var method = H1Method.other
    var status = 0
    var fields: [H1Field] = []
    var isHTTP11 = false
    var contentLength: UInt64?
    var hasTransferEncoding = false
    /// `chunked` is the last transfer coding.
    var isChunked = false
    /// `chunked` appeared among the transfer codings.
    var sawChunked = false
    /// A transfer coding other than `chunked` appeared.
    var otherCoding = false
    /// Positions in `fields` of the `Content-Length` lines.
    var contentLengthFields: [Int] = []
    var connectionClose = false
    var connectionKeepAlive = false
    var connectionUpgrade = false
    var upgradeWebSocket = false
    /// Positions in `fields` of the lines HAProxy drops when forwarding: repeated equal
    /// `Content-Length`/`Host`, `Content-Length` beside `Transfer-Encoding`.
    var droppedFields: [Int] = []
    /// Bare LF, obs-fold or leading empty lines: the head must be written again, never forwarded as read.
    var needsRewrite = false
    /// A default port (`:80`, `:443`, `:`) in an absolute target, dropped when the head is written.
    var droppedTargetPort: Range<Int>?
    /// That target's authority without it: the `Host` value written.
    var normalisedAuthority: Range<Int>?
    /// A `CONNECT`'s `Host` value without its default port: the value written.
    var normalisedHost: Range<Int>?

    /// The bytes of a range of the head in `buffer`, whose reader index is the head's first byte.
    func bytes(_ range: Range<Int>, in buffer: ByteBuffer) -> ByteBufferView {
        buffer.readableBytesView[(buffer.readerIndex + range.lowerBound)..<(buffer.readerIndex + range.upperBound)]
    }

    func string(_ range: Range<Int>, in buffer: ByteBuffer) -> String {
        buffer.getString(at: buffer.readerIndex + range.lowerBound, length: range.count) ?? ""
    }

    /// The bytes HAProxy's HTX takes for this head: the start line as a
    /// 24-byte block header plus its three parts, each kept header as an
    /// 8-byte block with its name and value (no separators), and the end of
    /// headers; every block has an 8-byte index entry.
    var htxSize: Int {
        let startLine = 8 + 24 + first.count + second.count + third.count
        var headers = 0
        for (index, field) in fields.enumerated() where !droppedFields.contains(index) {
            headers += 8 + field.name.count + field.value.count
        }
        return startLine + headers + 9
    }

    /// Index of the first field named `name` (lower case ASCII), if any.
    func firstField(named name: String, in buffer: ByteBuffer) -> Int? {
        fields.indices.first { H1Bytes.equalsLowercased(bytes(fields[$0].name, in: buffer), name) }
    }
}

/// Byte helpers shared by the parser, the framer and the writer.
enum H1Bytes {
    static let cr: UInt8 = 13, lf: UInt8 = 10, space: UInt8 = 32, tab: UInt8 = 9, colon: UInt8 = 58

    /// RFC 9110 `tchar`, as HAProxy's `HTTP_IS_TOKEN`.
    static let token: [Bool] = (0..<256).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        default: Array("!#$%&'*+-.^_`|~".utf8).contains(UInt8(byte))
        }
    }

    /// HAProxy's `HTTP_IS_VER_TOKEN`: upper-case letters, digits, `.` and `/`.
    static func isVersionByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "/")
    }

    static func isSpaceOrTab(_ byte: UInt8) -> Bool { byte == space || byte == tab }

    static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }

    /// Whether `bytes` are exactly `literal` (a byte loop: `elementsEqual` with a `String.UTF8View`
    /// costs several times more, on every request line).
    static func equals<C: Collection>(_ bytes: C, _ literal: StaticString) -> Bool where C.Element == UInt8 {
        guard bytes.count == literal.utf8CodeUnitCount else { return false }
        let expected = literal.utf8Start
        var position = 0
        for byte in bytes {
            guard byte == expected[position] else { return false }
            position += 1
        }
        return true
    }

    /// Whether `bytes` equal `text`'s UTF-8, ASCII letters compared without case when `ignoringCase`
    /// (no lower-cased copy of `text` is made).
    static func equals<C: Collection>(_ bytes: C, _ text: String, ignoringCase: Bool) -> Bool where C.Element == UInt8 {
        var text = text
        return text.withUTF8 { expected in
            guard bytes.count == expected.count else { return false }
            var position = 0
            for byte in bytes {
                let other = expected[position]
                guard byte == other || (ignoringCase && lowercased(byte) == lowercased(other)) else { return false }
                position += 1
            }
            return true
        }
    }

    /// Whether `bytes` equal `lower` (ASCII, already lower case) ignoring case.
    static func equalsLowercased<C: Collection>(_ bytes: C, _ lower: String) -> Bool where C.Element == UInt8 {
        equals(bytes, lower, ignoringCase: true)
    }

    /// Comma-separated list items, trimmed of spaces and tabs (HAProxy's word walk over a header value).
    static func listItems<C: BidirectionalCollection>(_ value: C) -> [C.SubSequence] where C.Element == UInt8 {
        value.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: true).map { item in
            var slice = item[...]
            while let first = slice.first, isSpaceOrTab(first) { slice = slice.dropFirst() }
            while let last = slice.last, isSpaceOrTab(last) { slice = slice.dropLast() }
            return slice
        }.filter { !$0.isEmpty }
    }
}
