import ConfigDiagnostics
import FuzzSupport
import HAProxyConfig
import KeepalivedConfig

/// libFuzzer entry for `weir fmt`'s properties. The first byte picks the
/// format. haproxy.cfg: a file fmt accepts formats to bytes that read as the
/// same words and comments (`LosslessFormat` checks that and refuses
/// otherwise; a refusal of a file without NUL or missing newline is a
/// finding), and formatting the result changes nothing. keepalived.conf:
/// formatting changes only blanks and line breaks, and is stable.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFormat(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzBytes(data, size)
    guard let selector = input.first else { return 0 }
    let bytes = Array(input.dropFirst())
    if selector & 1 == 0 {
        let reader = HAProxyReader(variables: VariableResolver())
        switch LosslessFormat.haproxy(SourceFile(path: "fuzz.cfg", bytes: bytes), reader: reader) {
        case .success(let once):
            guard case .success(let twice) = LosslessFormat.haproxy(SourceFile(path: "fuzz.cfg", bytes: once), reader: reader),
                  twice == once else { fatalError("haproxy.cfg formatting is not stable") }
        case .failure(let refusal):
            if refusal.diagnostics.contains(where: { $0.rule == .formatRefused }) {
                fatalError("formatting changed the words HAProxy reads")
            }
        }
    } else {
        let once = KeepalivedFormatter().formattedBytes(SourceFile(path: "fuzz.conf", bytes: bytes))
        let twice = KeepalivedFormatter().formattedBytes(SourceFile(path: "fuzz.conf", bytes: once))
        let blanks: Set<UInt8> = [0x20, 0x09, 0x0D, 0x0A]
        guard once.filter({ !blanks.contains($0) }) == bytes.filter({ !blanks.contains($0) }) else {
            fatalError("keepalived.conf formatting changed more than blanks")
        }
        guard twice == once else { fatalError("keepalived.conf formatting is not stable") }
    }
    return 0
}

runLibFuzzer(fuzzFormat, warmUp: [
    "\u{0}global\n    maxconn 100\n    log 127.0.0.1 local0\n.if defined(HOME)\n    nbthread 2\n.endif\ndefaults\n    mode http\n    option httplog\n    option forwardfor except 127.0.0.0/8\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\nfrontend fe\n    bind 127.0.0.1:8080\n    acl api path_beg /api/\n    acl office src 10.0.0.0/8 ::1\n    acl big hdr_cnt(x) gt 2\n    http-request deny if !office { path_reg ^/admin }\n    http-request set-header X-A \"b c\"\n    use_backend be if api\n    default_backend be\nbackend be\n    balance roundrobin\n    option httpchk GET /health\n    server s1 127.0.0.1:9000 check inter 2s weight 10\n",
    "\u{1}global_defs {\n    router_id lb1\n}\nvrrp_script chk {\n    script \"/bin/true\"\n    interval 2\n}\nvrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 101\n    authentication {\n        auth_type PASS\n        auth_pass secret\n    }\n    virtual_ipaddress {\n        10.0.0.10/24 dev eth0\n    }\n    track_script {\n        chk\n    }\n}\n",
])
