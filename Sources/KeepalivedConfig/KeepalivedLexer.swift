import ConfigDiagnostics

/// Splits keepalived.conf text into logical lines of words, as Keepalived
/// 2.2 reads it: `#` and `!` start a comment outside double quotes (`\#`
/// and `\!` are literal), a trailing backslash continues the line, a quoted
/// string is one word, `{` and `}` are words of their own, `$NAME=value`
/// defines a parameter that `$NAME` or `${NAME}` expands later, and a line
/// starting with `@ID` (or `@^ID`) only applies when the config id is (or is
/// not) `ID`.
struct KeepalivedLexer {
    /// A logical line: its words (never empty) and where it starts.
    struct Line {
        var words: [KeepalivedWord]
    }

    let source: SourceFile
    let fileIndex: Int
    let configID: String?
    var definitions: [String: String]
    var diagnostics: [Diagnostic] = []

    init(source: SourceFile, fileIndex: Int, configID: String?, definitions: [String: String]) {
        self.source = source
        self.fileIndex = fileIndex
        self.configID = configID
        self.definitions = definitions
    }

    mutating func lines() -> [Line] {
        var result: [Line] = []
        var buffer: [(byte: UInt8, offset: Int)] = []
        let bytes = source.bytes
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            let continues = decomment(start: start, end: end, into: &buffer)
            start = end + 1
            if continues && start < bytes.count { continue }
            var words = split(buffer)
            buffer.removeAll(keepingCapacity: true)
            if let first = words.first, !first.isQuoted, first.text.hasPrefix("@") {
                words.removeFirst()
                if !applies(first.text) { words = [] }
            }
            if let first = words.first, !first.isQuoted, define(first, words) { words = [] }
            if !words.isEmpty { result.append(Line(words: words)) }
        }
        return result
    }

    /// Appends one physical line without its comment, leading blanks and
    /// `\#`/`\!` escapes; returns whether a trailing backslash continues it.
    /// Quotes are tracked per physical line, as Keepalived does.
    private func decomment(start: Int, end: Int, into buffer: inout [(byte: UInt8, offset: Int)]) -> Bool {
        let bytes = source.bytes
        var index = start
        while index < end, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
        var quoted = false
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                quoted.toggle()
            } else if byte == UInt8(ascii: "\\") {
                let next: UInt8? = index + 1 < end ? bytes[index + 1] : nil
                if next == nil || (next == UInt8(ascii: "\r") && index + 2 == end) {
                    while let last = buffer.last, last.byte == UInt8(ascii: " ") || last.byte == UInt8(ascii: "\t") {
                        buffer.removeLast()
                    }
                    return true
                }
                if !quoted, let next, next == UInt8(ascii: "#") || next == UInt8(ascii: "!") {
                    buffer.append((next, index))
                    index += 2
                    continue
                }
                buffer.append((byte, index))
                if let next { buffer.append((next, index + 1)) }
                index += 2
                continue
            } else if !quoted, byte == UInt8(ascii: "#") || byte == UInt8(ascii: "!") {
                break
            }
            buffer.append((byte, index))
            index += 1
        }
        return false
    }

    /// Whether an `@id` / `@^id` line applies to this configuration.
    private func applies(_ marker: String) -> Bool {
        let body = marker.dropFirst()
        if body.hasPrefix("^") { return configID != String(body.dropFirst()) }
        return configID == String(body)
    }

    /// Records `$NAME=value` (the value being the rest of the line).
    private mutating func define(_ first: KeepalivedWord, _ words: [KeepalivedWord]) -> Bool {
        guard first.text.hasPrefix("$"), let equals = first.text.firstIndex(of: "=") else { return false }
        let name = String(first.text[first.text.index(after: first.text.startIndex)..<equals])
        guard !name.isEmpty else { return false }
        let value = [String(first.text[first.text.index(after: equals)...])] + words.dropFirst().map(\.text)
        definitions[name] = value.filter { !$0.isEmpty }.joined(separator: " ")
        return true
    }

    /// Splits a logical line into words: blanks separate them, a quoted
    /// string is one word, `{` and `}` stand alone. A line with an
    /// unterminated quote is reported and dropped.
    private mutating func split(_ buffer: [(byte: UInt8, offset: Int)]) -> [KeepalivedWord] {
        var words: [KeepalivedWord] = []
        var index = 0
        func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") }
        func isBrace(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}") }
        while index < buffer.count {
            let (byte, offset) = buffer[index]
            if isBlank(byte) { index += 1; continue }
            if isBrace(byte) {
                words.append(KeepalivedWord(text: String(UnicodeScalar(byte)), file: fileIndex, start: offset, end: offset + 1))
                index += 1
                continue
            }
            if byte == UInt8(ascii: "\"") {
                guard let close = buffer[(index + 1)...].firstIndex(where: { $0.byte == UInt8(ascii: "\"") }) else {
                    diagnostics.append(Diagnostic(.error, .keepalivedUnmatchedQuote, KeepalivedMessage.unmatchedQuote,
                                                  at: source.range(offset, offset + 1)))
                    return []
                }
                let text = String(decoding: buffer[(index + 1)..<close].map(\.byte), as: UTF8.self)
                words.append(KeepalivedWord(text: expand(text), file: fileIndex, start: offset, end: buffer[close].offset + 1,
                                            isQuoted: true))
                index = close + 1
                continue
            }
            let wordStart = index
            while index < buffer.count, !isBlank(buffer[index].byte), !isBrace(buffer[index].byte),
                  buffer[index].byte != UInt8(ascii: "\"") {
                index += 1
            }
            let text = String(decoding: buffer[wordStart..<index].map(\.byte), as: UTF8.self)
            words.append(KeepalivedWord(text: expand(text), file: fileIndex, start: offset, end: buffer[index - 1].offset + 1))
        }
        return words
    }

    /// Replaces `$NAME` and `${NAME}` by their definitions.
    private func expand(_ text: String) -> String {
        guard !definitions.isEmpty, text.utf8.contains(UInt8(ascii: "$")) else { return text }
        var result = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            result += rest[..<dollar]
            var after = rest[rest.index(after: dollar)...]
            let braced = after.first == "{"
            if braced { after = after.dropFirst() }
            let name = after.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            var remainder = after.dropFirst(name.count)
            if braced {
                guard remainder.first == "}" else { result += "$"; rest = rest[rest.index(after: dollar)...]; continue }
                remainder = remainder.dropFirst()
            }
            if let value = definitions[String(name)], !name.isEmpty {
                result += value
            } else {
                result += rest[dollar..<remainder.startIndex]
            }
            rest = remainder
        }
        return result + rest
    }
}
