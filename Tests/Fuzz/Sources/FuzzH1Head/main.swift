import FuzzSupport
import NIOCore
@testable import ProxyEngine

/// libFuzzer entry for the engine's HTTP/1 head parser and body framer. The
/// first byte picks a request or a response head (low bit) and where the
/// input is split in two reads (the rest of the byte). Properties checked:
/// parsing never traps; a complete head's ranges lie inside the head; a
/// prefix of a complete head is "incomplete", never refused or complete
/// (a head split across two reads must read as the same head); and the body
/// framer forwards the same bytes whether the body arrives in one read or two.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzH1Head(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzBytes(data, size)
    guard let selector = input.first else { return 0 }
    let bytes = Array(input.dropFirst())
    let parser = H1HeadParser(kind: selector & 1 == 0 ? .request : .response)
    let outcome = bytes.withUnsafeBytes { parser.parse($0) }
    guard case .complete(let head) = outcome else { return 0 }
    checkRanges(head, count: bytes.count)
    let split = Int(selector >> 1) % max(head.length, 1)
    if split > 0 {
        let prefixOutcome = bytes[..<split].withUnsafeBytes { parser.parse($0) }
        guard case .incomplete = prefixOutcome else {
            fatalError("a prefix of \(split) bytes of a \(head.length)-byte head did not read as incomplete: \(prefixOutcome)")
        }
    }
    let kind = parser.kind == .request ? head.requestBody : head.responseBody(to: .get)
    let body = Array(bytes[head.length...])
    let whole = frame(kind, reads: [body])
    let cut = body.isEmpty ? 0 : Int(selector) % body.count
    let inTwo = frame(kind, reads: [Array(body[..<cut]), Array(body[cut...])])
    guard whole == inTwo else { fatalError("the body framer's output depends on how the body was read") }
    return 0
}

/// Traps when a range of the head points outside it.
private func checkRanges(_ head: H1Head, count: Int) {
    guard head.length <= count, head.start <= head.length else { fatalError("head length \(head.length) beyond \(count) bytes") }
    let ranges = [head.first, head.second, head.third, head.startLine] + head.fields.flatMap { [$0.name, $0.value, $0.line] }
    for range in ranges where range.lowerBound < 0 || range.upperBound > head.length {
        fatalError("range \(range) outside a head of \(head.length) bytes")
    }
    for field in head.fields where !(field.line.contains(field.name.lowerBound) || field.name.isEmpty) {
        fatalError("a field name \(field.name) outside its line \(field.line)")
    }
}

/// What the framer forwards for a body read in the given pieces, with its
/// verdict: the forwarded bytes, then "end", "more" or the error.
private func frame(_ kind: H1BodyKind, reads: [[UInt8]]) -> [UInt8] {
    var framer = H1BodyFramer(kind)
    var pending = ByteBuffer()
    var forwarded: [UInt8] = []
    nextRead: for read in reads {
        pending.writeBytes(read)
        while true {
            let step: H1BodyFramer.Step
            do {
                step = try framer.next(&pending)
            } catch {
                return forwarded + Array("|\(error)".utf8)
            }
            switch step {
            case .forward(let slice): forwarded += slice.readableBytesView
            case .end: return forwarded + Array("|end".utf8)
            case .needMore: continue nextRead
            }
        }
    }
    return forwarded + Array("|more".utf8)
}

runLibFuzzer(fuzzH1Head, warmUp: [
    "\0GET /a?b=c HTTP/1.1\r\nHost: example\r\nContent-Length: 3\r\n\r\nabc",
    "\u{1}HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n0\r\nT: 1\r\n\r\n",
])
