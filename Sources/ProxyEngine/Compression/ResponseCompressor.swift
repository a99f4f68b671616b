import NIOCore
import RuntimePlan

/// Turns a response body into the chunks the client receives: each piece of
/// payload compressed and sent at once as one chunk (nothing waits for the
/// whole body, so the server is read only as fast as the client takes the
/// chunks), then the end of the compressed stream, the last chunk and any
/// trailers. With `identity` the payload goes on unchanged, re-chunked, as
/// HAProxy does.
final class ResponseCompressor {
    /// HAProxy's `tune.comp.maxlevel` default.
    static let level: Int32 = 1

    private let stream: DeflateStream?
    private(set) var finished = false

    init(_ algorithm: CompressionAlgorithm) {
        stream = DeflateStream(algorithm, level: Self.level)
    }

    /// The chunk for a piece of payload; nil when it gave no bytes yet.
    func chunk(_ payload: ByteBuffer) -> ByteBuffer? {
        let data = stream?.compress(payload) ?? payload
        return data.readableBytes > 0 ? Self.frame(data) : nil
    }

    /// The end of the body: the stream's last bytes as a chunk, then `lastChunk`
    /// (`0\r\n`, trailers, `\r\n`: the server's, or an empty one).
    func end(lastChunk: ByteBuffer = ByteBuffer(string: "0\r\n\r\n")) -> ByteBuffer {
        finished = true
        var output = ByteBuffer()
        if let data = stream?.finish(), data.readableBytes > 0 {
            var framed = Self.frame(data)
            output.writeBuffer(&framed)
        }
        var last = lastChunk
        output.writeBuffer(&last)
        return output
    }

    private static func frame(_ data: ByteBuffer) -> ByteBuffer {
        var data = data
        var chunk = ByteBuffer()
        chunk.reserveCapacity(data.readableBytes + 12)
        chunk.writeString(String(data.readableBytes, radix: 16))
        chunk.writeString("\r\n")
        chunk.writeBuffer(&data)
        chunk.writeString("\r\n")
        return chunk
    }
}
