@testable import ConfigCheck
import ConfigGrammar
import Foundation
import WeirTestSupport
import XCTest

extension GeneratedGrammarTests {
    /// Keeps `Sources/ConfigCheck/Generated/HAProxyVersions.swift` in step with `Grammar/haproxy-versions.tsv`.
    func testGeneratedVersionTableMatchesGrammar() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let table = try String(contentsOf: root.appendingPathComponent("Grammar/haproxy-versions.tsv"), encoding: .utf8)
        let expected = GeneratedSource.render(name: "haproxyVersionsTSV", from: "haproxy-versions.tsv", table: table)
        let target = root.appendingPathComponent("Sources/ConfigCheck/Generated/HAProxyVersions.swift")
        if ProcessInfo.processInfo.environment["WEIR_REGENERATE"] == "1" {
            try expected.write(to: target, atomically: true, encoding: .utf8)
        }
        let actual = try? String(contentsOf: target, encoding: .utf8)
        XCTAssertTrue(actual == expected,
                      "HAProxyVersions.swift is stale: run WEIR_REGENERATE=1 swift test --filter GeneratedGrammarTests")
    }
}

/// Grammar/haproxy-versions.tsv against the keyword inventory of the installed
/// HAProxy 2.6 (`haproxy -dKall`): everything the binary registers is in 2.6's range.
final class HAProxyVersionTableTests: XCTestCase {
    /// Registered in 2.6 only to refuse them with a message ("not supported anymore since HAProxy 2.1").
    static let refusedButRegistered: Set<String> = ["proxy clitimeout", "proxy contimeout", "proxy srvtimeout"]

    func testEveryKeywordOfTheInstalledHAProxy26IsInTheTableFor26() throws {
        let inventory = try Self.inventory()
        XCTAssertGreaterThan(inventory.count, 800, "the inventory looks truncated")
        let table = KeywordVersions.standard
        let version = HAProxyVersion(major: 2, minor: 6)
        var missing: [String] = []
        for (kind, name) in inventory where !Self.refusedButRegistered.contains("\(kind.rawValue) \(name)") {
            if table.span(of: name, kind)?.contains(version) != true { missing.append("\(kind.rawValue) \(name)") }
        }
        XCTAssertEqual(missing, [], "the installed haproxy 2.6 has these, the table does not put them in 2.6")
        for entry in Self.refusedButRegistered {
            let words = entry.split(separator: " ")
            let kind = try XCTUnwrap(KeywordVersions.Kind(rawValue: String(words[0])))
            XCTAssertNil(table.span(of: String(words[1]), kind), "\(entry) is refused by every version of the table")
        }
    }

    func testTheTableCoversTheTargetVersions() {
        let table = KeywordVersions.standard
        XCTAssertEqual(table.oldest, HAProxyVersion(major: 2, minor: 4))
        XCTAssertGreaterThanOrEqual(table.newest, HAProxyVersion.targets.last!)
        let htx = table.span(of: "http-use-htx", .option)
        XCTAssertEqual(htx?.last, HAProxyVersion(major: 2, minor: 4))
        XCTAssertEqual(htx?.deprecated, HAProxyVersion(major: 2, minor: 4))
    }

    func testVersionsAreReadStrictly() {
        XCTAssertEqual(HAProxyVersion("2.6"), HAProxyVersion(major: 2, minor: 6))
        XCTAssertEqual(HAProxyVersion("3.10"), HAProxyVersion(major: 3, minor: 10))
        for text in ["", "2", "2.", ".6", "2.6.1", "+2.6", " 2.6", "2.6 ", "２.６", "2.-6", "99999.1"] {
            XCTAssertNil(HAProxyVersion(text), text)
        }
        XCTAssertEqual(HAProxyVersion.targets.map(\.description), ["2.4", "2.6", "2.8", "3.0", "3.2"])
        XCTAssertNil(HAProxyVersion.target("2.5"), "only the long-term branches are targets")
        XCTAssertLessThan(HAProxyVersion(major: 2, minor: 9), HAProxyVersion(major: 3, minor: 0))
    }

    /// (kind, name) of every global and proxy keyword, proxy option, HTTP and TCP
    /// rule action, bind and server option, ACL keyword, fetch and converter that
    /// `haproxy -dKall` lists.
    static func inventory() throws -> [(KeywordVersions.Kind, String)] {
        let haproxy = try XCTUnwrap(Programs.path("haproxy"), "haproxy 2.6 must be installed (bash .ci/run installs it)")
        let version = try run(haproxy, ["-v"])
        XCTAssertTrue(version.contains("version 2.6."), "the inventory must come from haproxy 2.6; found: \(version)")
        // An empty file of our own: /dev/null is not always the empty device where tests run.
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("weir-empty-\(UUID().uuidString).cfg")
        try Data().write(to: empty)
        defer { try? FileManager.default.removeItem(at: empty) }
        let text = try run(haproxy, ["-dKall", "-q", "-c", "-f", empty.path])
        XCTAssertTrue(text.contains("# List of registered configuration keywords"), "not a keyword inventory: \(text.prefix(200))")
        var found: [(KeywordVersions.Kind, String)] = []
        var part = "", group = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("# List of registered") { part = String(line); continue }
            if line.hasPrefix("#") { continue }
            if part.contains("configuration keywords") {
                guard line.hasPrefix("\t") else { group = String(line); continue }
                let words = line.split(separator: " ").map(String.init).map { $0.trimmingCharacters(in: .whitespaces) }
                switch (group, words[0]) {
                case ("global", _): found.append((.global, words[0]))
                case ("listen", "bind"): found.append((.bind, words[2] == "ssl" ? words[3] : words[2]))
                case ("listen", "server"): found.append((.server, words[3]))
                case ("listen", "option"): found.append((.option, words[1]))
                case ("listen", let first) where KeywordVersions.Kind(rawValue: first).map { !$0.isCheckedByGrammar } == true:
                    // `http-request set-var*`: the star says HAProxy matches the action by prefix. TCP rules name
                    // their rule set first (`tcp-request content set-var*`); a family alone is its own keyword.
                    let family = KeywordVersions.Kind(rawValue: first)!
                    let index = family == .tcpRequest || family == .tcpResponse ? 2 : 1
                    if words.count > index { found.append((family, String(words[index].prefix { $0 != "*" }))) }
                case ("listen", let first) where !first.contains("-request") && !first.contains("-response")
                    && first != "http-check" && first != "tcp-check":
                    found.append((.proxy, first))
                default: break
                }
            } else if part.contains("ACL keywords") {
                found.append((.acl, String(line.prefix { $0 != " " })))
            } else if part.contains("converter") {
                found.append((.converter, String(line.prefix { $0 != "(" && $0 != ":" })))
            } else if part.contains("sample fetch") {
                guard let close = line.firstIndex(of: "]") else { continue }
                let rest = line[line.index(after: close)...].drop { $0 == " " }
                found.append((.fetch, String(rest.prefix { $0 != "(" && $0 != ":" })))
            }
        }
        return found
    }

    /// What a program prints on standard output and error together.
    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text
    }
}
