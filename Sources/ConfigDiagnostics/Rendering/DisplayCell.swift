/// One unit of a source line as a terminal shows it: a printable character,
/// a tab, or the escape that stands for a byte or scalar which must not reach
/// the terminal raw (control characters, bidi overrides, invalid UTF-8).
struct DisplayCell {
    /// What the cell shows.
    enum Content {
        case character(Unicode.Scalar)
        case tab
        case escapedScalar(Unicode.Scalar)
        case escapedByte(UInt8)
    }

    /// Offsets of the cell's bytes, relative to the start of the line.
    let bytes: Range<Int>
    let content: Content

    /// Tab stops are every 8 columns, as terminals and clang have them.
    static let tabWidth = 8

    /// The cell's width when it starts at the 0-based display `column`.
    func width(at column: Int) -> Int {
        switch content {
        case .character: 1
        case .tab: Self.tabWidth - column % Self.tabWidth
        case .escapedScalar, .escapedByte: escape.utf8.count
        }
    }

    /// The cell's text in a source excerpt, tabs expanded from `column`.
    func text(at column: Int) -> String {
        switch content {
        case .character(let scalar): String(scalar)
        case .tab: String(repeating: " ", count: width(at: column))
        case .escapedScalar, .escapedByte: escape
        }
    }

    /// The cell's text inside quotes, where a tab or newline is escaped too.
    var quotedText: String {
        switch content {
        case .character(let scalar): String(scalar)
        case .tab: "\\t"
        case .escapedScalar, .escapedByte: escape
        }
    }

    private var escape: String {
        switch content {
        case .escapedByte(UInt8(ascii: "\n")): "\\n"
        case .escapedByte(UInt8(ascii: "\r")): "\\r"
        case .escapedByte(let byte): "\\x" + Self.hex(UInt32(byte), digits: 2)
        case .escapedScalar(let scalar): "\\u{" + Self.hex(scalar.value, digits: 4) + "}"
        case .character, .tab: ""
        }
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}

/// The display cells of a run of bytes, decoded as UTF-8 one scalar at a time
/// so that a 1 MB line costs no more than one pass and no allocation per cell.
struct DisplayCells: Sequence, IteratorProtocol {
    private let bytes: ArraySlice<UInt8>
    private var offset = 0

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
    }

    mutating func next() -> DisplayCell? {
        let start = bytes.startIndex + offset
        guard start < bytes.endIndex else { return nil }
        let lead = bytes[start]
        let cell: DisplayCell
        if lead < 0x80 {
            cell = DisplayCell(bytes: offset..<offset + 1, content: Self.classify(ascii: lead))
        } else {
            var iterator = bytes[start...].makeIterator()
            var parser = Unicode.UTF8.ForwardParser()
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                let scalar = Unicode.UTF8.decode(encoded)
                cell = DisplayCell(bytes: offset..<offset + encoded.count, content: Self.classify(scalar))
            case .error, .emptyInput:
                cell = DisplayCell(bytes: offset..<offset + 1, content: .escapedByte(lead))
            }
        }
        offset = cell.bytes.upperBound
        return cell
    }

    private static func classify(ascii byte: UInt8) -> DisplayCell.Content {
        switch byte {
        case UInt8(ascii: "\t"): .tab
        case 0x20..<0x7F: .character(Unicode.Scalar(byte))
        default: .escapedByte(byte)
        }
    }

    /// Scalars that would move the cursor, reorder text or vanish are escaped.
    private static func classify(_ scalar: Unicode.Scalar) -> DisplayCell.Content {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse:
            .escapedScalar(scalar)
        default:
            .character(scalar)
        }
    }
}

extension DisplayCells {
    /// Bytes as one line of safe, printable text for use inside quotes.
    static func quoted(_ bytes: ArraySlice<UInt8>) -> String {
        DisplayCells(bytes).reduce(into: "") { $0 += $1.quotedText }
    }
}
