import ConfigDiagnostics

/// Builds one `Proxy` from a `defaults`, `frontend`, `backend` or `listen` section.
struct ProxyBuilder {
    let registry: KeywordRegistry
    let file: SyntaxFile
    let variables: VariableResolver

    func build(_ section: SyntaxSection, kind: Proxy.Kind, range: SourceRange) -> Proxy {
        let header = section.header.words.map(\.text)
        var name: String? = header.count > 1 && header[1] != "from" ? header[1] : nil
        if kind == .defaults, header.count == 1 { name = nil }
        let words = section.header.words
        let nameWord = name == nil ? words[0] : words[1]
        var proxy = Proxy(kind: kind, name: name, nameRange: file.range(of: nameWord), range: range)
        if let from = header.firstIndex(of: "from"), from + 1 < header.count { proxy.defaultsName = header[from + 1] }
        for statement in section.statements {
            apply(statement, to: &proxy)
        }
        return proxy
    }

    private func apply(_ statement: Statement, to proxy: inout Proxy) {
        let words = statement.words
        let info = registry.lookup(words)
        let keyword = info?.name ?? words[0].text
        let arguments = Array(words.dropFirst(info?.wordCount ?? 1))
        let first = arguments.first?.text
        let range = file.range(of: statement)
        switch keyword {
        case "mode": proxy.mode = first.flatMap(Proxy.Mode.init(rawValue:))
        case "bind": proxy.binds.append(bind(arguments, range))
        case "server": proxy.servers.append(server(arguments, range, named: true))
        case "default-server":
            // Each line adds to the settings of the lines before it, as in HAProxy.
            var settings = server(arguments, range, named: false)
            settings.options = (proxy.defaultServer?.options ?? []) + settings.options
            proxy.defaultServer = settings
        case "acl" where arguments.count >= 2:
            let values = arguments.dropFirst(2)
            proxy.acls.append(ACLDefinition(
                name: arguments[0].text, criterion: arguments[1].text, arguments: values.map(\.text),
                nameRange: file.range(of: arguments[0]), criterionRange: file.range(of: arguments[1]),
                argumentRanges: values.map { file.range(of: $0) }, range: range))
        case "use_backend" where first != nil:
            let (_, condition) = Condition.split(arguments, in: file)
            proxy.useBackends.append(UseBackendRule(
                backend: first!, backendRange: file.range(of: arguments[0]), condition: condition, range: range))
        case "default_backend": proxy.defaultBackend = first
        case "maxconn": proxy.maxconn = first.flatMap { Int(leadingDigitsOf: $0) }
        case "balance": proxy.balance = arguments.map(\.text)
        default:
            if keyword.hasPrefix("timeout "), let value = first, let duration = try? Duration.parse(value).get() {
                proxy.timeouts[String(keyword.dropFirst("timeout ".count))] = duration
            } else if keyword.hasPrefix("option ") {
                proxy.options[String(keyword.dropFirst("option ".count))] = statement.modifier != .no
            } else if let hook = Self.hooks.first(where: { keyword == $0 || keyword.hasPrefix($0 + " ") }) {
                proxy.rules.append(actionRule(words, hook: hook, range: range))
            }
        }
    }

    static let hooks = [
        "http-request", "http-response", "http-after-response", "tcp-request connection", "tcp-request session",
        "tcp-request content", "tcp-request inspect-delay", "tcp-response content",
    ]

    private func actionRule(_ words: [Word], hook: String, range: SourceRange) -> ActionRule {
        let hookWords = hook.split(separator: " ").count
        let rest = Array(words.dropFirst(hookWords))
        let (before, condition) = Condition.split(rest, in: file)
        let actionWord = before.first ?? words[words.count - 1]
        return ActionRule(hook: hook, action: before.first?.text ?? "", actionRange: file.range(of: actionWord),
                          arguments: before.dropFirst().map(\.text),
                          argumentRanges: before.dropFirst().map { file.range(of: $0) }, condition: condition, range: range)
    }

    private func bind(_ arguments: [Word], _ range: SourceRange) -> Bind {
        let text = arguments.first.map { variables.expandAddress($0.text)?.text ?? $0.text } ?? ""
        let addresses = text.split(separator: ",").compactMap {
            try? ConfigAddress.parse(String($0), portRequired: false, allowRange: true).get()
        }
        return Bind(addresses: addresses, options: options(arguments.dropFirst(), registry.bindOptions), range: range)
    }

    private func server(_ arguments: [Word], _ range: SourceRange, named: Bool) -> Server {
        let start = range.with(start: range.start, end: range.start)
        guard named, let nameWord = arguments.first else {
            return Server(name: "", nameRange: start, address: nil, addressText: nil, addressRange: nil,
                          options: options(arguments[...], registry.serverOptions), range: range)
        }
        let addressText = arguments.count > 1 ? variables.expandAddress(arguments[1].text)?.text ?? arguments[1].text : nil
        let address = addressText.flatMap {
            try? ConfigAddress.parse($0, portRequired: false, allowRange: false, allowOffset: true).get()
        }
        return Server(name: nameWord.text, nameRange: file.range(of: nameWord), address: address, addressText: addressText,
                      addressRange: arguments.count > 1 ? file.range(of: arguments[1]) : nil,
                      options: options(arguments.dropFirst(2), registry.serverOptions), range: range)
    }

    /// Reads `name [value…]` options, using each option's signature for its arity.
    private func options(_ words: ArraySlice<Word>, _ table: [String: OptionInfo]) -> [NamedOption] {
        var result: [NamedOption] = []
        result.reserveCapacity(words.count)
        var index = words.startIndex
        while index < words.endIndex {
            let word = words[index]
            let arity = table[word.text].map { Self.arity($0.signature) } ?? 0
            let valueCount = min(arity, words.endIndex - index - 1)
            // Most options take no value or one: no array for them.
            let value = valueCount > 0 ? words[index + 1].text : nil
            let extraValues = valueCount > 1 ? words[(index + 2)...(index + valueCount)].map(\.text) : []
            let end = valueCount == 0 ? word.end : words[index + valueCount].end
            result.append(NamedOption(name: word.text, value: value, extraValues: extraValues, range: file.source.range(word.start, end)))
            index += 1 + valueCount
        }
        return result
    }

    static func arity(_ signature: ArgumentSignature) -> Int {
        signature.elements.reduce(0) { count, element in
            switch element {
            case .value, .choice: count + 1
            default: count
            }
        }
    }
}
