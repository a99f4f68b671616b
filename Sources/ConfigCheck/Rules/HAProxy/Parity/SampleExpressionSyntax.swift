import ConfigDiagnostics
import HAProxyConfig

/// A sample expression (`%[…]` in a format string, an ACL criterion) that
/// HAProxy cannot parse.
struct SampleExpressionSyntax: HAProxyRule {
    static let description = RuleDescription(
        id: "sample-expression-syntax", severity: .error, domain: .haproxy,
        summary: "A sample expression is malformed: no fetch method, an unclosed parenthesis, or stray text before `]`.",
        rationale: """
            A sample expression is a fetch method, its arguments in parentheses, then converters separated by \
            commas: `%[req.hdr(host),lower]` in a format string, `path_beg` or `req.hdr(x-id)` as an ACL \
            criterion. HAProxy refuses the configuration when the fetch name is missing ("missing fetch method"), \
            a parenthesis is not closed, or something other than a comma or `]` follows an argument list \
            ("expected ']' after 'hdr(arg)', but found ')'"); these are ALERTs of haproxy -c.
            """,
        fix: "Write the expression as `%[fetch(args),converter(args)]`.",
        triggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :80
                    timeout client 30s
                    http-request set-header X-Host ↓%[req.hdr(host))]
                    http-request set-header X-Id ↓%[(arg)]
                    http-request deny if { ↓(arg) -m found }

                """),
        ],
        nonTriggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :80
                    timeout client 30s
                    http-request set-header X-Host %[req.hdr(host),lower,regsub(\\.,_,g)]
                    http-request set-path "%[path,regsub('^/api/(v[0-9]+)/',/\\1/)]"
                    http-request set-header X-Client "%ci:%cp %{+Q}[src] 100%%"
                    http-request deny if { req.hdr(x-id) -m found }

                """),
        ])

    static func message(_ problem: String, _ text: String) -> String { "\(problem) in sample expression '\(text)'" }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        for (_, line) in context.allDirectives where line.keyword != "acl" {
            let end = line.arguments.firstIndex { $0 == "if" || $0 == "unless" } ?? line.arguments.count
            for index in 0..<end where line.arguments[index].containsBytes("%[") {
                if let problem = SampleExpressionScanner.formatProblem(line.arguments[index]) {
                    findings.report(Self.message(problem, line.arguments[index]), at: line.argumentRanges[index])
                }
            }
        }
        for proxy in context.configuration.defaults + context.configuration.proxies {
            for acl in proxy.acls {
                if let problem = SampleExpressionScanner.criterionProblem(acl.criterion) {
                    findings.report(Self.message(problem, acl.criterion), at: acl.criterionRange)
                }
            }
            for use in proxy.conditions {
                for anonymous in use.anonymous {
                    guard let criterion = anonymous.first,
                          let problem = SampleExpressionScanner.criterionProblem(criterion.text) else { continue }
                    findings.report(Self.message(problem, criterion.text), at: criterion.range)
                }
            }
        }
    }
}

/// Reads sample expressions the way HAProxy's parser splits them: a name,
/// optional arguments in parentheses, then `,converter(args)` elements.
enum SampleExpressionScanner {
    static func isNameCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "._-+$".contains(character))
    }

    /// The first problem of a log-format string's `%[…]` expressions, if any.
    static func formatProblem(_ text: String) -> String? {
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            guard characters[index] == "%", index + 1 < characters.count else { index += 1; continue }
            var next = index + 1
            if characters[next] == "%" { index = next + 1; continue }
            if characters[next] == "{" {
                guard let close = characters[next...].firstIndex(of: "}") else { return nil }
                next = close + 1
            }
            guard next < characters.count, characters[next] == "[" else { index = next; continue }
            switch expression(characters, from: next + 1, closing: "]") {
            case .failure(let problem): return problem.text
            case .success(let end): index = end
            }
        }
        return nil
    }

    /// The problem of an ACL criterion (`fetch(args),conv`), if any.
    static func criterionProblem(_ text: String) -> String? {
        if case .failure(let problem) = expression(Array(text), from: 0, closing: nil) { return problem.text }
        return nil
    }

    /// The `)` ending an argument list opened at `open`: the first one outside
    /// quotes, a backslash escaping a quote, a space or itself, as HAProxy reads arguments.
    static func closingParenthesis(_ characters: [Character], after open: Int) -> Int? {
        var single = false, double = false
        var index = open + 1
        while index < characters.count {
            switch characters[index] {
            case "\\" where !single && index + 1 < characters.count && "\\ \"'".contains(characters[index + 1]):
                index += 1
            case "\"" where !single: double.toggle()
            case "'" where !double: single.toggle()
            case ")" where !single && !double: return index
            default: break
            }
            index += 1
        }
        return nil
    }

    /// A reason an expression does not parse.
    struct Problem: Error {
        var text: String
    }

    /// Parses one expression from `start`; succeeds with the index after it.
    static func expression(_ characters: [Character], from start: Int, closing: Character?) -> Result<Int, Problem> {
        var index = start
        var element = "fetch method"
        while true {
            let nameStart = index
            while index < characters.count, isNameCharacter(characters[index]) { index += 1 }
            if index == nameStart { return .failure(Problem(text: "missing \(element)")) }
            if index < characters.count, characters[index] == "(" {
                guard let close = closingParenthesis(characters, after: index) else {
                    return .failure(Problem(text: "missing closing ')' after '\(String(characters[nameStart..<index]))('"))
                }
                index = close + 1
            }
            let written = String(characters[nameStart..<index])
            guard index < characters.count else {
                return closing == nil ? .success(index) : .failure(Problem(text: "missing ']' after '\(written)'"))
            }
            switch characters[index] {
            case ",": index += 1; element = "converter"
            case closing: return .success(index + 1)
            default: return .failure(Problem(text: "expected ',' or ']' after '\(written)', but found '\(characters[index])'"))
            }
        }
    }
}
