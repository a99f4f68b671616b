import ConfigGrammar

/// What OpenSSL knows in a cipher string: cipher names (OpenSSL's and the
/// standard ones), TLS 1.3 cipher suites and cipher-string keywords, from
/// Grammar/openssl-ciphers.tsv.
enum CipherTable {
    /// Kind by name: `cipher`, `suite` or `alias`.
    static let kinds: [String: String] = {
        let table = TSVTable(openSSLCiphersTSV)
        guard let name = table.column("name"), let kind = table.column("kind") else { return [:] }
        return Dictionary(table.rows.map { ($0[name], $0[kind]) }) { first, _ in first }
    }()

    /// Whether a word of a TLS 1.2 cipher list is a cipher or a keyword.
    static func isCipherOrAlias(_ word: String) -> Bool {
        guard let kind = kinds[word] else { return false }
        return kind == "cipher" || kind == "alias"
    }

    /// Whether a name is a TLS 1.3 cipher suite.
    static func isSuite(_ name: String) -> Bool { kinds[name] == "suite" }
}

/// One element of an OpenSSL cipher string, with its place in the string.
struct CipherElement: Sendable, Equatable {
    var text: String
    /// UTF-8 offset of the element in the string.
    var offset: Int
}

/// The OpenSSL cipher-string syntax: elements separated by `:`, `,`, `;`
/// or spaces; `!` and `-` remove, `+` moves, `@STRENGTH` and `@SECLEVEL=N`
/// are commands, and `A+B` combines keywords.
enum CipherString {
    static func elements(_ string: String, separators: Set<UInt8> = [0x3A, 0x2C, 0x3B, 0x20]) -> [CipherElement] {
        var result: [CipherElement] = []
        var start = 0
        let bytes = Array(string.utf8)
        for index in 0...bytes.count where index == bytes.count || separators.contains(bytes[index]) {
            if index > start {
                result.append(CipherElement(text: String(decoding: bytes[start..<index], as: UTF8.self), offset: start))
            }
            start = index + 1
        }
        return result
    }

    /// The elements of a TLS 1.2 cipher list that add ciphers but name nothing OpenSSL knows,
    /// and whether any adding element is known. Removals (`!X`, `-X`) of an unknown name change nothing.
    static func unknownElements(of string: String) -> (unknown: [CipherElement], anyKnown: Bool) {
        var unknown: [CipherElement] = []
        var anyKnown = false
        for element in elements(string) {
            let text = element.text
            if text.hasPrefix("!") || text.hasPrefix("-") { continue }
            let body = text.hasPrefix("+") ? String(text.dropFirst()) : text
            if body.hasPrefix("@") {
                if body == "@STRENGTH" || body.hasPrefix("@SECLEVEL=") { continue }
                unknown.append(element)
                continue
            }
            // RHEL's and Fedora's OpenSSL read the system crypto policy from `PROFILE=SYSTEM`
            // (their stock haproxy.cfg uses it); a config written for them is not an error.
            let known = body.hasPrefix("PROFILE=") || CipherTable.isCipherOrAlias(body)
                || (!body.isEmpty && body.split(separator: "+").allSatisfy { CipherTable.isCipherOrAlias(String($0)) })
            if known {
                anyKnown = true
            } else {
                unknown.append(element)
            }
        }
        return (unknown, anyKnown)
    }

    /// The names of a TLS 1.3 cipher-suite list that are not suites, and whether any is one.
    static func unknownSuites(of string: String) -> (unknown: [CipherElement], anyKnown: Bool) {
        let all = elements(string, separators: [0x3A])
        let unknown = all.filter { !CipherTable.isSuite($0.text) }
        return (unknown, unknown.count < all.count)
    }
}
