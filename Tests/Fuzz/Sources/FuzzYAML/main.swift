import ConfigDiagnostics
import FuzzSupport
import ConfigYAML

/// libFuzzer entry: any bytes as a site YAML, read into haproxy.cfg and into
/// one keepalived.conf per node, with the nesting and alias limits in force.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let file = SourceFile(path: "fuzz.yaml", bytes: fuzzBytes(data, size))
    guard case .success(let root) = SiteDocument.compose(file) else { return 0 }
    _ = HAProxyYAMLReader().read(root, in: file)
    _ = KeepalivedPairReader().read(root, in: file)
    return 0
}

runLibFuzzer(fuzzYAML, warmUp: [
    "global:\n  maxconn: 100\ndefaults:\n- mode: http\n  timeout: {connect: 5s, client: 30s, server: 30s}\nfrontends:\n- name: fe\n  bind: 127.0.0.1:8080\n  default_backend: be\nbackends:\n- name: be\n  servers:\n  - {name: s1, address: 127.0.0.1:9000, check: true}\nkeepalived:\n  instances:\n    VI_1: {virtual_router_id: 51, virtual_ipaddress: [10.0.0.10/24]}\nnodes:\n  a: {address: 10.0.0.1, keepalived: {VI_1: {state: MASTER, interface: eth0, priority: 101}}}\n  b: {address: 10.0.0.2, keepalived: {VI_1: {state: BACKUP, interface: eth0, priority: 100}}}\n",
])
