/// HAProxy's rule for the names of proxies, servers and ACLs: letters,
/// digits, `.`, `:`, `_` and `-` only.
enum NameCheck {
    /// The first character HAProxy refuses in a name, if any.
    static func invalidCharacter(in name: String) -> Character? {
        // Most names are plain ASCII: judge their bytes without forming characters.
        let allowed = name.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
        if allowed { return nil }
        return name.first { character in
            !(character.isASCII && (character.isLetter || character.isNumber))
                && character != "." && character != ":" && character != "_" && character != "-"
        }
    }
}
