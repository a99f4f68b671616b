import NIOCore

/// How a message body is delimited.
enum H1BodyKind: Sendable, Hashable {
    case none
    case length(UInt64)
    /// Chunked transfer coding, validated and passed on.
    case chunked
    /// The body ends when the sender closes (a response without a length).
    case untilClose
    /// After a `101` or a `2xx` to `CONNECT`: bytes both ways until either side closes.
    case tunnel
}

extension H1Head {
    /// A request body's framing (HAProxy ignores any body length of a `CONNECT`).
    var requestBody: H1BodyKind {
        if method == .connect { return .none }
        if isChunked { return .chunked }
        if let contentLength, contentLength > 0 { return .length(contentLength) }
        return .none
    }

    /// A response body's framing, which depends on the request's method.
    func responseBody(to requestMethod: H1Method) -> H1BodyKind {
        if status == 101 || (requestMethod == .connect && (200..<300).contains(status)) { return .tunnel }
        if requestMethod == .head || (100..<200).contains(status) || status == 204 || status == 304 { return .none }
        if isChunked { return .chunked }
        if let contentLength { return contentLength > 0 ? .length(contentLength) : .none }
        return .untilClose
    }
}

/// Walks a body as it arrives and says what to forward: slices of the input
/// for the payload and for framing that is already canonical, rewritten
/// framing otherwise (HAProxy drops chunk extensions). Chunk sizes follow
/// `h1_parse_chunk_size`: hex digits below 2^52, blanks, an optional
/// extension, CRLF or LF; a size line or trailer section must fit in `tune.bufsize`.
struct H1BodyFramer {
    /// One thing to do with the input.
    enum Step {
        /// Forward these bytes (a slice of the input).
        case forward(ByteBuffer)
        /// The body ended; what remains of the input belongs to the next message.
        case end
        /// Nothing more can be decided until more bytes arrive.
        case needMore
    }

    private enum State {
        case length(UInt64)
        case chunkSize
        case chunkData(UInt64)
        case chunkDataEnd
        case trailers
        case untilClose
        case done
    }

    private var state: State
    let limit: Int

    init(_ kind: H1BodyKind, limit: Int = H1Limits().bufferSize) {
        self.limit = limit
        switch kind {
        case .none: state = .done
        case .length(let count): state = count == 0 ? .done : .length(count)
        case .chunked: state = .chunkSize
        case .untilClose, .tunnel: state = .untilClose
        }
    }

    var isDone: Bool { if case .done = state { true } else { false } }

    /// Whether the body ends when the sender closes.
    var isUntilClose: Bool { if case .untilClose = state { true } else { false } }

    /// Whether the next bytes forwarded are payload (not chunk framing or trailers).
    var isInPayload: Bool {
        switch state {
        case .length, .chunkData, .untilClose: true
        case .chunkSize, .chunkDataEnd, .trailers, .done: false
        }
    }

    /// The next step over `input`, consuming what it forwards or validates.
    mutating func next(_ input: inout ByteBuffer) throws -> Step {
        switch state {
        case .done:
            return .end
        case .untilClose:
            guard input.readableBytes > 0 else { return .needMore }
            return .forward(input.readSlice(length: input.readableBytes)!)
        case .length(let remaining):
            guard input.readableBytes > 0 else { return .needMore }
            let count = Int(min(remaining, UInt64(input.readableBytes)))
            let left = remaining - UInt64(count)
            state = left == 0 ? .done : .length(left)
            return .forward(input.readSlice(length: count)!)
        case .chunkData(let remaining):
            guard input.readableBytes > 0 else { return .needMore }
            let count = Int(min(remaining, UInt64(input.readableBytes)))
            let left = remaining - UInt64(count)
            state = left == 0 ? .chunkDataEnd : .chunkData(left)
            return .forward(input.readSlice(length: count)!)
        case .chunkDataEnd:
            return try chunkDataEnd(&input)
        case .chunkSize:
            return try chunkSize(&input)
        case .trailers:
            return try trailers(&input)
        }
    }

    /// The CRLF (or LF) after a chunk's data.
    private mutating func chunkDataEnd(_ input: inout ByteBuffer) throws -> Step {
        guard let first = input.getInteger(at: input.readerIndex, as: UInt8.self) else { return .needMore }
        if first == H1Bytes.lf {
            input.moveReaderIndex(forwardBy: 1)
            state = .chunkSize
            return .forward(ByteBuffer(string: "\r\n"))
        }
        guard first == H1Bytes.cr else { throw H1Error.invalidChunk }
        guard let second = input.getInteger(at: input.readerIndex + 1, as: UInt8.self) else { return .needMore }
        guard second == H1Bytes.lf else { throw H1Error.invalidChunk }
        state = .chunkSize
        return .forward(input.readSlice(length: 2)!)
    }

    private mutating func chunkSize(_ input: inout ByteBuffer) throws -> Step {
        guard let lineEnd = input.readableBytesView.firstIndex(of: H1Bytes.lf) else {
            if input.readableBytes >= limit { throw H1Error.invalidChunk }
            return .needMore
        }
        let line = input.readableBytesView[input.readerIndex..<lineEnd]
        var size: UInt64 = 0
        var index = line.startIndex
        while index < line.endIndex, let digit = Self.hexValue(line[index]) {
            size = size << 4 | UInt64(digit)
            if size & 0xF0_0000_0000_0000 != 0 { throw H1Error.invalidChunk }
            index += 1
        }
        guard index > line.startIndex else { throw H1Error.invalidChunk }
        let digitsEnd = index
        while index < line.endIndex, H1Bytes.isSpaceOrTab(line[index]) { index += 1 }
        if index < line.endIndex, line[index] == UInt8(ascii: ";") {
            // An extension runs to the line end; a bare CR inside it is refused.
            while index < line.endIndex, line[index] != H1Bytes.cr { index += 1 }
        }
        if index < line.endIndex, line[index] == H1Bytes.cr { index += 1 }
        guard index == line.endIndex else { throw H1Error.invalidChunk }
        let canonical = lineEnd - digitsEnd == 1 && line[digitsEnd] == H1Bytes.cr
        let lineLength = lineEnd + 1 - input.readerIndex
        state = size == 0 ? .trailers : .chunkData(size)
        if size == 0 {
            input.moveReaderIndex(forwardBy: lineLength)
            return try trailers(&input)
        }
        if canonical { return .forward(input.readSlice(length: lineLength)!) }
        input.moveReaderIndex(forwardBy: lineLength)
        return .forward(ByteBuffer(string: String(size, radix: 16) + "\r\n"))
    }

    /// The trailer section after the last chunk, forwarded whole once its empty line arrived.
    private mutating func trailers(_ input: inout ByteBuffer) throws -> Step {
        var output = ByteBuffer(string: "0\r\n")
        var cursor = input.readerIndex
        let view = input.readableBytesView
        while true {
            guard let lineEnd = view[cursor...].firstIndex(of: H1Bytes.lf) else {
                if input.readableBytes >= limit { throw H1Error.invalidChunk }
                return .needMore
            }
            var contentEnd = lineEnd
            if contentEnd > cursor, view[contentEnd - 1] == H1Bytes.cr { contentEnd -= 1 }
            let line = view[cursor..<contentEnd]
            if line.isEmpty {
                output.writeString("\r\n")
                input.moveReaderIndex(to: lineEnd + 1)
                state = .done
                return .forward(output)
            }
            guard let colon = line.firstIndex(of: H1Bytes.colon), colon > line.startIndex,
                  line[line.startIndex..<colon].allSatisfy({ H1Bytes.token[Int($0)] }),
                  !line.contains(H1Bytes.cr) else { throw H1Error.invalidChunk }
            output.writeBytes(line)
            output.writeString("\r\n")
            cursor = lineEnd + 1
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
