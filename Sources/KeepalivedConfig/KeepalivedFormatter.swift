import ConfigDiagnostics

/// Prints keepalived.conf in Weir's canonical layout: four spaces per
/// block level, a closing `}` at its block's level, blanks between words
/// folded to one outside quotes, comments kept with one space before them,
/// runs of blank lines folded to one, and `@ID` markers at column 0 ahead of
/// the indented line. A line continued by a backslash is indented one level
/// deeper. Keepalived ignores leading blanks, so nothing here changes what
/// it reads; formatting the output again changes nothing. The output is
/// bytes (a byte that is not UTF-8 is copied as it is), and indentation
/// stops growing at Keepalived's nesting limit, so the output is at most a
/// constant times the input.
public struct KeepalivedFormatter: Sendable {
    static let indentUnit = 4

    public init() {}

    /// The formatted text (for text that is UTF-8; `formattedBytes` keeps any byte).
    public func format(_ file: SourceFile) -> String {
        String(decoding: formattedBytes(file), as: UTF8.self)
    }

    /// The formatted bytes of one file.
    public func formattedBytes(_ file: SourceFile) -> [UInt8] {
        var output: [[UInt8]] = []
        var depth = 0
        var continuing = false
        for number in 1...max(1, file.lineCount) {
            let line = Self.normalize(Array(file.lineBytes(number)))
            if line.body.isEmpty && line.marker == nil {
                if let last = output.last, last.isEmpty { continue }
                if output.isEmpty { continue }
                output.append([])
                continuing = false
                continue
            }
            var level = depth + (continuing ? 1 : 0)
            if !continuing, line.body.first == UInt8(ascii: "}") { level = max(0, depth - 1) }
            level = min(level, KeepalivedParser.maximumDepth)
            let indent = [UInt8](repeating: UInt8(ascii: " "), count: level * Self.indentUnit)
            if let marker = line.marker {
                let padding = max(1, indent.count - marker.count)
                output.append(marker + [UInt8](repeating: UInt8(ascii: " "), count: padding) + line.body)
            } else {
                output.append(indent + line.body)
            }
            depth = max(0, depth + line.opens - line.closes)
            continuing = line.continues
        }
        while let last = output.last, last.isEmpty { output.removeLast() }
        var bytes: [UInt8] = []
        for line in output {
            bytes += line
            bytes.append(UInt8(ascii: "\n"))
        }
        return bytes
    }

    /// One physical line, cleaned: its `@ID` marker, its text with blanks
    /// folded outside quotes and comments, and its brace counts.
    struct NormalizedLine {
        var marker: [UInt8]?
        var body: [UInt8]
        var opens = 0
        var closes = 0
        var continues = false
    }

    static func normalize(_ bytes: [UInt8]) -> NormalizedLine {
        func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") }
        var start = 0
        while start < bytes.count, isBlank(bytes[start]) { start += 1 }
        var end = bytes.count
        while end > start, isBlank(bytes[end - 1]) { end -= 1 }
        var line = NormalizedLine(body: [])
        var index = start
        if index < end, bytes[index] == UInt8(ascii: "@") {
            let markerEnd = bytes[index..<end].firstIndex(where: isBlank) ?? end
            line.marker = Array(bytes[index..<markerEnd])
            index = markerEnd
            while index < end, isBlank(bytes[index]) { index += 1 }
        }
        var out: [UInt8] = []
        var quoted = false
        while index < end {
            let byte = bytes[index]
            if !quoted, byte == UInt8(ascii: "#") || byte == UInt8(ascii: "!") {
                if let last = out.last, !isBlank(last) { out.append(UInt8(ascii: " ")) }
                out += bytes[index..<end]
                break
            }
            if byte == UInt8(ascii: "\\"), index + 1 < end {
                out += bytes[index...(index + 1)]
                index += 2
                continue
            }
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            if !quoted, isBlank(byte) {
                if let last = out.last, !isBlank(last) { out.append(UInt8(ascii: " ")) }
                index += 1
                continue
            }
            if !quoted, byte == UInt8(ascii: "{") { line.opens += 1 }
            if !quoted, byte == UInt8(ascii: "}") { line.closes += 1 }
            out.append(byte)
            index += 1
        }
        while let last = out.last, isBlank(last) { out.removeLast() }
        line.continues = out.last == UInt8(ascii: "\\") && !(out.count >= 2 && out[out.count - 2] == UInt8(ascii: "\\"))
        line.body = out
        return line
    }
}
