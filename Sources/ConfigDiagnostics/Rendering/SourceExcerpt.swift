/// A source line as shown under a diagnostic, with the caret line beneath it:
/// printable, tabs expanded, and cut to a window around the caret when the
/// line is too long to read.
///
/// ```
///     balanse roundrobin
///     ^~~~~~~
/// ```
struct SourceExcerpt {
    /// The displayed line, with `…` where it was cut.
    let line: String
    /// Spaces, `^` under the first highlighted column, `~` under the rest.
    let caret: String

    /// Marks where a long line was cut.
    static let ellipsis = "…"
    /// Columns of context kept before the caret when the highlight itself
    /// is wider than the window.
    private static let leadingContext = 8

    /// - Parameters:
    ///   - lineBytes: the line, without its terminator.
    ///   - highlight: byte offsets within the line; an upper bound past the
    ///     end underlines to the end of the line.
    ///   - maxWidth: the most columns shown, ellipses included.
    init(lineBytes: ArraySlice<UInt8>, highlight: Range<Int>, maxWidth: Int) {
        let columns = Self.columns(of: lineBytes, highlight: highlight)
        let window = Self.window(total: columns.total, caret: columns.start..<columns.end, maxWidth: maxWidth)

        var text = ""
        var shownStart: Int?
        var shownEnd = 0
        var cutAfter = false
        var column = 0
        for cell in DisplayCells(lineBytes) {
            let width = cell.width(at: column)
            if column + width > window.upperBound {
                cutAfter = true
                break
            }
            if column >= window.lowerBound {
                if shownStart == nil { shownStart = column }
                text += cell.text(at: column)
                shownEnd = column + width
            }
            column += width
        }
        let start = shownStart ?? window.lowerBound
        let cutBefore = start > 0
        line = (cutBefore ? Self.ellipsis : "") + text + (cutAfter ? Self.ellipsis : "")

        // Caret columns are relative to what is shown; one column for a leading `…`.
        let shift = (cutBefore ? 1 : 0) - start
        let caretStart = min(max(columns.start, start), max(shownEnd, start)) + shift
        let caretEnd = min(columns.end, cutAfter ? shownEnd : columns.end) + shift
        caret = String(repeating: " ", count: caretStart) + "^"
            + String(repeating: "~", count: max(0, caretEnd - caretStart - 1))
    }

    /// Display columns (0-based) of the highlight and the width of the line.
    private static func columns(of bytes: ArraySlice<UInt8>, highlight: Range<Int>)
        -> (start: Int, end: Int, total: Int)
    {
        var start: Int?
        var end = 0
        var column = 0
        for cell in DisplayCells(bytes) {
            let width = cell.width(at: column)
            if start == nil, cell.bytes.upperBound > highlight.lowerBound { start = column }
            if cell.bytes.lowerBound < highlight.upperBound { end = column + width }
            column += width
        }
        let first = start ?? column
        return (first, max(end, first), column)
    }

    /// The columns to show: everything when it fits, else a window that
    /// centres the highlight (or starts just before it when it is too wide).
    private static func window(total: Int, caret: Range<Int>, maxWidth: Int) -> Range<Int> {
        guard total > maxWidth else { return 0..<total }
        let width = max(1, maxWidth - 2 * ellipsis.count)
        let highlight = max(1, caret.count)
        let ideal = highlight <= width
            ? caret.lowerBound - (width - highlight) / 2
            : caret.lowerBound - leadingContext
        let start = min(max(0, ideal), total - width)
        return start..<start + width
    }
}
