import ConfigDiagnostics

extension RuleID {
    /// A file `weir fmt` leaves as it is because formatting would change what the tool reads.
    public static let formatRefused = RuleID("format-refused")
}

/// `weir fmt` on one haproxy.cfg: the canonical layout, or the reasons the
/// file is left as it is. A file HAProxy refuses while reading its lines (a
/// NUL byte, no newline at the end) is not formatted: adding the newline
/// would turn a refused file into an accepted one, and HAProxy stops reading
/// at the NUL. The formatted bytes are read again, and unless every line
/// reads as the same words and comments as before, the file is refused.
public enum LosslessFormat {
    /// Lexer findings that make HAProxy refuse a file, which fmt will not hide.
    static let refusedRules: Set<RuleID> = [.strayNulByte, .missingFinalNewline]

    /// Why a file is left as it is.
    public struct Refusal: Error, Sendable {
        public var diagnostics: [Diagnostic]
    }

    public static func haproxy(_ source: SourceFile, reader: HAProxyReader) -> Result<[UInt8], Refusal> {
        let result = reader.read([source])
        let blocking = result.diagnostics.filter { refusedRules.contains($0.rule) && $0.range.file == source.path }
        if !blocking.isEmpty { return .failure(Refusal(diagnostics: blocking)) }
        let file = result.syntax.files[0]
        let formatted = HAProxyFormatter().formattedBytes(file, sectionKeywords: reader.registry.sectionKeywords)
        let again = reader.read([SourceFile(path: source.path, bytes: formatted)]).syntax.files[0]
        guard reading(of: file) == reading(of: again) else {
            let start = SourceLocation(offset: 0, line: 1, column: 1)
            let diagnostic = Diagnostic(.error, .formatRefused, unsafeMessage, at: SourceRange(file: source.path, start: start, end: start))
            return .failure(Refusal(diagnostics: [diagnostic]))
        }
        return .success(formatted)
    }

    static let unsafeMessage = "weir fmt would change the words HAProxy reads in this file; it is left as it is"

    /// What HAProxy reads from each line that is not blank: its kind, its words and its comment.
    static func reading(of file: SyntaxFile) -> [[String]] {
        let bytes = file.source.bytes
        return file.lines.compactMap { line -> [String]? in
            guard line.kind != .blank else { return nil }
            var entry = [line.kind.rawValue] + line.words.map(\.text)
            if let start = line.commentStart {
                var end = line.end
                while end > start, [0x20, 0x09, 0x0D].contains(bytes[end - 1]) { end -= 1 }
                entry.append(String(decoding: bytes[start..<end], as: UTF8.self))
            }
            return entry
        }
    }
}
