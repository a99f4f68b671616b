import ConfigGrammar
import XCTest

final class TSVTableTests: XCTestCase {
    func testHeaderRowsCommentsAndMissingFields() {
        let table = TSVTable("# comment\nkeyword\tsections\targs\n\nmaxconn\tglobal\t<int>\nbalance\tbackend\n")
        XCTAssertEqual(table.columns, ["keyword", "sections", "args"])
        XCTAssertEqual(table.rows, [["maxconn", "global", "<int>"], ["balance", "backend", ""]])
        XCTAssertEqual(table.column("args"), 2)
        XCTAssertEqual(table.records.first?["sections"], "global")
    }

    func testGeneratedSourceEmbedsTableVerbatim() {
        let text = "a\tb\n\"\"\"#\tx\n"
        let rendered = GeneratedSource.render(name: "demoTSV", from: "demo.tsv", table: text)
        XCTAssertTrue(rendered.hasPrefix("// generated from Grammar/demo.tsv, do not edit."))
        XCTAssertTrue(rendered.contains("public let demoTSV: String = ##\"\"\""))
        XCTAssertTrue(rendered.contains("\"\"\"#\tx"))
    }
}
