import ConfigDiagnostics
import XCTest

final class SourceFileTests: XCTestCase {
    private let file = SourceFile(path: "conf/haproxy.cfg", text: "global\n    maxconn 10\n\r\nbackend app\n    server s1 10.0.0.1:80")

    func testLocationsCountLinesAndBytes() {
        XCTAssertEqual(file.location(at: 0), SourceLocation(offset: 0, line: 1, column: 1))
        XCTAssertEqual(file.location(at: 11), SourceLocation(offset: 11, line: 2, column: 5))
        XCTAssertEqual(file.location(at: 22), SourceLocation(offset: 22, line: 3, column: 1))
        XCTAssertEqual(file.location(at: 1_000), file.location(at: file.bytes.count), "clamped to the end")
        XCTAssertEqual(file.location(at: -4), file.location(at: 0), "clamped to the start")
    }

    func testLocationsAgreeWithCountingLinesOnFilesOfManyShapes() {
        // Long lines span several index blocks, runs of empty lines put many lines in one block, and files end
        // on a block boundary, inside a line and right after a newline.
        let shapes = [
            "", "\n", "x", String(repeating: "\n", count: 700), String(repeating: "a", count: 600) + "\nb\n",
            (0..<300).map { String(repeating: "w", count: $0 % 37) }.joined(separator: "\n"),
            String(repeating: "y", count: 255) + "\n" + String(repeating: "z", count: 256),
            String(repeating: "0123456\n", count: 64),
        ]
        for text in shapes {
            let file = SourceFile(path: "shape.cfg", text: text)
            var line = 1, column = 1
            for (offset, byte) in file.bytes.enumerated() {
                XCTAssertEqual(file.location(at: offset), SourceLocation(offset: offset, line: line, column: column),
                               "offset \(offset) of a \(file.bytes.count)-byte file")
                if byte == UInt8(ascii: "\n") { (line, column) = (line + 1, 1) } else { column += 1 }
            }
            XCTAssertEqual(file.location(at: file.bytes.count), SourceLocation(offset: file.bytes.count, line: line, column: column))
        }
    }

    func testRangesAgreeWithTheirEndsLocatedAlone() {
        // Every pair of offsets, including out-of-range and reversed ones, on one line or across lines.
        let count = file.bytes.count
        for start in -2...(count + 2) {
            for end in -2...(count + 2) {
                let range = file.range(start, end)
                XCTAssertEqual(range.start, file.location(at: start), "\(start)..<\(end)")
                XCTAssertEqual(range.end, file.location(at: max(start, end)), "\(start)..<\(end)")
                XCTAssertEqual(range.file, "conf/haproxy.cfg")
            }
        }
    }

    func testRangesOfOneFileShareItsPath() {
        let other = SourceFile(path: "conf/other.cfg", text: "global\n")
        XCTAssertTrue(file.range(0, 3).isInSameFile(as: file.range(7, 9)))
        XCTAssertFalse(file.range(0, 3).isInSameFile(as: other.range(0, 3)))
        XCTAssertEqual(file.range(0, 3), SourceRange(file: "conf/haproxy.cfg", start: file.location(at: 0), end: file.location(at: 3)),
                       "a range made from the path alone is the same range")
        var moved = file.range(0, 3)
        moved.file = "conf/other.cfg"
        XCTAssertTrue(moved.isInSameFile(as: other.range(0, 3)))
        XCTAssertEqual(Set([file.range(0, 3), moved]).count, 2)
    }
}
