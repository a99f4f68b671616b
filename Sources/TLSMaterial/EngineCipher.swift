/// A cipher of the engine's TLS library (BoringSSL, inside swift-nio-ssl),
/// with its OpenSSL name, wire code and the properties OpenSSL cipher
/// strings select on. BoringSSL has no DHE, CCM, ARIA, Camellia or
/// SHA-384 CBC ciphers; a cipher string naming only those selects nothing.
public struct EngineCipher: Sendable, Hashable {
    /// Key exchange, authentication and bulk-cipher families, as cipher-string keywords test them.
    public enum KeyExchange: Sendable { case rsa, ecdhe, psk, any }
    public enum Authentication: Sendable { case rsa, ecdsa, psk, any }
    public enum Encryption: Sendable { case tripleDES, aes128, aes256, aes128GCM, aes256GCM, chacha20 }
    public enum MAC: Sendable { case sha1, sha256, aead }

    /// The OpenSSL name (`ECDHE-RSA-AES128-GCM-SHA256`), or the IANA name of a TLS 1.3 suite.
    public var name: String
    /// The cipher suite's two-byte code on the wire.
    public var code: UInt16
    public var keyExchange: KeyExchange
    public var authentication: Authentication
    public var encryption: Encryption
    public var mac: MAC
    /// Whether only TLS 1.3 uses it (those suites cannot be chosen by a cipher string).
    public var isTLS13: Bool { keyExchange == .any }

    /// Every cipher, TLS 1.2 ones in BoringSSL's default preference order, then the TLS 1.3 suites.
    public static let all: [EngineCipher] = [
        .init("ECDHE-ECDSA-AES128-GCM-SHA256", 0xC02B, .ecdhe, .ecdsa, .aes128GCM, .aead),
        .init("ECDHE-RSA-AES128-GCM-SHA256", 0xC02F, .ecdhe, .rsa, .aes128GCM, .aead),
        .init("ECDHE-ECDSA-AES256-GCM-SHA384", 0xC02C, .ecdhe, .ecdsa, .aes256GCM, .aead),
        .init("ECDHE-RSA-AES256-GCM-SHA384", 0xC030, .ecdhe, .rsa, .aes256GCM, .aead),
        .init("ECDHE-ECDSA-CHACHA20-POLY1305", 0xCCA9, .ecdhe, .ecdsa, .chacha20, .aead),
        .init("ECDHE-RSA-CHACHA20-POLY1305", 0xCCA8, .ecdhe, .rsa, .chacha20, .aead),
        .init("ECDHE-PSK-CHACHA20-POLY1305", 0xCCAC, .ecdhe, .psk, .chacha20, .aead),
        .init("ECDHE-ECDSA-AES128-SHA256", 0xC023, .ecdhe, .ecdsa, .aes128, .sha256),
        .init("ECDHE-RSA-AES128-SHA256", 0xC027, .ecdhe, .rsa, .aes128, .sha256),
        .init("ECDHE-ECDSA-AES128-SHA", 0xC009, .ecdhe, .ecdsa, .aes128, .sha1),
        .init("ECDHE-RSA-AES128-SHA", 0xC013, .ecdhe, .rsa, .aes128, .sha1),
        .init("ECDHE-PSK-AES128-CBC-SHA", 0xC035, .ecdhe, .psk, .aes128, .sha1),
        .init("ECDHE-ECDSA-AES256-SHA", 0xC00A, .ecdhe, .ecdsa, .aes256, .sha1),
        .init("ECDHE-RSA-AES256-SHA", 0xC014, .ecdhe, .rsa, .aes256, .sha1),
        .init("ECDHE-PSK-AES256-CBC-SHA", 0xC036, .ecdhe, .psk, .aes256, .sha1),
        .init("AES128-GCM-SHA256", 0x009C, .rsa, .rsa, .aes128GCM, .aead),
        .init("AES256-GCM-SHA384", 0x009D, .rsa, .rsa, .aes256GCM, .aead),
        .init("AES128-SHA", 0x002F, .rsa, .rsa, .aes128, .sha1),
        .init("PSK-AES128-CBC-SHA", 0x008C, .psk, .psk, .aes128, .sha1),
        .init("AES256-SHA", 0x0035, .rsa, .rsa, .aes256, .sha1),
        .init("PSK-AES256-CBC-SHA", 0x008D, .psk, .psk, .aes256, .sha1),
        .init("DES-CBC3-SHA", 0x000A, .rsa, .rsa, .tripleDES, .sha1),
        .init("TLS_AES_128_GCM_SHA256", 0x1301, .any, .any, .aes128GCM, .aead),
        .init("TLS_AES_256_GCM_SHA384", 0x1302, .any, .any, .aes256GCM, .aead),
        .init("TLS_CHACHA20_POLY1305_SHA256", 0x1303, .any, .any, .chacha20, .aead),
    ]

    /// The cipher with a wire code, for `ssl_fc_cipher`.
    public static func named(code: UInt16) -> EngineCipher? { all.first { $0.code == code } }

    private init(_ name: String, _ code: UInt16, _ keyExchange: KeyExchange, _ authentication: Authentication,
                 _ encryption: Encryption, _ mac: MAC) {
        self.name = name
        self.code = code
        self.keyExchange = keyExchange
        self.authentication = authentication
        self.encryption = encryption
        self.mac = mac
    }
}
