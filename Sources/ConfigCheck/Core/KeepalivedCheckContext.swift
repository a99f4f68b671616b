import ConfigDiagnostics
import KeepalivedConfig

/// What a Keepalived rule reads: one keepalived.conf as typed values and as
/// its block tree.
public struct KeepalivedCheckContext: Sendable {
    public let configuration: KeepalivedConfiguration
    public let syntax: KeepalivedSyntax
    public let environment: CheckEnvironment

    public init(configuration: KeepalivedConfiguration, syntax: KeepalivedSyntax, environment: CheckEnvironment) {
        self.configuration = configuration
        self.syntax = syntax
        self.environment = environment
    }

    /// The source range of a word.
    public func range(of word: KeepalivedWord) -> SourceRange { syntax.range(of: word) }

    /// The block a typed value was lowered from (found by its keyword word).
    public func node(at location: KeepalivedWord) -> KeepalivedNode? {
        var stack = Array(syntax.nodes.reversed())
        while let node = stack.popLast() {
            if node.keyword == location { return node }
            stack.append(contentsOf: node.children ?? [])
        }
        return nil
    }

    /// The range of a block's name (its first argument), else of its keyword.
    public func nameRange(_ location: KeepalivedWord) -> SourceRange {
        range(of: node(at: location)?.arguments.first ?? location)
    }

    /// The line `keyword …` inside a block, for pointing at a value.
    public func line(_ keyword: String, in location: KeepalivedWord) -> KeepalivedNode? {
        node(at: location)?.child(keyword)
    }

    /// The range of a line's first argument, or of its keyword when it has none.
    public func valueRange(_ keyword: String, in location: KeepalivedWord) -> SourceRange? {
        line(keyword, in: location).map { range(of: $0.arguments.first ?? $0.keyword) }
    }
}
