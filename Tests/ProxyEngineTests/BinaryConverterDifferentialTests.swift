import Foundation
import XCTest

/// The converters over the bytes of a sample, run by the real haproxy 2.6 and by
/// the engine on the same configuration: binary samples (`bin`, `b64dec`,
/// `bytes`), digests (`sha1`, `sha2`, `digest`, `hmac`), key hashes (`crc32c`,
/// `wt6`, `xxh3`, `xxh32`, `xxh64`), `be2dec`, `be2hex`, `add_item`, `secure_memcmp` and `hex2i`.
/// Each value goes into a response header; both proxies must answer byte for
/// byte the same (header names compared without case).
final class BinaryConverterDifferentialTests: XCTestCase {
    /// The bytes 0 to 255, in base64: long enough for every lane of xxh32 and xxh64.
    static let allBytes = Data((0...255).map { UInt8($0) }).base64EncodedString()

    static func config(_ port: Int, _ server: String) -> String {
        #"""
        defaults
            mode http
            timeout connect 1s
            timeout client 3s
            timeout server 2s
        frontend f
            bind 127.0.0.1:\#(port)
            http-request set-var(txn.input) req.hdr(input)
            http-request set-var(txn.hash) req.hdr(hash)
            http-request set-var(txn.raw) req.hdr(raw)
            http-request set-var(txn.long) req.hdr(long)
            http-request set-var(txn.binhash) req.hdr(hash),b64dec
            http-request set-var(txn.var) str("var_content")
            http-request set-var(txn.key) str(my_super_secret_long_key),base64
            http-response set-var(res.key) str(\#(allBytes)),b64dec
            http-response set-header x-len %[var(res.key),length]|%[var(res.key),bytes(1),length]|%[var(res.key),bytes(250,3),hex]
            http-response set-header x-hex %[var(res.key),bytes(0,40),hex]|%[var(res.key),bytes(200),base64]
            http-response set-header x-sha1 %[var(res.key),sha1,hex]|%[var(txn.input),sha1,hex,lower]
            http-response set-header x-sha2 %[var(txn.input),sha2,hex]|%[var(txn.input),sha2(224),hex]|%[var(txn.input),sha2(384),hex]
            http-response set-header x-sha2-512 %[var(res.key),sha2(512),hex]|%[var(txn.input),sha2(256),base64]
            http-response set-header x-digest %[var(txn.input),digest(md5),hex]|%[var(txn.input),digest(sha224),hex]|%[var(txn.input),digest(SHA512),hex]
            http-response set-header x-hmac %[var(txn.input),hmac(sha1,a2V5),hex]|%[var(txn.input),hmac(sha256,txn.key),hex]
            http-response set-header x-hmac-long %[var(res.key),hmac(sha512,txn.key),hex]|%[var(txn.input),hmac(sha384,a2V5),hex]
            http-response set-header x-crc %[var(res.key),crc32]|%[var(res.key),crc32(1)]|%[var(res.key),crc32c]|%[var(res.key),crc32c(1)]|%[var(txn.input),crc32c]
            http-response set-header x-wt6 %[var(res.key),wt6]|%[var(res.key),wt6(1)]|%[var(txn.input),wt6]
            http-response set-header x-djb2 %[var(res.key),djb2]|%[var(res.key),sdbm(1)]
            http-response set-header x-xxh32 %[var(res.key),xxh32]|%[var(res.key),xxh32(1)]|%[var(txn.input),xxh32]|%[var(txn.input),bytes(0,7),xxh32(7)]
            http-response set-header x-xxh3 %[var(res.key),xxh3]|%[var(res.key),xxh3(1)]|%[var(res.key),bytes(0,200),xxh3(3)]|%[var(res.key),bytes(0,100),xxh3]|%[var(res.key),bytes(0,2000),xxh3(-9)]
            http-response set-header x-xxh3-short %[var(txn.input),xxh3]|%[var(txn.input),bytes(0,2),xxh3(5)]|%[var(txn.input),bytes(0,6),xxh3(5)]|%[var(txn.input),bytes(0,12),xxh3(5)]|%[var(txn.input),bytes(0,20),xxh3]|%[str(),xxh3(2)]|%[var(txn.long),xxh3]|%[var(txn.long),xxh3(77)]|%[var(txn.long),xxh32]|%[var(txn.long),xxh64]
            http-response set-header x-xxh64 %[var(res.key),xxh64]|%[var(res.key),xxh64(1)]|%[var(txn.input),xxh64]|%[var(txn.input),bytes(0,13),xxh64(-5)]
            http-response set-header x-be2dec %[var(txn.input),be2dec(:,1)]|%[var(txn.input),be2dec(-,3)]|%[var(txn.input),be2dec(::,3,1)]|%[bin(01020304050607),be2dec(,2,1)]
            http-response set-header x-be2hex %[var(txn.input),be2hex,lower]|%[var(txn.input),be2hex(:,1)]|%[var(txn.input),be2hex(--,3)]|%[var(txn.input),be2hex(.,3,1)]
            http-response set-header x-add-item "%[var(txn.input),add_item(',',txn.var,_suff_)]|%[var(txn.input),add_item(',',txn.var)]|%[var(txn.input),add_item(',',,_suff_)]|%[var(txn.input),add_item(',',txn.none)]"
            http-response set-header x-hex2i %[str(7FFFFF),hex2i]|%[var(txn.input),hex,hex2i]|%[str(zz),hex2i]|%[str(),hex2i]|%[str(ffffffffffffffffff),hex2i]|%[int(255),hex2i]|%[str(aBc),hex2i,add(1)]
            http-response set-header x-bin %[bin(14fb9c03d97f12d97e),ub64enc]|%[str(FPucA9l_Etl-),ub64dec,hex,lower]|%[bin(00ff),length]
            http-response set-header x-match-b64 yes if { var(txn.raw),sha1,base64,secure_memcmp(txn.hash) }
            http-response set-header x-match-bin yes if { var(txn.raw),sha1,secure_memcmp(txn.binhash) }
            http-response set-header x-match-none yes if { var(txn.raw),secure_memcmp(txn.none) }
            default_backend b
        backend b
            server s \#(server)

        """#
    }

    static let requests: [String] = [
        "GET / HTTP/1.1\r\nHost: a\r\nInput: abcdefghijklmnopqrstuvwxyz0123456789\r\nRaw: secret\r\n"
            + "Long: \((0..<2600).map { String($0 % 10) }.joined())\r\n"
            + "Hash: 5en6G6MezRroT3XKqkdPOmY/BfQ=\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\nInput: 0\r\nRaw: other\r\nHash: 5en6G6MezRroT3XKqkdPOmY/BfQ=\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\nInput: \r\nRaw: \r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\n\r\n",
    ]

    func testBinaryConvertersMatchHAProxy() async throws {
        let pair = try await ProxyPair(Self.config) { _ in .ok }
        var disagreements: [String] = []
        for request in Self.requests {
            if let disagreement = pair.disagreement(request) { disagreements.append(disagreement) }
        }
        await pair.shutdown()
        XCTAssertEqual(disagreements, [], disagreements.joined(separator: "\n"))
    }
}
