@testable import ConfigDiagnostics
import Foundation
import XCTest

final class SARIFRendererTests: XCTestCase {
    private let renderer = SARIFRenderer(
        toolVersion: "1.2.3", informationURI: "https://example.org/weir",
        sources: SampleDiagnostics.source.sources,
        ruleSummary: { $0 == SampleDiagnostics.unknownKeyword ? "Keyword not known to HAProxy" : nil })

    private func decode(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    private func run(_ log: [String: Any]) throws -> [String: Any] {
        let runs = try XCTUnwrap(log["runs"] as? [[String: Any]])
        XCTAssertEqual(runs.count, 1)
        return try XCTUnwrap(runs.first)
    }

    private func region(_ range: SourceRange) -> [String: Int] {
        ["startLine": range.start.line, "startColumn": range.start.column,
         "endLine": range.end.line, "endColumn": range.end.column]
    }

    func testFollowsTheSchema() throws {
        let log = try decode(renderer.render(SampleDiagnostics.all))
        XCTAssertEqual(SARIFShape.check(log, as: .log), [])
        XCTAssertEqual(log["$schema"] as? String, "https://json.schemastore.org/sarif-2.1.0.json")
        XCTAssertEqual(log["version"] as? String, "2.1.0")
        let run = try run(log)
        XCTAssertEqual(run["columnKind"] as? String, "unicodeCodePoints")

        let results = try XCTUnwrap(run["results"] as? [[String: Any]])
        for result in results {
            XCTAssertTrue(["none", "note", "warning", "error"].contains(result["level"] as? String ?? ""))
            let regions = collectRegions(result)
            XCTAssertFalse(regions.isEmpty)
            for region in regions {
                XCTAssertEqual(Set(region.keys), ["startLine", "startColumn", "endLine", "endColumn"])
                XCTAssertTrue(region.values.allSatisfy { $0 >= 1 }, "SARIF positions are 1-based")
            }
        }
    }

    func testShapeCheckCatchesViolations() {
        let broken: [String: Any] = ["version": "2.1.0", "runs": [["tool": ["driver": [:]], "bogus": 1]]]
        XCTAssertEqual(SARIFShape.check(broken, as: .log), [
            "/runs/0/bogus: not allowed in run",
            "/runs/0/tool/driver/name: required in toolComponent",
        ])
    }

    func testDriverAndRules() throws {
        let driver = try XCTUnwrap(((try run(decode(renderer.render(SampleDiagnostics.all))))["tool"]
            as? [String: Any])?["driver"] as? [String: Any])
        XCTAssertEqual(driver["name"] as? String, "weir")
        XCTAssertEqual(driver["version"] as? String, "1.2.3")
        XCTAssertEqual(driver["informationUri"] as? String, "https://example.org/weir")
        let rules = try XCTUnwrap(driver["rules"] as? [[String: Any]])
        XCTAssertEqual(rules.map { $0["id"] as? String }, ["keyword-unknown", "timeout-missing", "timeout-set"])
        XCTAssertEqual((rules[0]["shortDescription"] as? [String: String])?["text"], "Keyword not known to HAProxy")
        XCTAssertNil(rules[1]["shortDescription"])
    }

    func testResultsPointAtTheirRules() throws {
        let run = try run(decode(renderer.render(SampleDiagnostics.all)))
        let rules = try XCTUnwrap((run["tool"] as? [String: Any])?["driver"] as? [String: Any])["rules"] as? [[String: Any]]
        let results = try XCTUnwrap(run["results"] as? [[String: Any]])
        XCTAssertEqual(results.map { $0["ruleId"] as? String }, ["timeout-set", "timeout-missing", "keyword-unknown"])
        XCTAssertEqual(results.map { $0["level"] as? String }, ["note", "warning", "error"])
        for result in results {
            let index = try XCTUnwrap(result["ruleIndex"] as? Int)
            XCTAssertEqual(rules?[index]["id"] as? String, result["ruleId"] as? String)
        }
    }

    func testErrorResultInFull() throws {
        let result = try XCTUnwrap((try run(decode(renderer.render([SampleDiagnostics.error])))["results"]
            as? [[String: Any]])?.first)
        XCTAssertEqual((result["message"] as? [String: String])?["text"],
                       "unknown keyword 'balanse'\nnote: did you mean 'balance'?")

        let location = try XCTUnwrap((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        XCTAssertEqual((location["artifactLocation"] as? [String: String])?["uri"], "conf/haproxy.cfg")
        XCTAssertEqual(location["region"] as? [String: Int], region(SampleDiagnostics.keyword))

        let related = try XCTUnwrap(result["relatedLocations"] as? [[String: Any]])
        XCTAssertEqual(related.count, 1, "only notes with a range are locations")
        XCTAssertEqual(related[0]["id"] as? Int, 0)
        XCTAssertEqual((related[0]["message"] as? [String: String])?["text"], "in backend 'app'")
        XCTAssertEqual((related[0]["physicalLocation"] as? [String: Any])?["region"] as? [String: Int],
                       region(SampleDiagnostics.backendName))

        let fix = try XCTUnwrap((result["fixes"] as? [[String: Any]])?.first)
        XCTAssertEqual((fix["description"] as? [String: String])?["text"], "use 'balance'")
        let change = try XCTUnwrap((fix["artifactChanges"] as? [[String: Any]])?.first)
        XCTAssertEqual((change["artifactLocation"] as? [String: String])?["uri"], "conf/haproxy.cfg")
        let replacement = try XCTUnwrap((change["replacements"] as? [[String: Any]])?.first)
        XCTAssertEqual(replacement["deletedRegion"] as? [String: Int], region(SampleDiagnostics.keyword))
        XCTAssertEqual((replacement["insertedContent"] as? [String: String])?["text"], "balance")
    }

    func testInsertionIsAnEmptyDeletedRegion() throws {
        let result = try XCTUnwrap((try run(decode(renderer.render([SampleDiagnostics.warning])))["results"]
            as? [[String: Any]])?.first)
        XCTAssertNil(result["relatedLocations"])
        let fix = try XCTUnwrap((result["fixes"] as? [[String: Any]])?.first)
        XCTAssertNil(fix["description"], "an empty fix-it message is left out")
        let change = try XCTUnwrap((fix["artifactChanges"] as? [[String: Any]])?.first)
        let replacement = try XCTUnwrap((change["replacements"] as? [[String: Any]])?.first)
        let deleted = try XCTUnwrap(replacement["deletedRegion"] as? [String: Int])
        XCTAssertEqual(deleted, region(SampleDiagnostics.insertionPoint))
        XCTAssertEqual(deleted["startColumn"], deleted["endColumn"])
    }

    func testColumnsCountCodePoints() throws {
        let source = MarkedSource("backend café «x»\n")
        let renderer = SARIFRenderer(toolVersion: "1", sources: source.sources)
        let diagnostic = Diagnostic(.error, RuleID("x"), "x", at: source.ranges[0])
        let result = try XCTUnwrap((try run(decode(renderer.render([diagnostic]))))["results"] as? [[String: Any]])
        let location = try XCTUnwrap((result.first?["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        XCTAssertEqual(location["region"] as? [String: Int], ["startLine": 1, "startColumn": 14, "endLine": 1, "endColumn": 15])
        XCTAssertEqual(source.ranges[0].start.column, 15, "the byte column counts é twice")
    }

    func testURIs() {
        XCTAssertEqual(SARIFRenderer.uri("conf/haproxy.cfg"), "conf/haproxy.cfg")
        XCTAssertEqual(SARIFRenderer.uri("my conf/100%.cfg"), "my%20conf/100%25.cfg")
        XCTAssertEqual(SARIFRenderer.uri("/etc/haproxy/haproxy.cfg"), "file:///etc/haproxy/haproxy.cfg")
    }

    func testEmptyRunStillDescribesTheTool() throws {
        let log = try decode(SARIFRenderer(toolVersion: "1").render([]))
        XCTAssertEqual(SARIFShape.check(log, as: .log), [])
        let run = try run(log)
        XCTAssertEqual((run["results"] as? [Any])?.count, 0)
        let driver = try XCTUnwrap((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        XCTAssertNil(driver["informationUri"])
        XCTAssertEqual((driver["rules"] as? [Any])?.count, 0)
    }

    /// Every region in a result: its locations, related locations and fixes.
    private func collectRegions(_ value: Any) -> [[String: Int]] {
        switch value {
        case let object as [String: Any]:
            object.flatMap { key, nested in
                key == "region" || key == "deletedRegion"
                    ? [nested as? [String: Int] ?? [:]] : collectRegions(nested)
            }
        case let array as [Any]:
            array.flatMap(collectRegions)
        default:
            []
        }
    }
}
