import ConfigDiagnostics
import HAProxyConfig
import KeepalivedConfig

/// The statements and sections of parsed files as spans of lines, for
/// deciding what a `# weir:disable` comment covers.
enum SuppressionSpans {
    /// Whether any of the files has a `weir:disable` comment; without one there is nothing to cover, and
    /// the spans of a large configuration are not worth working out.
    static func needed(_ files: [SourceFile]) -> Bool {
        let pattern = Array("weir:disable".utf8)
        return files.contains { file in
            file.bytes.withUnsafeBufferPointer { bytes in
                guard bytes.count >= pattern.count else { return false }
                var index = 0
                while index <= bytes.count - pattern.count {
                    if bytes[index] == pattern[0], bytes[index..<(index + pattern.count)].elementsEqual(pattern) { return true }
                    index += 1
                }
                return false
            }
        }
    }

    /// Spans of each haproxy.cfg file, keyed by path.
    static func of(_ syntax: ConfigSyntax) -> [String: [Suppressions.Span]] {
        var spans: [String: [Suppressions.Span]] = [:]
        func lines(_ statement: Statement) -> Suppressions.Span {
            let file = syntax.files[statement.file]
            return Suppressions.Span(firstLine: file.lines[statement.line].number,
                                     lastLine: file.lines[statement.line + statement.lineCount - 1].number)
        }
        for section in syntax.sections {
            let path = syntax.files[section.header.file].source.path
            let header = lines(section.header)
            let body = section.statements.map(lines)
            spans[path, default: []].append(header)
            spans[path, default: []].append(Suppressions.Span(firstLine: header.firstLine,
                                                              lastLine: body.last?.lastLine ?? header.lastLine))
            spans[path, default: []] += body
        }
        return spans
    }

    /// Spans of each keepalived.conf file (and its includes), keyed by path.
    static func of(_ syntax: KeepalivedSyntax) -> [String: [Suppressions.Span]] {
        var spans: [String: [Suppressions.Span]] = [:]
        var stack = syntax.nodes
        while let node = stack.popLast() {
            let file = syntax.files[node.keyword.file]
            let first = file.location(at: node.keyword.start).line
            var last = first
            var words = node.arguments
            var pending = node.children ?? []
            while let child = pending.popLast() {
                words.append(child.keyword)
                words += child.arguments
                pending += child.children ?? []
            }
            for word in words where word.file == node.keyword.file {
                last = max(last, file.location(at: word.start).line)
            }
            spans[file.path, default: []].append(Suppressions.Span(firstLine: first, lastLine: last))
            stack += node.children ?? []
        }
        return spans
    }
}
