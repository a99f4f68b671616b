import ConfigDiagnostics
import FuzzSupport
import HAProxyConfig

/// libFuzzer entry: any bytes as haproxy.cfg through the lexer, the parser,
/// the keyword checks and the lowering to the IR. A trap is the finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHAProxyParser(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let reader = HAProxyReader(variables: VariableResolver(environment: ["HOME": "/root", "LIST": "a b c"]))
    _ = reader.read([SourceFile(path: "fuzz.cfg", bytes: bytes)])
    return 0
}

runLibFuzzer(fuzzHAProxyParser, warmUp: [
    "global\n    maxconn 100\n    log 127.0.0.1 local0\n.if defined(HOME)\n    nbthread 2\n.endif\ndefaults\n    mode http\n    option httplog\n    option forwardfor except 127.0.0.0/8\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\nfrontend fe\n    bind 127.0.0.1:8080\n    acl api path_beg /api/\n    acl office src 10.0.0.0/8 ::1\n    acl big hdr_cnt(x) gt 2\n    http-request deny if !office { path_reg ^/admin }\n    http-request set-header X-A \"b c\"\n    use_backend be if api\n    default_backend be\nbackend be\n    balance roundrobin\n    option httpchk GET /health\n    server s1 127.0.0.1:9000 check inter 2s weight 10\n",
])
