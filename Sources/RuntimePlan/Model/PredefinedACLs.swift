/// HAProxy's predefined ACLs that the engine can evaluate.
public enum PredefinedACLs {
    /// HAProxy 2.6's predefined ACLs the engine does not evaluate (content inspection, cookies, HTTP/2).
    public static let notEvaluated: Set<String> = [
        "WAIT_END", "REQ_CONTENT", "HTTP_CONTENT", "RDP_COOKIE", "HTTP_2.0", "CONNECT",
    ]

    public static func tests(named name: String) -> [ACLTest]? {
        func method(_ names: String...) -> [ACLTest] {
            [ACLTest(fetch: Fetch(.method), method: .str, patterns: names, text: "method " + names.joined(separator: " "))]
        }
        switch name {
        case "TRUE": return [ACLTest(fetch: Fetch(.alwaysTrue), method: .bool, text: "always_true")]
        case "FALSE": return [ACLTest(fetch: Fetch(.alwaysFalse), method: .bool, text: "always_false")]
        case "HTTP": return [ACLTest(fetch: Fetch(.alwaysTrue), method: .bool, text: "req.proto_http")]
        case "LOCALHOST":
            return [ACLTest(fetch: Fetch(.src), method: .ip, patterns: ["127.0.0.1/8", "::1"], text: "src 127.0.0.1/8 ::1")]
        case "HTTP_1.0": return [ACLTest(fetch: Fetch(.version), method: .str, patterns: ["1.0"], text: "req.ver 1.0")]
        case "HTTP_1.1": return [ACLTest(fetch: Fetch(.version), method: .str, patterns: ["1.1"], text: "req.ver 1.1")]
        case "HTTP_URL_SLASH": return [ACLTest(fetch: Fetch(.url), method: .beg, patterns: ["/"], text: "url_beg /")]
        case "HTTP_URL_STAR": return [ACLTest(fetch: Fetch(.url), method: .str, patterns: ["*"], text: "url *")]
        case "HTTP_URL_ABS":
            return [ACLTest(fetch: Fetch(.url), method: .reg, patterns: ["^[^/:]*://"], text: "url_reg ^[^/:]*://")]
        case "METH_GET": return method("GET", "HEAD")
        case "METH_CONNECT", "METH_DELETE", "METH_HEAD", "METH_OPTIONS", "METH_POST", "METH_PUT", "METH_TRACE":
            return method(String(name.dropFirst("METH_".count)))
        default: return nil
        }
    }
}
