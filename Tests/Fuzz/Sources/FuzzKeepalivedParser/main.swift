import ConfigDiagnostics
import FuzzSupport
import KeepalivedConfig

/// libFuzzer entry: any bytes as keepalived.conf through the lexer, the
/// parser, the tree checks and the lowering (includes are not followed).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKeepalivedParser(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let parser = KeepalivedParser(configID: "lb1", loadFile: { path in
        .failure(Diagnostic(.error, RuleID("file-unreadable"), "not read while fuzzing", at: SourceFile(path: path, bytes: []).range(0, 0)))
    }, expandPattern: { _ in [] })
    _ = parser.parse(SourceFile(path: "fuzz.conf", bytes: bytes))
    return 0
}

runLibFuzzer(fuzzKeepalivedParser, warmUp: [
    "global_defs {\n    router_id lb1\n}\nvrrp_script chk {\n    script \"/bin/true\"\n    interval 2\n}\nvrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 101\n    authentication {\n        auth_type PASS\n        auth_pass secret\n    }\n    virtual_ipaddress {\n        10.0.0.10/24 dev eth0\n    }\n    track_script {\n        chk\n    }\n}\n",
])
