/// The text of one configuration file, with the line index needed to turn
/// byte offsets into line and column numbers.
///
/// Columns are 1-based and count UTF-8 bytes, as HAProxy's own parser does;
/// configuration files are ASCII in practice.
public struct SourceFile: Sendable {
    /// The path as the user named it (`-` for standard input).
    public let path: String
    /// The raw bytes of the file; invalid UTF-8 is kept as it is.
    public let bytes: [UInt8]
    /// Byte offset of the first byte of every line.
    public let lineStarts: [Int]
    /// The path, interned once for every range made in this file.
    private let internedPath: InternedPath
    /// For every block of `blockSize` bytes, the index of the line its first byte is on: a location search
    /// looks only between the lines of its block and the next.
    private let blockLines: [Int32]
    /// Bytes per entry of `blockLines`.
    private static let blockShift = 8

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        internedPath = InternedPath.named(path)
        self.bytes = bytes
        var starts = [0]
        var blocks: [Int32] = []
        blocks.reserveCapacity(bytes.count >> Self.blockShift + 1)
        for (index, byte) in bytes.enumerated() {
            if index & ((1 << Self.blockShift) - 1) == 0 { blocks.append(Int32(truncatingIfNeeded: starts.count - 1)) }
            if byte == UInt8(ascii: "\n") { starts.append(index + 1) }
        }
        blocks.append(Int32(truncatingIfNeeded: starts.count - 1))
        self.lineStarts = starts
        self.blockLines = blocks
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// Number of lines, counting a last line without a newline.
    public var lineCount: Int {
        lineStarts.last == bytes.count && bytes.count > 0 ? lineStarts.count - 1 : lineStarts.count
    }

    /// The location of a byte offset (clamped to the file).
    public func location(at offset: Int) -> SourceLocation {
        let offset = max(0, min(offset, bytes.count))
        let block = offset >> Self.blockShift
        var low = Int(blockLines[min(block, blockLines.count - 1)])
        var high = block + 1 < blockLines.count ? Int(blockLines[block + 1]) : lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return SourceLocation(offset: offset, line: low + 1, column: offset - lineStarts[low] + 1)
    }

    /// A half-open range between two byte offsets of this file.
    public func range(_ start: Int, _ end: Int) -> SourceRange {
        let first = location(at: start)
        let endOffset = max(0, min(max(start, end), bytes.count))
        // Most ranges end on the line they start on: no second search then.
        let nextLine = first.line < lineStarts.count ? lineStarts[first.line] : Int.max
        let last = endOffset < nextLine
            ? SourceLocation(offset: endOffset, line: first.line, column: first.column + endOffset - first.offset)
            : location(at: endOffset)
        return SourceRange(interned: internedPath, start: first, end: last)
    }

    /// The bytes of a 1-based line, without its line terminator.
    public func lineBytes(_ line: Int) -> ArraySlice<UInt8> {
        guard line >= 1, line <= lineStarts.count else { return [] }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] : bytes.count
        while end > start, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") {
            end -= 1
        }
        return bytes[start..<end]
    }

    /// The text of a 1-based line, invalid UTF-8 replaced.
    public func lineText(_ line: Int) -> String {
        String(decoding: lineBytes(line), as: UTF8.self)
    }
}
