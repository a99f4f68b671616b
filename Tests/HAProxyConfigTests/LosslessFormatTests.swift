import ConfigDiagnostics
import Foundation
@testable import HAProxyConfig
import WeirTestSupport
import XCTest

/// `weir fmt` keeps every byte it does not mean to change (probe defects D8,
/// D11, D17): text after a NUL or bare CR, bytes that are not UTF-8; it
/// refuses what HAProxy refuses while reading lines, and stays linear.
final class LosslessFormatTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let probe = root.appendingPathComponent("Fixtures/probe")

    private func format(_ bytes: [UInt8], path: String = "t.cfg") -> Result<[UInt8], LosslessFormat.Refusal> {
        LosslessFormat.haproxy(SourceFile(path: path, bytes: bytes), reader: HAProxyReader(registry: testRegistry))
    }

    private func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: Self.probe.appendingPathComponent(name)))
    }

    func testBytesThatAreNotUTF8AreCopied() throws {
        let input = try fixture("fmt-rewrites-latin1-bytes.cfg")
        let output = try format(input).get()
        for byte: UInt8 in [0xE9, 0xFC] {
            XCTAssertEqual(output.filter { $0 == byte }.count, input.filter { $0 == byte }.count, "byte \(byte) kept")
        }
        XCTAssertFalse(output.contains(0xEF), "no U+FFFD replacement")
    }

    func testNULAtLineStartIsRefusedWithTheLexerError() throws {
        guard case .failure(let refusal) = format(try fixture("fmt-dataloss-nul-at-line-start.cfg")) else {
            return XCTFail("a file with a NUL byte must not be formatted")
        }
        XCTAssertEqual(refusal.diagnostics.map(\.rule.rawValue), ["stray-nul-byte"])
        XCTAssertEqual(refusal.diagnostics.first?.range.start.line, 2)
    }

    func testCROnlyFileIsRefused() throws {
        guard case .failure(let refusal) = format(try fixture("fmt-dataloss-cr-only.cfg")) else {
            return XCTFail("a CR-only file (no final newline) must not be formatted")
        }
        XCTAssertEqual(refusal.diagnostics.map(\.rule.rawValue), ["missing-final-newline"])
    }

    /// HAProxy ignores what follows a bare CR; fmt keeps those bytes anyway.
    func testLineWithBareCRIsKeptByteForByte() throws {
        let input = Array("global\n  maxconn 10\ndefaults\r    mode http\n  timeout connect 5s\n".utf8)
        let output = try format(input).get()
        XCTAssertEqual(output, Array("global\n    maxconn 10\ndefaults\r    mode http\n    timeout connect 5s\n".utf8))
        XCTAssertEqual(try format(output).get(), output, "stable")
    }

    func testCommentRunsFormatInLinearTime() throws {
        func input(_ lines: Int) -> [UInt8] {
            Array(("global\n" + String(repeating: "# a comment line\n", count: lines) + "    maxconn 10\n").utf8)
        }
        let output = try format(input(100_000)).get()
        XCTAssertEqual(output.count, input(100_000).count + 4 * 100_000, "each comment indented by four spaces")
        // Quadratic, 100,000 lines took 14 s: eight times the lines would cost about 64 times the time.
        let ratio = try GrowthRatio.measure(small: 5_000, large: 40_000) { _ = try format(input($0)).get() }
        XCTAssertLessThan(ratio, 24, "8× the comment lines cost \(ratio)× the time")
    }

    /// Every haproxy config of ../shared/corpus formats without refusal, reads
    /// as the same words, comments and line kinds, and is stable.
    func testCorpusKeepsTheWordsHAProxyReads() throws {
        let directory = Self.root.deletingLastPathComponent().appendingPathComponent("shared/corpus/haproxy")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".cfg") }.sorted()
        XCTAssertGreaterThan(names.count, 200, "the corpus is missing at \(directory.path)")
        let reader = HAProxyReader(registry: testRegistry)
        for name in names {
            let bytes = Array(try Data(contentsOf: directory.appendingPathComponent(name)))
            let original = reader.read([SourceFile(path: name, bytes: bytes)]).syntax.files[0]
            guard case .success(let output) = format(bytes, path: name) else { return XCTFail("\(name) refused") }
            let formatted = reader.read([SourceFile(path: name, bytes: output)]).syntax.files[0]
            XCTAssertEqual(LosslessFormat.reading(of: original), LosslessFormat.reading(of: formatted), name)
            let statements = { (file: SyntaxFile) in file.lines.filter { $0.kind == .statement }.map { $0.words.map(\.text) } }
            XCTAssertEqual(statements(original), statements(formatted), name)
            XCTAssertEqual(try format(output, path: name).get(), output, "\(name): formatting is stable")
        }
    }
}
