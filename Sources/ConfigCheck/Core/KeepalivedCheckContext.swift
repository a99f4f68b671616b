import ConfigDiagnostics
import KeepalivedConfig

/// What a Keepalived rule reads: one keepalived.conf as typed values and as
/// its block tree.
public struct KeepalivedCheckContext: Sendable {
    public let configuration: KeepalivedConfiguration
    public let syntax: KeepalivedSyntax
    public let environment: CheckEnvironment
    /// Every block by the place of its keyword word, built once: rules look blocks up per instance, and a
    /// walk of the tree for each would make a config of thousands of instances quadratic.
    private let blocksByPlace: SharedOnce<[Int: KeepalivedNode]>
    /// The first `global_defs` block, found once.
    private let firstGlobalDefs: SharedOnce<KeepalivedNode?>

    public init(configuration: KeepalivedConfiguration, syntax: KeepalivedSyntax, environment: CheckEnvironment) {
        self.configuration = configuration
        self.syntax = syntax
        self.environment = environment
        blocksByPlace = SharedOnce {
            var index: [Int: KeepalivedNode] = [:]
            var stack = syntax.nodes.filter { $0.children != nil }
            while let node = stack.popLast() {
                index[Self.place(of: node.keyword)] = node
                stack.append(contentsOf: node.children!.filter { $0.children != nil })
            }
            return index
        }
        firstGlobalDefs = SharedOnce { syntax.nodes.first { $0.keyword.text == "global_defs" } }
    }

    /// The `global_defs` block.
    var globalDefs: KeepalivedNode? { firstGlobalDefs.value }

    /// The source range of a word.
    public func range(of word: KeepalivedWord) -> SourceRange { syntax.range(of: word) }

    /// The block a typed value was lowered from (found by its keyword word); nil for a word that opens no block.
    public func node(at location: KeepalivedWord) -> KeepalivedNode? {
        guard let block = blocksByPlace.value[Self.place(of: location)], block.keyword == location else { return nil }
        return block
    }

    /// A word's file and offset as one key.
    private static func place(of word: KeepalivedWord) -> Int { word.file << 40 | word.start }

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
