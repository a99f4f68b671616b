import HAProxyConfig
import XCTest

/// `ConditionExpression` reads conditions as HAProxy's `parse_acl_cond`
/// does; the checker's reference rules and the planner both read it.
final class ConditionExpressionTests: XCTestCase {
    /// A term written back: `!` when negated, the name, or `{ words }`.
    static func text(_ expression: ConditionExpression) -> String {
        expression.groups.map { group in
            group.map { term -> String in
                let operand: String
                switch term.operand {
                case .named(let name): operand = name
                case .anonymous(let words, _): operand = "{ " + words.joined(separator: " ") + " }"
                }
                return (term.negated ? "!" : "") + operand
            }.joined(separator: " & ")
        }.joined(separator: " | ")
    }

    func testGroupsNegationsAndAnonymousACLs() {
        let cases: [(String, String)] = [
            ("a b", "a & b"),
            ("!a b or !!c", "!a & b | c"),
            ("a || b OR c", "a | b | c"),
            ("! a", "!a"),
            ("! or a", " | a"),
            ("{ path_beg /x } !{ src 10.0.0.0/8 }", "{ path_beg /x } & !{ src 10.0.0.0/8 }"),
            ("{ } a", "{  } & a"),
        ]
        for (written, expected) in cases {
            let expression = ConditionExpression(terms: written.split(separator: " ").map(String.init))
            XCTAssertEqual(Self.text(expression), expected, written)
            XCTAssertFalse(expression.hasUnclosedBrace, written)
        }
    }

    func testAnUnclosedBraceEndsTheTerms() {
        let expression = ConditionExpression(terms: ["a", "{", "hdr(host)", "x"])
        XCTAssertEqual(Self.text(expression), "a")
        XCTAssertTrue(expression.hasUnclosedBrace)
    }
}
