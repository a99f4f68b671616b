/// Resolves an OpenSSL cipher string (`ciphers`, `ssl-default-bind-ciphers`)
/// to the TLS 1.2 ciphers the engine's TLS library has, in order, the way
/// OpenSSL reads the string: `X` adds, `-X` removes, `!X` removes for good,
/// `+X` moves to the end, `A+B` selects what both select, `@…` commands
/// change nothing here. The engine hands the library an explicit list, so
/// the library never sees a string that selects nothing (it traps on one).
public enum CipherListResolver {
    /// The ciphers selected and the words that select nothing in the engine's library.
    public struct Resolution: Sendable, Equatable {
        public var ciphers: [String]
        /// Words that add ciphers but match none the library has (`DHE-RSA-AES128-GCM-SHA256`, `NOPE`).
        public var unmatched: [String]
    }

    public static func resolve(_ string: String) -> Resolution {
        var list: [EngineCipher] = []
        var banned: Set<String> = []
        var unmatched: [String] = []
        let words = string.split(whereSeparator: { ":, ;".contains($0) }).map(String.init)
        for word in words {
            let operation = word.first.flatMap { "!-+".contains($0) ? $0 : nil }
            let body = operation == nil ? word : String(word.dropFirst())
            if body.hasPrefix("@") { continue }
            let selected = select(body)
            switch operation {
            case "!":
                banned.formUnion(selected.map(\.name))
                list.removeAll { banned.contains($0.name) }
            case "-":
                list.removeAll { selected.contains($0) }
            case "+":
                let moved = list.filter { selected.contains($0) }
                list.removeAll { selected.contains($0) }
                list += moved
            default:
                if selected.isEmpty { unmatched.append(word) }
                for cipher in selected where !banned.contains(cipher.name) && !list.contains(cipher) { list.append(cipher) }
            }
        }
        return Resolution(ciphers: list.map(\.name), unmatched: unmatched)
    }

    /// The ciphers a word selects, in the library's preference order.
    static func select(_ word: String) -> [EngineCipher] {
        let tls12 = EngineCipher.all.filter { !$0.isTLS13 }
        if let exact = tls12.first(where: { $0.name == word }) { return [exact] }
        let parts = word.split(separator: "+").map(String.init)
        guard !parts.isEmpty else { return [] }
        let explicitDeprecated = parts.contains("3DES")
        return tls12.filter { cipher in
            (explicitDeprecated || cipher.encryption != .tripleDES) && parts.allSatisfy { keyword($0, cipher) }
        }
    }

    /// Whether a cipher-string keyword selects a cipher; unknown keywords and OpenSSL families the library
    /// lacks (DHE, CAMELLIA, NULL…) select nothing.
    static func keyword(_ word: String, _ cipher: EngineCipher) -> Bool {
        switch word {
        case "ALL", "DEFAULT", "HIGH", "FIPS", "COMPLEMENTOFALL": return true
        case "kRSA", "RSA": return cipher.keyExchange == .rsa
        case "kECDHE", "kEECDH", "ECDH", "ECDHE", "EECDH": return cipher.keyExchange == .ecdhe
        case "kPSK", "PSK": return cipher.keyExchange == .psk
        case "aRSA": return cipher.authentication == .rsa
        case "aECDSA", "ECDSA": return cipher.authentication == .ecdsa
        case "aPSK": return cipher.authentication == .psk
        case "3DES": return cipher.encryption == .tripleDES
        case "AES128": return [.aes128, .aes128GCM].contains(cipher.encryption)
        case "AES256": return [.aes256, .aes256GCM].contains(cipher.encryption)
        case "AES": return [.aes128, .aes256, .aes128GCM, .aes256GCM].contains(cipher.encryption)
        case "AESGCM": return [.aes128GCM, .aes256GCM].contains(cipher.encryption)
        case "CHACHA20": return cipher.encryption == .chacha20
        case "SHA1", "SHA": return cipher.mac == .sha1
        case "SHA256": return cipher.name.hasSuffix("SHA256")
        case "SHA384": return cipher.name.hasSuffix("SHA384")
        case "TLSv1.2": return cipher.mac != .sha1
        case "TLSv1", "TLSv1.0", "SSLv3": return cipher.mac == .sha1
        default: return false
        }
    }
}
