import Foundation
import WeirTestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// A response as a client read it off the socket, its body de-chunked and
/// decoded with the real tools (`gzip -d` for gzip, Python's zlib for the
/// two deflate forms), for the compression tests.
struct CompressedReply: Equatable, CustomStringConvertible {
    var status: Int
    /// `name: value` lines, names in lower case, sorted (HAProxy lower-cases names and orders its additions its own way).
    var headers: [String]
    /// The body after de-chunking and decoding.
    var body: [UInt8]
    /// The body as it travelled (after de-chunking), before decoding.
    var encodedLength: Int

    var contentEncoding: String? { header("content-encoding") }

    /// Same status, headers and decoded body. The compressed bytes are not
    /// compared: haproxy 2.6.12 on Debian compresses with libslz, the engine
    /// with zlib. `Connection` is left out: its handling for HTTP/1.0 peers is
    /// the message rules' matter (MessageRulesDifferentialTests), not compression's.
    static func == (left: CompressedReply, right: CompressedReply) -> Bool {
        left.status == right.status && left.body == right.body
            && left.headers.filter { !$0.hasPrefix("connection: ") } == right.headers.filter { !$0.hasPrefix("connection: ") }
    }

    func header(_ name: String) -> String? {
        headers.first { $0.hasPrefix(name + ": ") }.map { String($0.dropFirst(name.count + 2)) }
    }

    var description: String { "\(status) \(headers) body(\(body.count), encoded \(encodedLength))" }

    /// Sends `request` (which should ask to close) and reads to the end.
    static func fetch(port: Int, _ request: String) throws -> CompressedReply {
        let raw = exchange(port: port, Array(request.utf8))
        return try parse(raw)
    }

    static func exchange(port: Int, _ bytes: [UInt8], seconds: Double = 5) -> [UInt8] {
        guard let fd = Loopback.connect(port: port) else { return [] }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count == 0 { break }
            if count < 0 { if errno == EAGAIN || errno == EINTR { continue } else { break } }
            received += buffer[0..<count]
        }
        return received
    }

    static func parse(_ raw: [UInt8]) throws -> CompressedReply {
        guard let headEnd = RecordedRequest.find([13, 10, 13, 10], in: raw, from: 0) else {
            throw Failure("no response head in \(String(decoding: raw.prefix(200), as: UTF8.self))")
        }
        var lines = String(decoding: raw[0..<headEnd], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(lines.removeFirst().split(separator: " ").dropFirst().first ?? "") ?? 0
        let headers = lines.map { line -> String in
            let name = line.prefix { $0 != ":" }
            return name.lowercased() + ": " + line.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces)
        }.sorted()
        var body = Array(raw[(headEnd + 4)...])
        if headers.contains(where: { $0.hasPrefix("transfer-encoding: ") && $0.lowercased().hasSuffix("chunked") }) {
            body = try dechunk(body)
        }
        let encoded = body.count
        let encoding = headers.first { $0.hasPrefix("content-encoding: ") }.map { String($0.dropFirst(18)) }
        switch encoding {
        case "gzip"?: body = try run("gzip", ["-d", "-c"], input: body)
        case "deflate"?:
            // zlib framing first, then raw deflate (HAProxy's raw-deflate is also announced as `deflate`).
            let script = "import sys,zlib\nd=sys.stdin.buffer.read()\ntry: o=zlib.decompress(d)\nexcept zlib.error: o=zlib.decompress(d,-15)\nsys.stdout.buffer.write(o)"
            body = try run("python3", ["-c", script], input: body)
        default: break
        }
        return CompressedReply(status: status, headers: headers, body: body, encodedLength: encoded)
    }

    static func dechunk(_ bytes: [UInt8]) throws -> [UInt8] {
        var body: [UInt8] = []
        var cursor = 0
        while true {
            guard let lineEnd = RecordedRequest.find([13, 10], in: bytes, from: cursor),
                  let size = Int(String(decoding: bytes[cursor..<lineEnd], as: UTF8.self).prefix { $0 != ";" }, radix: 16) else {
                throw Failure("bad chunk at \(cursor) of \(bytes.count)")
            }
            cursor = lineEnd + 2
            if size == 0 { return body }
            guard bytes.count >= cursor + size + 2 else { throw Failure("short chunk") }
            body += bytes[cursor..<(cursor + size)]
            cursor += size + 2
        }
    }

    /// Runs a real tool with `input` on its standard input; fails when it is missing or fails.
    static func run(_ tool: String, _ arguments: [String], input: [UInt8]) throws -> [UInt8] {
        guard let path = Programs.path(tool) else { throw Failure("\(tool) is not installed") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        let writer = Thread {
            stdin.fileHandleForWriting.write(Data(input))
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failure("\(tool) \(arguments) failed on \(input.count) bytes") }
        return Array(output)
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
