import ConfigDiagnostics
import HAProxyConfig

/// A TLS setting written in the configuration: an option of a bind or
/// server line, or a global `ssl-default-…` keyword, with its value's range.
struct TLSSetting: Sendable {
    /// The keyword or option name (`ciphers`, `ssl-default-bind-ciphers`).
    var name: String
    var value: String
    var range: SourceRange
}

extension HAProxyCheckContext {
    /// Calls `body` with every option of the proxies' bind, default-server and
    /// server lines, in order. Options are read in place: copying every proxy
    /// and concatenating its servers' options costs more than the scan on
    /// configs with 40,000 servers.
    static func forEachEndpointOption(of proxies: [Proxy], _ body: (NamedOption, Proxy) -> Void) {
        for proxy in proxies {
            for bind in proxy.binds { for option in bind.options { body(option, proxy) } }
            for option in proxy.defaultServer?.options ?? [] { body(option, proxy) }
            for server in proxy.servers { for option in server.options { body(option, proxy) } }
        }
    }

    /// The values of bind, server and default-server options named `names`, and of the global keywords `globals`.
    func tlsSettings(options names: Set<String>, globals: Set<String>) -> [TLSSetting] {
        var settings: [TLSSetting] = []
        for directive in configuration.global?.directives ?? [] where globals.contains(directive.keyword) {
            guard let value = directive.arguments.first else { continue }
            settings.append(TLSSetting(name: directive.keyword, value: value, range: directive.argumentRanges[0]))
        }
        guard vocabulary.uses(anyOption: names) else { return settings }
        Self.forEachEndpointOption(of: allProxies) { option, proxy in
            guard names.contains(option.name), let value = option.value else { return }
            settings.append(TLSSetting(name: option.name, value: value, range: Self.valueRange(of: option, in: proxy)))
        }
        return settings
    }
}

extension SourceRange {
    /// The range of `length` bytes at `offset` inside a word whose text is
    /// `text`: exact when the word is written as is or in quotes, the whole
    /// word when it holds escapes or variables.
    func part(offset: Int, length: Int, of text: String) -> SourceRange {
        let written = end.offset - start.offset
        let shift: Int
        if written == text.utf8.count {
            shift = 0
        } else if written == text.utf8.count + 2, start.line == end.line {
            shift = 1
        } else {
            return self
        }
        let first = SourceLocation(offset: start.offset + shift + offset, line: start.line,
                                   column: start.column + shift + offset)
        let last = SourceLocation(offset: first.offset + length, line: start.line, column: first.column + length)
        return with(start: first, end: last)
    }
}
