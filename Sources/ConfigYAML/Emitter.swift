import ConfigDiagnostics
import HAProxyConfig
import Yams

/// Writes haproxy.cfg lines from YAML nodes, remembering where each came from.
struct Emitter {
    let file: SourceFile
    var lines: [String] = []
    var origins: [SourceRange] = []
    var diagnostics: [Diagnostic] = []

    init(file: SourceFile) { self.file = file }

    func range(of node: Node?) -> SourceRange {
        guard let mark = node?.mark else { return file.range(0, 0) }
        let offset = mark.line - 1 < file.lineStarts.count ? file.lineStarts[mark.line - 1] + mark.column - 1 : 0
        return file.range(offset, offset + max(1, (node.flatMap(Self.text)?.utf8.count ?? 1)))
    }

    func diagnostic(_ rule: RuleID, _ message: String, _ node: Node?) -> Diagnostic {
        Diagnostic(.error, rule, message, at: range(of: node))
    }

    func syntaxError(_ error: YamlError) -> Diagnostic {
        var line = 1, column = 1, detail = "\(error)"
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
            line = mark.line; column = mark.column; detail = problem
        default: break
        }
        let offset = line - 1 < file.lineStarts.count ? file.lineStarts[line - 1] + column - 1 : 0
        return Diagnostic(.error, .yamlSyntax, YAMLMessage.syntax(detail), at: file.range(offset, offset + 1))
    }

    /// Adds one haproxy.cfg line. A line break or NUL inside a value would
    /// end the line early (and start a new statement HAProxy would read), so
    /// such a value is an error at its YAML line and nothing is emitted.
    mutating func emit(_ text: String, _ node: Node?) {
        if let bad = text.utf8.first(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0 }) {
            diagnostics.append(diagnostic(.yamlValueUnwritable, YAMLMessage.unwritable(bad), node))
            return
        }
        lines.append(text)
        origins.append(range(of: node))
    }

    /// Reports a value HAProxy must read as one word (a section, server or
    /// defaults name, a server address) that its lexer would read as several,
    /// or as none (a `#` starts a comment): values are haproxy.cfg text, so
    /// `name: "fe listen"` would otherwise name the section `fe` and add a word.
    mutating func checkOneWord(_ text: String, _ node: Node?, _ key: String) {
        let bytes = Array(text.utf8)
        let lexed = LineLexer(bytes: bytes, variables: VariableResolver())
            .lex(start: 0, end: bytes.count, context: LineContext(file: file.path, line: 1, section: ""))
        guard lexed.words.count != 1 || lexed.commentStart != nil || !lexed.problems.isEmpty || lexed.isMalformed else { return }
        diagnostics.append(diagnostic(.yamlValueUnwritable, YAMLMessage.notOneWord(key, count: lexed.words.count), node))
    }

    /// A value of several words as written, with each `#` outside quotes
    /// escaped: HAProxy starts a comment at a bare `#`, even inside a word, and
    /// would silently drop the rest of the value.
    static func words(_ text: String) -> String {
        guard text.utf8.contains(0x23) else { return text }
        var result = ""
        var single = false, double = false, escaped = false
        for character in text {
            defer { result.append(character) }
            if escaped { escaped = false; continue }
            switch character {
            case "\\" where !single: escaped = true
            case "'" where !double: single.toggle()
            case "\"" where !single: double.toggle()
            case "#" where !single && !double: result.append("\\")
            default: break
            }
        }
        return result
    }

    /// `frontends: [ {name: …, …}, … ]` (a single mapping is accepted too).
    mutating func sections(_ kind: String, _ value: Node, listKey: String) {
        let entries: [Node]
        switch value {
        case .sequence(let sequence): entries = Array(sequence)
        case .mapping: entries = [value]
        default:
            diagnostics.append(diagnostic(.yamlUnexpectedType, YAMLMessage.expected("a list of sections", for: listKey), value))
            return
        }
        for entry in entries {
            section(header: kind, body: entry, nameRequired: kind != "defaults", listKey: listKey)
        }
    }

    /// `sections: [ {type: ring, name: x, …} ]` for any other section kind.
    mutating func genericSections(_ value: Node) {
        guard case .sequence(let sequence) = value else {
            diagnostics.append(diagnostic(.yamlUnexpectedType, YAMLMessage.expected("a list of sections", for: "sections"), value))
            return
        }
        for entry in sequence {
            guard let type = Self.value(entry, "type")?.string else {
                diagnostics.append(diagnostic(.yamlMissingName, YAMLMessage.expected("a 'type'", for: "sections"), entry))
                continue
            }
            section(header: type, body: entry, nameRequired: false, listKey: "sections")
        }
    }

    mutating func section(header kind: String, body: Node, nameRequired: Bool, listKey: String = "global") {
        guard case .mapping(let mapping) = body else {
            diagnostics.append(diagnostic(.yamlUnexpectedType, YAMLMessage.expected("a mapping", for: listKey), body))
            return
        }
        let nameNode = Self.value(body, "name")
        let name = nameNode?.string
        if nameRequired && name == nil {
            diagnostics.append(diagnostic(.yamlMissingName, YAMLMessage.missingName(listKey), body))
            return
        }
        if !lines.isEmpty { emit("", body) }
        var header = kind
        if let name {
            checkOneWord(name, nameNode, "name")
            header += " " + name
        }
        if let fromNode = Self.value(body, "from"), let from = fromNode.string {
            checkOneWord(from, fromNode, "from")
            header += " from " + from
        }
        emit(header, nameNode ?? body)
        for (keyNode, value) in mapping {
            let key = Self.text(keyNode) ?? ""
            guard key != "name", key != "from", key != "type" else { continue }
            directive(key, value, keyNode)
        }
    }

    /// One YAML key inside a section.
    mutating func directive(_ key: String, _ value: Node, _ keyNode: Node) {
        switch key {
        case "raw":
            for item in value.array() { emit("    " + (item.string ?? ""), item) }
        case "servers":
            for server in value.array() { emit("    server " + serverLine(server), server) }
        case "default-server":
            emit("    default-server " + options(value), value)
        default:
            values(key, value)
        }
    }

    /// `key: scalar | true | false | [items] | {sub: value}`.
    mutating func values(_ prefix: String, _ value: Node) {
        switch value {
        case .scalar(let scalar):
            if let flag = Self.flag(value) {
                emit("    " + (flag ? "" : "no ") + Self.words(prefix), value)
            } else {
                emit("    " + Self.words(prefix) + " " + Self.words(scalar.string), value)
            }
        case .sequence(let sequence):
            for item in sequence { values(prefix, item) }
        case .mapping(let mapping):
            for (subKey, subValue) in mapping {
                let sub = Self.text(subKey) ?? ""
                if Self.flag(subValue) == false, prefix == "option" || prefix == "log" {
                    emit("    no " + prefix + " " + sub, subValue)
                } else if Self.flag(subValue) == true {
                    emit("    " + prefix + " " + sub, subValue)
                } else {
                    values(prefix + " " + sub, subValue)
                }
            }
        }
    }

    /// The value of a key in a mapping. Compares the keys' text: Yams'
    /// subscript resolves tags with regular expressions, far too slow for
    /// tens of thousands of servers.
    static func value(_ node: Node, _ key: String) -> Node? {
        guard case .mapping(let mapping) = node else { return nil }
        return mapping.first { pair in
            if case .scalar(let scalar) = pair.key { return scalar.string == key }
            return false
        }?.value
    }

    /// `true` or `false` written plainly; anything else (`on`, `"true"`) is a word.
    static func flag(_ node: Node) -> Bool? {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return nil }
        switch scalar.string {
        case "true": return true
        case "false": return false
        default: return nil
        }
    }

    /// `{name: web01, address: 10.0.0.1:80, check: true, inter: 2s}`, read in one pass over the map.
    mutating func serverLine(_ node: Node) -> String {
        guard case .mapping(let mapping) = node else { return Self.text(node) ?? "" }
        var name: String?, address: String?
        var words: [String] = []
        for (keyNode, value) in mapping {
            let key = Self.text(keyNode) ?? ""
            switch key {
            case "name", "address":
                let text = Self.text(value) ?? ""
                checkOneWord(text, value, key)
                if key == "name" { name = name ?? text } else { address = address ?? text }
            default: words.append(Self.option(key, value))
            }
        }
        return ([name ?? "", address ?? ""] + words).filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The text of a scalar without Yams' constructors (which look for `=` keys in mappings first).
    static func text(_ node: Node) -> String? {
        if case .scalar(let scalar) = node { return scalar.string }
        return node.string
    }

    /// One option of a server map: `flag: true` → `flag`, `flag: false` → `no-flag`, `key: value` → `key value`.
    static func option(_ key: String, _ value: Node) -> String {
        if let flag = flag(value) { return flag ? key : "no-" + key }
        return key + " " + words(text(value) ?? "")
    }

    /// Options of a default-server map: `flag: true` → `flag`, `key: value` → `key value`.
    func options(_ node: Node) -> String {
        guard case .mapping(let mapping) = node else { return Self.text(node) ?? "" }
        return mapping.map { Self.option(Self.text($0.key) ?? "", $0.value) }.joined(separator: " ")
    }
}
