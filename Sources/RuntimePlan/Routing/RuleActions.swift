import Foundation

/// The non-final actions the three HTTP hooks share: header edits and
/// variables. Pure functions over the facts, so the engine and `weir route` agree.
enum RuleActions {
    /// Edits a header list (the request's or the response's); values are rendered against `facts`.
    static func editHeaders(_ rule: HTTPRequestRule, _ headers: inout [HTTPHeaderField], _ facts: RequestFacts) {
        let name = rule.headerName ?? ""
        switch rule.action {
        case .setHeader:
            let value = lineSafe(rule.value?.render(facts) ?? "")
            headers.removeAll { $0.name.caseInsensitiveEquals(name) }
            headers.append(HTTPHeaderField(name: name, value: value))
        case .addHeader:
            headers.append(HTTPHeaderField(name: name, value: lineSafe(rule.value?.render(facts) ?? "")))
        case .delHeader:
            headers.removeAll { namesMatch($0.name, name, rule.headerMatch ?? .str) }
        case .replaceHeader, .replaceValue:
            guard let pattern = rule.pattern, let regex = try? NSRegularExpression(pattern: pattern) else { return }
            let template = lineSafe(rule.value?.render(facts) ?? "")
            for index in headers.indices where headers[index].name.caseInsensitiveEquals(name) {
                let value = headers[index].value
                if rule.action == .replaceHeader {
                    headers[index].value = replace(value, regex, template) ?? value
                } else {
                    // A replaced value loses the blanks before it; the others keep them (HAProxy edits in place).
                    headers[index].value = value.split(separator: ",", omittingEmptySubsequences: false).map { piece in
                        let item = String(piece.drop { $0 == " " || $0 == "\t" })
                        return replace(item, regex, template) ?? String(piece)
                    }.joined(separator: ",")
                }
            }
        default:
            break
        }
    }

    /// `del-header NAME -m METHOD`: names compare without case; a regular expression is searched in the
    /// lower-case name (haproxy keeps names in lower case), anywhere unless it is anchored.
    static func namesMatch(_ field: String, _ name: String, _ method: MatchMethod) -> Bool {
        let field = field.lowercased(), wanted = name.lowercased()
        if method == .reg {
            guard let regex = try? NSRegularExpression(pattern: name) else { return false }
            return regex.firstMatch(in: field, range: NSRange(field.startIndex..., in: field)) != nil
        }
        switch method {
        case .beg: return field.hasPrefix(wanted)
        case .end: return field.hasSuffix(wanted)
        case .sub: return field.contains(wanted)
        default: return field == wanted
        }
    }

    /// A rendered value that goes into a head: CR, LF and NUL written as `%0D`, `%0A`, `%00`
    /// (as haproxy 2.6.12 writes them), so a decoded sample can never add a line.
    static func lineSafe(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 13 || $0 == 10 || $0 == 0 }) else { return value }
        var output = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\r": output += "%0D"
            case "\n": output += "%0A"
            case "\0": output += "%00"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// HAProxy's `exp_replace`: when the expression matches, the value becomes the
    /// replacement with `\0`…`\9` standing for the groups; otherwise it stays.
    static func replace(_ value: String, _ regex: NSRegularExpression, _ template: String) -> String? {
        let text = value as NSString
        guard let match = regex.firstMatch(in: value, range: NSRange(location: 0, length: text.length)) else { return nil }
        var output = ""
        var characters = template[...]
        while let character = characters.popFirst() {
            if character == "\\", let digit = characters.first, let group = digit.wholeNumberValue {
                characters = characters.dropFirst()
                if group < match.numberOfRanges, match.range(at: group).location != NSNotFound {
                    output += text.substring(with: match.range(at: group))
                }
            } else if character == "\\", let next = characters.first {
                characters = characters.dropFirst()
                output.append(next)
            } else {
                output.append(character)
            }
        }
        return output
    }

    /// `set-method`, `set-path`, `set-pathq`, `set-query`, `set-uri` and the `replace-path|pathq|uri` forms.
    /// An absolute-form target keeps its scheme and authority when its path or query changes.
    static func rewriteRequestLine(_ rule: HTTPRequestRule, _ facts: inout RequestFacts) {
        let value = lineSafe(rule.value?.render(facts) ?? "")
        let path = facts.path, query = facts.query
        let authority = String(facts.target.dropLast(facts.target.utf8.count - authorityLength(facts.target)))
        switch rule.action {
        case .setMethod: facts.method = value
        case .setURI: facts.target = value
        case .setPath: facts.target = authority + value + (query.map { "?" + $0 } ?? "")
        case .setPathQuery: facts.target = authority + value
        case .setQuery: facts.target = authority + path + "?" + value
        case .replacePath, .replacePathQuery, .replaceURI:
            guard let pattern = rule.pattern, let regex = try? NSRegularExpression(pattern: pattern) else { return }
            let subject = rule.action == .replaceURI ? facts.target : rule.action == .replacePath
                ? path : path + (query.map { "?" + $0 } ?? "")
            guard let replaced = replace(subject, regex, value) else { return }
            switch rule.action {
            case .replaceURI: facts.target = replaced
            case .replacePath: facts.target = authority + replaced + (query.map { "?" + $0 } ?? "")
            default: facts.target = authority + replaced
            }
        default: break
        }
    }

    /// The length of `scheme://authority` at the start of an absolute-form target (0 for origin form).
    private static func authorityLength(_ target: String) -> Int {
        guard !target.hasPrefix("/"), let scheme = target.range(of: "://") else { return 0 }
        let rest = target[scheme.upperBound...]
        let end = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        return target[..<end].utf8.count
    }

    /// `set-timeout server|tunnel VALUE`: the stream's timeout for this request. An expression that fails or
    /// gives no positive number changes nothing (HAProxy then takes the backend's timeout at connection time).
    static func setTimeout(_ rule: HTTPRequestRule, _ facts: inout RequestFacts) {
        guard let timeout = rule.timeout else { return }
        let value = timeout.milliseconds ?? timeout.expression.flatMap { $0.value(facts)?.integerValue }.map { Int($0) }
        guard let value, value > 0 else { return }
        switch timeout.target {
        case .server: facts.timeouts.serverOverrideMs = value
        case .tunnel: facts.timeouts.tunnelOverrideMs = value
        }
    }

    /// `capture SAMPLE len N|id N`: the sample as a string into its slot; a sample that fails leaves the slot as it was.
    static func capture(_ rule: HTTPRequestRule, into slots: inout CaptureSlots, _ facts: RequestFacts) {
        guard let slot = rule.captureSlot, let value = rule.expression?.value(facts) else { return }
        slots.store(value.stringValue, at: slot)
    }

    /// `set-var` and `unset-var` on the transaction's variables.
    static func setVariable(_ rule: HTTPRequestRule, _ facts: inout RequestFacts) {
        guard let name = rule.variable else { return }
        if rule.action == .unsetVar {
            facts.variables[name] = nil
            return
        }
        let rendered: Sample? = rule.action == .setVarFormat ? rule.value.map { .string($0.render(facts)) } : rule.expression?.value(facts)
        guard let sample = rendered else { return }
        let existing = facts.variables[name]
        // `proc` variables exist from the start (HAProxy creates them while reading the configuration);
        // the others exist while set (haproxy 2.6.12 forgets one that `unset-var` emptied).
        let exists = existing != nil || name.hasPrefix("proc.")
        for condition in rule.variableConditions {
            switch condition {
            case "ifexists": if !exists { return }
            case "ifnotexists": if exists { return }
            case "ifset": if existing == nil { return }
            case "ifnotset": if existing != nil { return }
            case "ifempty": if !isEmpty(sample) { return }
            case "ifnotempty": if isEmpty(sample) { return }
            // Only two integers compare; any other pair lets the variable be set.
            case "ifgt": if case .integer(let old)? = existing, case .integer(let new) = sample, old <= new { return }
            case "iflt": if case .integer(let old)? = existing, case .integer(let new) = sample, old >= new { return }
            default: return
            }
        }
        facts.variables[name] = sample
    }

    /// An empty string; integers and booleans are never empty.
    private static func isEmpty(_ sample: Sample) -> Bool {
        switch sample {
        case .string(let text): text.isEmpty
        case .binary(let bytes): bytes.isEmpty
        default: false
        }
    }
}
