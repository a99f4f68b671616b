/// The structural mistakes that PCRE refuses in a regular expression:
/// unbalanced parentheses, an unterminated character class, a trailing
/// backslash, a quantifier with nothing to repeat, `{n,m}` with n above m. Anything else is left to
/// PCRE itself, so a pattern this accepts may still be refused, never the
/// reverse. The checker's `regex-invalid` and `acl-invalid` and the planner read it.
public enum RegexSyntax {
    /// HAProxy's message for a regular expression it refuses.
    public static func message(_ pattern: String, _ problem: String) -> String {
        "regex '\(pattern)' is invalid: \(problem)"
    }

    /// PCRE's wording of the first problem in `pattern`, or nil.
    public static func problem(in pattern: String) -> String? {
        let chars = Array(pattern.unicodeScalars)
        // Extended mode makes whitespace and `#` comments insignificant: leave such patterns to PCRE.
        if pattern.contains("(?x") { return nil }
        var depth = 0
        /// Whether the previous item can take a quantifier; `afterQuantifier` whether it was one.
        var repeatable = false
        var afterQuantifier = false
        var afterModifier = false
        var index = 0
        while index < chars.count {
            let char = chars[index]
            switch char {
            case "\\":
                guard index + 1 < chars.count else { return "\\ at end of pattern" }
                if chars[index + 1] == "Q" {
                    // \Q…\E quotes everything up to \E (or the end).
                    var end = index + 2
                    while end + 1 < chars.count, !(chars[end] == "\\" && chars[end + 1] == "E") { end += 1 }
                    index = min(end + 2, chars.count)
                    repeatable = true
                    afterQuantifier = false
                    afterModifier = false
                    continue
                }
                index += 2
                repeatable = true
                afterQuantifier = false
                afterModifier = false
                continue
            case "[":
                guard let end = classEnd(chars, from: index) else { return "missing terminating ] for character class" }
                index = end + 1
                repeatable = true
                afterQuantifier = false
                afterModifier = false
                continue
            case "(":
                depth += 1
                if index + 1 < chars.count, chars[index + 1] == "*" || chars[index + 1] == "?" {
                    // A verb `(*…)` or a group's options `(?…`: not a quantifier.
                    if chars[index + 1] == "*" {
                        guard let close = chars[index...].firstIndex(of: ")") else { return "missing closing parenthesis" }
                        depth -= 1
                        index = close + 1
                        continue
                    }
                    index += 2
                } else {
                    index += 1
                }
                repeatable = false
                afterQuantifier = false
                afterModifier = false
                continue
            case ")":
                guard depth > 0 else { return "unmatched closing parenthesis" }
                depth -= 1
                repeatable = true
                afterQuantifier = false
                afterModifier = false
            case "|":
                repeatable = false
                afterQuantifier = false
                afterModifier = false
            case "*", "+", "?":
                if afterQuantifier, !afterModifier, char != "*" {
                    afterModifier = true
                } else if !repeatable || afterModifier || afterQuantifier {
                    return "quantifier does not follow a repeatable item"
                } else {
                    afterQuantifier = true
                }
                index += 1
                continue
            case "{":
                if let (low, high) = counts(chars, from: index), let high, low > high {
                    return "numbers out of order in {} quantifier"
                }
                repeatable = true
                afterQuantifier = false
                afterModifier = false
            default:
                repeatable = true
                afterQuantifier = false
                afterModifier = false
            }
            index += 1
        }
        return depth > 0 ? "missing closing parenthesis" : nil
    }

    /// The bounds of a `{n}`, `{n,}` or `{n,m}` quantifier opened at `start`, or nil when the brace is a literal.
    private static func counts(_ chars: [Unicode.Scalar], from start: Int) -> (Int, Int?)? {
        guard let close = chars[start...].firstIndex(of: "}") else { return nil }
        let inside = String(String.UnicodeScalarView(chars[(start + 1)..<close]))
        let bounds = inside.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false)
        guard let low = Int(bounds[0]) else { return nil }
        if bounds.count == 1 { return (low, low) }
        if bounds[1].isEmpty { return (low, nil) }
        guard let high = Int(bounds[1]) else { return nil }
        return (low, high)
    }

    /// The index of the `]` that closes the class opened at `start`.
    private static func classEnd(_ chars: [Unicode.Scalar], from start: Int) -> Int? {
        var index = start + 1
        if index < chars.count, chars[index] == "^" { index += 1 }
        if index < chars.count, chars[index] == "]" { index += 1 }
        while index < chars.count {
            switch chars[index] {
            case "\\":
                index += 2
                continue
            case "[" where index + 1 < chars.count && chars[index + 1] == ":":
                // A POSIX class `[:alpha:]`.
                var end = index + 2
                while end + 1 < chars.count, !(chars[end] == ":" && chars[end + 1] == "]") { end += 1 }
                index = end + 2
                continue
            case "]":
                return index
            default:
                index += 1
            }
        }
        return nil
    }
}
