import ConfigDiagnostics
import Yams

extension RuleID {
    /// A YAML document nested too deeply, or growing too large through aliases.
    static let yamlTooLarge = RuleID("yaml-too-large")
}

/// Limits that keep a hostile site YAML from exhausting the stack or the
/// memory: nesting is measured on the text before the YAML library reads it
/// (its reader recurses once per level), and the tree is measured with its
/// aliases expanded before anything walks it (a few hundred bytes of nested
/// aliases stand for billions of nodes).
public enum YAMLLimits {
    /// Levels of nesting allowed; a site YAML needs a handful, Keepalived blocks at most 64.
    public static let maximumDepth = 128
    /// Nodes allowed once aliases are expanded: a million, or one per byte of the file if that is more,
    /// so a document without aliases never reaches it.
    static func maximumNodes(for file: SourceFile) -> Int { max(1_000_000, file.bytes.count) }

    public static func depthMessage() -> String {
        "YAML nested more than \(maximumDepth) levels deep; weir reads at most \(maximumDepth)"
    }

    static func sizeMessage(_ limit: Int) -> String {
        "YAML aliases expand this document past \(limit) nodes; weir reads at most that many"
    }

    /// The offset of the first place the text nests deeper than the limit, or nil.
    /// Counts block levels by indentation (each `- ` and `key:` at a deeper column is a level)
    /// and flow levels by brackets, skipping quoted text, comments and block scalars.
    public static func tooDeep(_ bytes: [UInt8]) -> Int? {
        var scanner = NestingScanner(bytes: bytes, limit: maximumDepth)
        return scanner.run()
    }

    /// The first node at which the expanded tree passes `limit` nodes, or nil.
    static func tooLarge(_ root: Node, limit: Int) -> Node? {
        var count = 0
        var stack: [Node] = [root]
        while let node = stack.popLast() {
            count += 1
            if count > limit { return node }
            switch node {
            case .scalar: break
            case .sequence(let sequence): stack.append(contentsOf: sequence)
            case .mapping(let mapping):
                for pair in mapping {
                    stack.append(pair.key)
                    stack.append(pair.value)
                }
            }
        }
        return nil
    }
}

/// One pass over a YAML text measuring its nesting.
private struct NestingScanner {
    let bytes: [UInt8]
    let limit: Int
    var index = 0
    /// Columns of the open block levels, increasing.
    var blockColumns: [Int] = []
    var flowDepth = 0
    /// Lines more indented than this column belong to a block scalar (`|`, `>`).
    var blockScalarParent: Int?

    init(bytes: [UInt8], limit: Int) {
        self.bytes = bytes
        self.limit = limit
    }

    static let space = UInt8(ascii: " "), newline = UInt8(ascii: "\n"), hash = UInt8(ascii: "#")

    mutating func run() -> Int? {
        while index < bytes.count {
            if let offset = line() { return offset }
        }
        return nil
    }

    /// Scans one line; returns the offset where the limit is passed.
    mutating func line() -> Int? {
        let start = index
        var column = 0
        while index < bytes.count, bytes[index] == Self.space { index += 1; column += 1 }
        if index >= bytes.count { return nil }
        if bytes[index] == Self.newline || bytes[index] == Self.hash || bytes[index] == UInt8(ascii: "\r") {
            skipLine()
            return nil
        }
        if let parent = blockScalarParent {
            if column > parent { skipLine(); return nil }
            blockScalarParent = nil
        }
        if flowDepth == 0 {
            while let last = blockColumns.last, last > column { blockColumns.removeLast() }
            if blockColumns.last != column { blockColumns.append(column) }
        }
        var atValueStart = true
        while index < bytes.count, bytes[index] != Self.newline {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                skipQuoted(byte)
                atValueStart = false
                continue
            }
            if byte == Self.hash, index > 0, bytes[index - 1] == Self.space || bytes[index - 1] == UInt8(ascii: "\t") {
                skipLine()
                break
            }
            if flowDepth > 0 || atValueStart, byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") {
                flowDepth += 1
            } else if flowDepth > 0, byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") {
                flowDepth -= 1
            } else if flowDepth == 0, byte == UInt8(ascii: "-") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: ":"),
                      index + 1 >= bytes.count || bytes[index + 1] == Self.space || bytes[index + 1] == Self.newline {
                // `- `, `? ` and `key: ` open a level at the next column.
                let next = index + 1 - start
                if blockColumns.last.map({ $0 < next }) ?? true { blockColumns.append(next) }
                atValueStart = true
                index += 1
                continue
            } else if flowDepth == 0, atValueStart, byte == UInt8(ascii: "|") || byte == UInt8(ascii: ">") {
                blockScalarParent = blockColumns.dropLast().last ?? 0
                skipLine()
                break
            } else if byte != Self.space && byte != UInt8(ascii: "\t") && byte != UInt8(ascii: ",") {
                atValueStart = flowDepth > 0 && (byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{"))
            }
            if blockColumns.count + flowDepth > limit { return index }
            index += 1
        }
        if index < bytes.count { index += 1 }
        return blockColumns.count + flowDepth > limit ? start : nil
    }

    mutating func skipLine() {
        while index < bytes.count, bytes[index] != Self.newline { index += 1 }
        if index < bytes.count { index += 1 }
    }

    /// Skips a quoted scalar, which may span lines; `\` escapes in double quotes, `''` in single.
    mutating func skipQuoted(_ quote: UInt8) {
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            if quote == UInt8(ascii: "\""), byte == UInt8(ascii: "\\") { index += 2; continue }
            if byte == quote {
                if quote == UInt8(ascii: "'"), index + 1 < bytes.count, bytes[index + 1] == quote { index += 2; continue }
                index += 1
                return
            }
            index += 1
        }
    }
}
