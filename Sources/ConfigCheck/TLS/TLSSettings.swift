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
    /// The values of bind, server and default-server options named `names`, and of the global keywords `globals`.
    func tlsSettings(options names: Set<String>, globals: Set<String>) -> [TLSSetting] {
        var settings: [TLSSetting] = []
        for directive in configuration.global?.directives ?? [] where globals.contains(directive.keyword) {
            guard let value = directive.arguments.first else { continue }
            settings.append(TLSSetting(name: directive.keyword, value: value, range: directive.argumentRanges[0]))
        }
        // Options are read in place: copying every proxy and concatenating its
        // servers' options costs more than the scan on configs with 40,000 servers.
        func collect(_ options: [NamedOption], of proxy: Proxy) {
            for option in options where names.contains(option.name) {
                guard let value = option.value else { continue }
                settings.append(TLSSetting(name: option.name, value: value, range: Self.valueRange(of: option, in: proxy)))
            }
        }
        for proxy in allProxies {
            for bind in proxy.binds { collect(bind.options, of: proxy) }
            if let defaultServer = proxy.defaultServer { collect(defaultServer.options, of: proxy) }
            for server in proxy.servers { collect(server.options, of: proxy) }
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
        return SourceRange(file: file, start: first, end: last)
    }
}
