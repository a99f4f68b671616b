import ConfigDiagnostics

/// Test input with ranges marked inline: `«` opens a range and `»` closes
/// it, so tests never spell out line and column numbers by hand.
struct MarkedSource {
    static let open: Character = "«"
    static let close: Character = "»"

    /// The text without its markers.
    let file: SourceFile
    /// The marked ranges, in the order their `«` appear.
    let ranges: [SourceRange]

    init(path: String = "haproxy.cfg", _ marked: String) {
        var bytes: [UInt8] = []
        var starts: [Int] = []
        var spans: [(Int, Int)] = []
        var open: [Int] = []
        for character in marked {
            switch character {
            case Self.open:
                open.append(starts.count)
                starts.append(bytes.count)
            case Self.close:
                let index = open.removeLast()
                spans.append((index, bytes.count))
            default:
                bytes += Array(String(character).utf8)
            }
        }
        let file = SourceFile(path: path, bytes: bytes)
        var ends = [Int](repeating: 0, count: starts.count)
        for (index, end) in spans { ends[index] = end }
        self.file = file
        self.ranges = zip(starts, ends).map { file.range($0, $1) }
    }

    /// The sources map a renderer takes.
    var sources: [String: SourceFile] { [file.path: file] }
}
