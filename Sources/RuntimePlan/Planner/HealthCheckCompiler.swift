import HAProxyConfig
import RuntimePlan

/// Compiles `option httpchk`/`http-check` or `option tcp-check`/`tcp-check`
/// into the check the backend's servers run.
struct HealthCheckCompiler {
    let proxy: Proxy

    func compile() -> HealthCheckPlan {
        if proxy.options["tcp-check"] == true { return tcpScript() }
        guard proxy.options["httpchk"] == true else { return HealthCheckPlan(kind: .connect) }
        var request = HTTPCheckRequest()
        let arguments = proxy.directives("option httpchk").last { $0.modifier == nil }?.arguments ?? []
        switch arguments.count {
        case 0: break
        case 1: request.uri = arguments[0]
        default:
            request.method = arguments[0]
            request.uri = arguments[1]
            if arguments.count > 2 { request.version = arguments[2] }
        }
        for send in proxy.directives("http-check send") { apply(send.arguments, to: &request) }
        let expectations = proxy.directives("http-check expect").compactMap { expectation($0.arguments) }
        var plan = HealthCheckPlan(kind: .http, request: request, expectations: expectations)
        if !proxy.directives("http-check disable-on-404").isEmpty { plan.disableOn404 = true }
        return plan
    }

    private func apply(_ arguments: [String], to request: inout HTTPCheckRequest) {
        var index = 0
        while index + 1 < arguments.count {
            let value = arguments[index + 1]
            switch arguments[index] {
            case "meth": request.method = value
            case "uri": request.uri = value
            case "ver": request.version = value
            case "body": request.body = value
            case "hdr" where index + 2 < arguments.count:
                request.headers.append(HTTPHeaderField(name: value, value: arguments[index + 2]))
                index += 1
            default: break
            }
            index += 2
        }
    }

    /// `[!] status|rstatus|string|rstring|binary PATTERN`, after any `min-recv`/`comment` options.
    private func expectation(_ arguments: [String]) -> CheckExpectation? {
        var words = arguments[...]
        while let first = words.first, ["min-recv", "comment", "ok-status", "error-status", "tout-status",
                                         "on-success", "on-error", "status-code"].contains(first) {
            words = words.dropFirst(2)
        }
        var negated = false
        if words.first == "!" {
            negated = true
            words = words.dropFirst()
        }
        guard words.count >= 2, let kind = CheckExpectation.Kind(rawValue: words.first!) else { return nil }
        return CheckExpectation(kind: kind, pattern: words.dropFirst().joined(separator: " "), negated: negated)
    }

    private func tcpScript() -> HealthCheckPlan {
        var steps: [TCPCheckStep] = []
        for directive in proxy.directives where directive.keyword.hasPrefix("tcp-check ") {
            let arguments = directive.arguments
            switch directive.keyword {
            case "tcp-check connect":
                let port = arguments.firstIndex(of: "port").flatMap { $0 + 1 < arguments.count ? Int(arguments[$0 + 1]) : nil }
                steps.append(TCPCheckStep(action: .connect, port: port))
            case "tcp-check send":
                steps.append(TCPCheckStep(action: .send, data: Self.unescape(arguments.first ?? "")))
            case "tcp-check send-binary":
                steps.append(TCPCheckStep(action: .sendBinary, data: arguments.first ?? ""))
            case "tcp-check expect":
                if let expectation = expectation(arguments) { steps.append(TCPCheckStep(action: .expect, expect: expectation)) }
            default: break
            }
        }
        return HealthCheckPlan(kind: .tcpScript, steps: steps)
    }

    /// `\r`, `\n`, `\t` and `\\` in a `tcp-check send` string.
    static func unescape(_ text: String) -> String {
        var result = ""
        var escaping = false
        for character in text {
            if escaping {
                switch character {
                case "r": result.append("\r")
                case "n": result.append("\n")
                case "t": result.append("\t")
                default: result.append(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}
