import CZlib
import NIOCore
import RuntimePlan

/// One zlib deflate stream, fed piece by piece: each call returns what zlib
/// produced, flushed to a byte boundary (`Z_SYNC_FLUSH`, as HAProxy flushes
/// at the end of each buffer it compresses) so the client can decode every
/// piece as it arrives. Window and memory settings are HAProxy 2.6's defaults
/// (`tune.zlib.windowsize` 15, `tune.zlib.memlevel` 8).
final class DeflateStream {
    private let stream: UnsafeMutablePointer<z_stream>

    /// Nil for `identity` or when zlib refuses to start.
    init?(_ algorithm: CompressionAlgorithm, level: Int32) {
        let windowBits: Int32
        switch algorithm {
        case .identity: return nil
        case .gzip: windowBits = MAX_WBITS + 16
        case .deflate: windowBits = MAX_WBITS
        case .rawDeflate: windowBits = -MAX_WBITS
        }
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = deflateInit2_(stream, level, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
                                   Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            return nil
        }
    }

    deinit {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Compresses `input` and flushes what it gave.
    func compress(_ input: ByteBuffer) -> ByteBuffer {
        run(input, flush: Z_SYNC_FLUSH)
    }

    /// Ends the stream (the format's trailer: the gzip CRC and length, the zlib checksum).
    func finish() -> ByteBuffer {
        run(ByteBuffer(), flush: Z_FINISH)
    }

    private func run(_ input: ByteBuffer, flush: Int32) -> ByteBuffer {
        var output = ByteBuffer()
        input.withUnsafeReadableBytes { raw in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: raw.bindMemory(to: Bytef.self).baseAddress)
            stream.pointee.avail_in = uInt(raw.count)
            var status = Z_OK
            repeat {
                let room = max(Int(deflateBound(stream, uLong(stream.pointee.avail_in))), 64)
                output.writeWithUnsafeMutableBytes(minimumWritableBytes: room) { free in
                    stream.pointee.next_out = free.bindMemory(to: Bytef.self).baseAddress
                    stream.pointee.avail_out = uInt(free.count)
                    status = deflate(stream, flush)
                    return free.count - Int(stream.pointee.avail_out)
                }
                // Output filled every byte of room: zlib may hold more; otherwise the flush is complete.
            } while status == Z_OK && (stream.pointee.avail_out == 0 || (flush == Z_FINISH && status != Z_STREAM_END))
            stream.pointee.next_in = nil
            stream.pointee.avail_in = 0
        }
        return output
    }
}
