/// HAProxy's rule for the names of proxies, servers and ACLs: letters,
/// digits, `.`, `:`, `_` and `-` only.
enum NameCheck {
    /// The first character HAProxy refuses in a name, if any.
    static func invalidCharacter(in name: String) -> Character? {
        name.first { character in
            !(character.isASCII && (character.isLetter || character.isNumber))
                && character != "." && character != ":" && character != "_" && character != "-"
        }
    }
}
