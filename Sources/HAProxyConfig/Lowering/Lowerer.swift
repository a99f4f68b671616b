import ConfigDiagnostics

/// Turns the syntax tree into the typed `HAProxyConfiguration`. Lowering
/// never reports: the validator has already judged every word, so a value
/// that does not parse is simply left unset here.
public struct Lowerer: Sendable {
    public let registry: KeywordRegistry
    /// What `$NAME` in an address expands to (HAProxy expands addresses a second time).
    public let variables: VariableResolver

    public init(registry: KeywordRegistry = .standard, variables: VariableResolver = VariableResolver()) {
        self.registry = registry
        self.variables = variables
    }

    /// An address word as HAProxy parses it, its environment variables expanded.
    func address(_ word: Word) -> String { variables.expandAddress(word.text)?.text ?? word.text }

    public func lower(_ syntax: ConfigSyntax) -> HAProxyConfiguration {
        let chunks = SectionChunks(syntax.sections)
        return assemble(concurrentMap(count: chunks.count) { lower(syntax, sections: chunks.ranges[$0]) }.flatMap { $0 })
    }

    /// One section lowered on its own, before proxies are tied to their `defaults`.
    enum LoweredSection: Sendable {
        case global(GlobalSettings)
        case proxy(Proxy)
        case peers(PeersSection)
        case userlist(Userlist)
        case resolvers(ResolversSection)
        case other(GenericSection)
    }

    /// Lowers the sections in `range`, each on its own (chunks of sections are lowered side by side).
    func lower(_ syntax: ConfigSyntax, sections range: Range<Int>) -> [LoweredSection] {
        syntax.sections[range].map { section in
            let file = syntax.files[section.header.file]
            let directives = section.statements.map { directive($0, file) }
            let range = sectionRange(section, file)
            switch section.kind {
            case "global":
                return .global(lowerGlobal(section, directives, range))
            case "defaults", "frontend", "backend", "listen":
                var proxy = ProxyBuilder(registry: registry, file: file, variables: variables)
                    .build(section, kind: Proxy.Kind(rawValue: section.kind)!, range: range)
                proxy.directives = directives
                return .proxy(proxy)
            case "peers":
                return .peers(lowerPeers(section, directives, range, file))
            case "userlist":
                return .userlist(lowerUserlist(section, directives, range, file))
            case "resolvers":
                var resolvers = ResolversSection(name: section.name ?? "", directives: directives, range: range)
                resolvers.nameservers = section.statements.filter { $0.keyword == "nameserver" }.map { peer($0, file) }
                return .resolvers(resolvers)
            default:
                return .other(GenericSection(kind: section.kind, name: section.name, directives: directives, range: range))
            }
        }
    }

    /// The configuration of every section lowered, in order: the last `global` counts, and each proxy
    /// learns the `defaults` it inherits.
    func assemble(_ sections: [LoweredSection]) -> HAProxyConfiguration {
        var config = HAProxyConfiguration()
        for section in sections {
            switch section {
            case .global(let global): config.global = global
            case .proxy(var proxy):
                proxy.defaultsIndex = inheritedDefaults(proxy, config.defaults)
                if proxy.kind == .defaults { config.defaults.append(proxy) } else { config.proxies.append(proxy) }
            case .peers(let peers): config.peers.append(peers)
            case .userlist(let userlist): config.userlists.append(userlist)
            case .resolvers(let resolvers): config.resolvers.append(resolvers)
            case .other(let other): config.otherSections.append(other)
            }
        }
        return config
    }

    /// The `defaults` a proxy inherits: the named one of `from NAME` (the last
    /// so named before it), else, for a proxy, the last one before it (a
    /// `defaults` section without `from` starts afresh).
    private func inheritedDefaults(_ proxy: Proxy, _ defaults: [Proxy]) -> Int? {
        guard let name = proxy.defaultsName else { return proxy.kind == .defaults ? nil : defaults.indices.last }
        return defaults.lastIndex { $0.name == name }
    }

    func directive(_ statement: Statement, _ file: SyntaxFile) -> Directive {
        let words = statement.words
        let count = registry.lookup(words)?.wordCount ?? 1
        let keyword = count == 1 ? words[0].text : words.prefix(count).map(\.text).joined(separator: " ")
        let arguments = words.dropFirst(count)
        return Directive(keyword: keyword, modifier: statement.modifier, arguments: arguments.map(\.text),
                         argumentRanges: arguments.map { file.range(of: $0) }, range: file.range(of: statement))
    }

    func sectionRange(_ section: SyntaxSection, _ file: SyntaxFile) -> SourceRange {
        let end = section.statements.last?.end ?? section.header.end
        return file.source.range(section.header.start, end)
    }

    private func lowerGlobal(_ section: SyntaxSection, _ directives: [Directive], _ range: SourceRange) -> GlobalSettings {
        var global = GlobalSettings(range: range)
        global.directives = directives
        for directive in directives {
            let first = directive.arguments.first
            switch directive.keyword {
            case "maxconn": global.maxconn = first.flatMap { Int(leadingDigitsOf: $0) }
            case "ulimit-n": global.ulimitN = first.flatMap { Int(leadingDigitsOf: $0) }
            case "daemon": global.daemon = directive.modifier != .no
            case "user": global.user = first
            case "group": global.group = first
            case "chroot": global.chroot = first
            case "log" where directive.modifier == nil: global.logs.append(directive.arguments)
            default: break
            }
        }
        return global
    }

    private func peer(_ statement: Statement, _ file: SyntaxFile) -> PeersSection.Peer {
        let words = statement.words
        let address = words.count > 2
            ? try? ConfigAddress.parse(address(words[2]), portRequired: false, allowRange: false).get() : nil
        let nameWord = words.count > 1 ? words[1] : words[0]
        return PeersSection.Peer(name: words.count > 1 ? words[1].text : "", nameRange: file.range(of: nameWord),
                                 address: address, range: file.range(of: statement))
    }

    private func lowerPeers(_ section: SyntaxSection, _ directives: [Directive], _ range: SourceRange,
                            _ file: SyntaxFile) -> PeersSection {
        var peers = PeersSection(name: section.name ?? "", directives: directives, range: range)
        peers.peers = section.statements.filter { $0.keyword == "peer" || $0.keyword == "server" }.map { peer($0, file) }
        return peers
    }

    private func lowerUserlist(_ section: SyntaxSection, _ directives: [Directive], _ range: SourceRange,
                               _ file: SyntaxFile) -> Userlist {
        var list = Userlist(name: section.name ?? "", directives: directives, range: range)
        for statement in section.statements {
            let words = statement.words.map(\.text)
            if statement.keyword == "group", words.count > 1 { list.groups.append(words[1]) }
            guard statement.keyword == "user", words.count > 1 else { continue }
            var user = Userlist.User(name: words[1], passwordKind: nil, groups: [], range: file.range(of: statement))
            var index = 2
            while index < words.count {
                switch words[index] {
                case "password", "insecure-password": user.passwordKind = words[index]; index += 2
                case "groups":
                    user.groups = index + 1 < words.count ? words[index + 1].split(separator: ",").map(String.init) : []
                    index += 2
                default: index += 1
                }
            }
            list.users.append(user)
        }
        return list
    }
}
