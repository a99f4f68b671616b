import ConfigDiagnostics
import XCTest

final class DiagnosticFormatTests: XCTestCase {
    private let context = RenderContext(sources: SampleDiagnostics.source.sources, toolVersion: "1.0.0")

    func testNamesAreTheCommandLineValues() {
        XCTAssertEqual(DiagnosticFormat.allCases.map(\.rawValue), ["text", "json", "sarif", "github"])
        XCTAssertEqual(DiagnosticFormat(rawValue: "sarif"), .sarif)
    }

    func testRenderSortsIntoReadingOrder() {
        let shuffled = [SampleDiagnostics.error, SampleDiagnostics.note, SampleDiagnostics.warning]
        for format in DiagnosticFormat.allCases {
            XCTAssertEqual(
                format.render(shuffled, context: context),
                format.renderer(context).render(SampleDiagnostics.all), "\(format)")
        }
    }

    func testEachFormatUsesItsRenderer() {
        let diagnostics = SampleDiagnostics.all
        XCTAssertEqual(DiagnosticFormat.text.render(diagnostics, context: context),
                       TextRenderer(sources: context.sources).render(diagnostics))
        XCTAssertEqual(DiagnosticFormat.json.render(diagnostics, context: context), JSONRenderer().render(diagnostics))
        XCTAssertEqual(DiagnosticFormat.sarif.render(diagnostics, context: context),
                       SARIFRenderer(toolVersion: "1.0.0", sources: context.sources).render(diagnostics))
        XCTAssertEqual(DiagnosticFormat.github.render(diagnostics, context: context),
                       GitHubRenderer(sources: context.sources).render(diagnostics))
    }

    func testColourComesFromTheContext() {
        let coloured = RenderContext(sources: context.sources, useColour: true, toolVersion: "1.0.0")
        XCTAssertTrue(DiagnosticFormat.text.render(SampleDiagnostics.all, context: coloured).contains("\u{1B}["))
        XCTAssertFalse(DiagnosticFormat.text.render(SampleDiagnostics.all, context: context).contains("\u{1B}["))
    }
}
