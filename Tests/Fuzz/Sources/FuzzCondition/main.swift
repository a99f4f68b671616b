import ConfigDiagnostics
import FuzzSupport
import HAProxyConfig
import RuntimePlan
import RuntimePlanner

/// libFuzzer entry for conditions. The first line of the input is an `.if`
/// expression for the condition evaluator; the whole input is also planned
/// as haproxy.cfg (when it reads without errors), which compiles its ACLs,
/// `if`/`unless` conditions, addresses and patterns to predicate trees.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCondition(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let variables = VariableResolver(environment: ["ONE": "1", "EMPTY": ""])
    let firstLine = bytes.prefix { $0 != UInt8(ascii: "\n") }
    _ = ConditionEvaluator(variables: variables, build: .debianBookworm).evaluate(String(decoding: firstLine, as: UTF8.self))
    let parsed = HAProxyReader(variables: variables).read([SourceFile(path: "fuzz.cfg", bytes: bytes)])
    guard !parsed.diagnostics.contains(where: { $0.severity == .error }) else { return 0 }
    _ = Planner(fileOrder: ["fuzz.cfg"], readPatternFile: { _ in "10.0.0.0/8\n/\n::1\n" }).plan(parsed.configuration)
    return 0
}

runLibFuzzer(fuzzCondition, warmUp: [
    "defined(HOME) && version_atleast(2.4) || streq(\"a\",\"b\")\nglobal\n    maxconn 100\n    log 127.0.0.1 local0\n.if defined(HOME)\n    nbthread 2\n.endif\ndefaults\n    mode http\n    option httplog\n    option forwardfor except 127.0.0.0/8\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\nfrontend fe\n    bind 127.0.0.1:8080\n    acl api path_beg /api/\n    acl office src 10.0.0.0/8 ::1\n    acl big hdr_cnt(x) gt 2\n    http-request deny if !office { path_reg ^/admin }\n    http-request set-header X-A \"b c\"\n    use_backend be if api\n    default_backend be\nbackend be\n    balance roundrobin\n    option httpchk GET /health\n    server s1 127.0.0.1:9000 check inter 2s weight 10\n",
    "global\n    maxconn 100\n    log 127.0.0.1 local0\n.if defined(HOME)\n    nbthread 2\n.endif\ndefaults\n    mode http\n    option httplog\n    option forwardfor except 127.0.0.0/8\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\nfrontend fe\n    bind 127.0.0.1:8080\n    acl api path_beg /api/\n    acl office src 10.0.0.0/8 ::1\n    acl big hdr_cnt(x) gt 2\n    http-request deny if !office { path_reg ^/admin }\n    http-request set-header X-A \"b c\"\n    use_backend be if api\n    default_backend be\nbackend be\n    balance roundrobin\n    option httpchk GET /health\n    server s1 127.0.0.1:9000 check inter 2s weight 10\n",
])
