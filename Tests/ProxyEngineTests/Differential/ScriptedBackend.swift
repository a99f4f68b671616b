import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A raw-socket HTTP/1 server on 127.0.0.1 for differential tests: it
/// records every request it receives (the head with its header names in
/// lower case, since HAProxy lower-cases them, and the body decoded) and
/// answers with the reply its script gives for the request's path.
final class ScriptedBackend: @unchecked Sendable {
    /// What the server does after a request.
    struct Reply: Sendable {
        var bytes: [UInt8]
        /// Close the connection after writing the bytes.
        var close = false

        static let ok = Reply(bytes: Array("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".utf8))

        init(_ text: String, close: Bool = false) {
            self.bytes = Array(text.utf8)
            self.close = close
        }

        init(bytes: [UInt8], close: Bool = false) {
            self.bytes = bytes
            self.close = close
        }
    }

    let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var log: [String] = []
    private var stopped = false
    private var open = 0
    private var accepted = 0
    private let script: @Sendable (String) -> Reply

    init(script: @escaping @Sendable (String) -> Reply) throws {
        self.script = script
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) } }
        guard bound == 0, Glibc.listen(listener, 128) == 0 else { throw POSIXError(.EADDRINUSE) }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) } }
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    /// The requests received since the last call, in order; clears the record.
    func takeRequests() -> [String] {
        lock.lock()
        defer { lock.unlock() }
        let taken = log
        log = []
        return taken
    }

    func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    /// Connections from the proxy that are still open.
    var openConnections: Int {
        lock.lock()
        defer { lock.unlock() }
        return open
    }

    /// Connections from the proxy accepted so far.
    var acceptedConnections: Int {
        lock.lock()
        defer { lock.unlock() }
        return accepted
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    private func record(_ entry: String) {
        lock.lock()
        log.append(entry)
        lock.unlock()
    }

    private func acceptLoop() {
        while !isStopped {
            let fd = accept(listener, nil, nil)
            if fd < 0 { return }
            Thread.detachNewThread { [self] in serve(fd) }
        }
    }

    private func serve(_ fd: Int32) {
        lock.lock()
        open += 1
        accepted += 1
        lock.unlock()
        defer {
            close(fd)
            lock.lock()
            open -= 1
            lock.unlock()
        }
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var pending: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        /// A large length-delimited body being counted, not kept: its recorded head, path and remaining bytes.
        var large: (entry: String, path: String, left: Int)?
        let started = Date()
        while !isStopped, Date().timeIntervalSince(started) < 120 {
            let count = recv(fd, &chunk, chunk.count, 0)
            if count == 0 { return }
            if count < 0 { continue }
            pending += chunk[0..<count]
            while true {
                if let current = large {
                    let used = min(current.left, pending.count)
                    pending.removeFirst(used)
                    large = (current.entry, current.path, current.left - used)
                    guard large!.left == 0 else { break }
                    large = nil
                    record(current.entry)
                    if !answer(fd, current.path) { return }
                    continue
                }
                if let head = RecordedRequest.head(pending), !head.chunked, head.length > 1 << 20 {
                    pending.removeFirst(head.end)
                    large = (head.text + "body(\(head.length))", head.path, head.length)
                    continue
                }
                guard let (request, path, used) = RecordedRequest.parse(pending) else { break }
                pending.removeFirst(used)
                record(request)
                if !answer(fd, path) { return }
            }
        }
    }

    /// Writes the script's reply; false when the connection must close.
    private func answer(_ fd: Int32, _ path: String) -> Bool {
        let reply = script(path)
        _ = reply.bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        return !reply.close
    }
}

/// Parsing of what a proxy forwarded, loose enough to read whatever it sends.
enum RecordedRequest {
    /// A complete head at the start of `bytes`: normalised text, path, framing, and where the body starts.
    static func head(_ bytes: [UInt8]) -> (text: String, path: String, length: Int, chunked: Bool, end: Int)? {
        guard let headEnd = find([13, 10, 13, 10], in: bytes, from: 0) else { return nil }
        var lines = String(decoding: bytes[0..<headEnd], as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst()
        var normalised = requestLine + "\n"
        var length = 0
        var chunked = false
        for line in lines {
            let name = line.prefix { $0 != ":" }
            normalised += name.lowercased() + line.dropFirst(name.count) + "\n"
            let value = line.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces)
            if name.lowercased() == "content-length" { length = Int(value) ?? 0 }
            if name.lowercased() == "transfer-encoding", value.lowercased().contains("chunked") { chunked = true }
        }
        let words = requestLine.split(separator: " ")
        return (normalised, words.count > 1 ? String(words[1]) : "", length, chunked, headEnd + 4)
    }

    /// A complete request at the start of `bytes`: its normalised text, its path, and how many bytes it used.
    static func parse(_ bytes: [UInt8]) -> (String, String, Int)? {
        guard let (text, path, length, chunked, bodyStart) = head(bytes) else { return nil }
        var normalised = text
        var body: [UInt8] = []
        var used = bodyStart + length
        if chunked {
            var cursor = bodyStart
            while true {
                guard let lineEnd = find([13, 10], in: bytes, from: cursor) else { return nil }
                let sizeText = String(decoding: bytes[cursor..<lineEnd], as: UTF8.self).prefix { $0 != ";" }
                guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else { return nil }
                cursor = lineEnd + 2
                if size == 0 {
                    // Trailers up to the empty line.
                    while true {
                        guard let end = find([13, 10], in: bytes, from: cursor) else { return nil }
                        if end == cursor {
                            cursor += 2
                            break
                        }
                        normalised += "trailer " + String(decoding: bytes[cursor..<end], as: UTF8.self).lowercased() + "\n"
                        cursor = end + 2
                    }
                    break
                }
                guard bytes.count >= cursor + size + 2 else { return nil }
                body += bytes[cursor..<(cursor + size)]
                cursor += size + 2
            }
            used = cursor
        } else {
            guard bytes.count >= used else { return nil }
            body = Array(bytes[bodyStart..<used])
        }
        let shown = String(decoding: body.prefix(256), as: UTF8.self)
        normalised += "body(\(body.count)) " + shown
        return (normalised, path, used)
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        for index in start...(haystack.count - needle.count) where haystack[index] == needle[0] {
            if Array(haystack[index..<(index + needle.count)]) == needle { return index }
        }
        return nil
    }
}
