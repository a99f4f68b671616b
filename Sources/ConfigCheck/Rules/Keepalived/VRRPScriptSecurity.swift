import ConfigDiagnostics
import KeepalivedConfig

/// Scripts run without `enable_script_security`, or without a `script_user` to run them as.
struct VRRPScriptSecurity: KeepalivedRule {
    static let description = RuleDescription(
        id: "vrrp-script-security", severity: .warning, domain: .keepalived,
        summary: "Scripts run without enable_script_security, or without a script_user.",
        rationale: """
            keepalived runs check and notify scripts as root unless told otherwise. Without \
            `enable_script_security` in global_defs it reports "SECURITY VIOLATION - scripts are being executed \
            but script_security not enabled" (keepalived -t exits with status 6) and runs them anyway, even when a \
            non-root user could edit them. With it but without `script_user`, keepalived runs scripts as the user \
            keepalived_script, and when that user does not exist (Debian's package does not create it) it drops \
            every script that has no `user` line of its own: tracking silently stops.
            """,
        fix: "Add `enable_script_security` and `script_user USER` (e.g. root, or a dedicated user) to global_defs.",
        triggering: [
            .keepalived("""
                ↓vrrp_script chk_haproxy {
                    script "/usr/bin/pgrep -x haproxy"
                    interval 2
                }
                vrrp_instance VI_1 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 51
                    priority 100
                    track_script {
                        chk_haproxy
                    }
                    virtual_ipaddress {
                        192.168.1.10/24
                    }
                }

                """),
            .keepalived("""
                ↓global_defs {
                    enable_script_security
                }
                vrrp_script chk_haproxy {
                    script "/usr/bin/pgrep -x haproxy"
                    interval 2
                }
                vrrp_instance VI_1 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 51
                    priority 100
                    track_script {
                        chk_haproxy
                    }
                    virtual_ipaddress {
                        192.168.1.10/24
                    }
                }

                """),
        ],
        nonTriggering: [
            .keepalived("""
                global_defs {
                    enable_script_security
                    script_user root
                }
                vrrp_script chk_haproxy {
                    script "/usr/bin/pgrep -x haproxy"
                    interval 2
                }
                vrrp_instance VI_1 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 51
                    priority 100
                    track_script {
                        chk_haproxy
                    }
                    virtual_ipaddress {
                        192.168.1.10/24
                    }
                }

                """),
        ])

    static let insecure = "scripts run without enable_script_security in global_defs"
    static let noUser = "enable_script_security without script_user: scripts run as keepalived_script, and are dropped when that user does not exist"

    /// The keyword of the first line that runs a script: a tracked vrrp_script (keepalived
    /// drops the others), a notify line, or a MISC_CHECK path.
    static func firstScript(in nodes: [KeepalivedNode], tracked: Set<String>) -> KeepalivedWord? {
        for node in nodes {
            let keyword = node.keyword.text
            if keyword == "vrrp_script" {
                if let name = node.arguments.first?.text, tracked.contains(name) { return node.keyword }
                continue
            }
            if keyword.hasPrefix("notify") || keyword == "misc_path" { return node.keyword }
            if let found = firstScript(in: node.children ?? [], tracked: tracked) { return found }
        }
        return nil
    }

    /// The names listed in track_script blocks anywhere.
    static func trackedScripts(in nodes: [KeepalivedNode]) -> Set<String> {
        var names = Set<String>()
        var stack = nodes
        while let node = stack.popLast() {
            if node.keyword.text == "track_script" { names.formUnion((node.children ?? []).map(\.keyword.text)) }
            stack += node.children ?? []
        }
        return names
    }

    func check(_ context: KeepalivedCheckContext, _ findings: inout Findings) {
        let tracked = Self.trackedScripts(in: context.syntax.nodes)
        guard let script = Self.firstScript(in: context.syntax.nodes, tracked: tracked) else { return }
        guard let global = context.configuration.globalDefs, global.enableScriptSecurity else {
            findings.report(Self.insecure, at: context.range(of: script))
            return
        }
        let everyScriptHasUser = context.configuration.scripts.allSatisfy { $0.user != nil || !tracked.contains($0.name) }
            && context.configuration.instances.allSatisfy { $0.notify.isEmpty }
            && context.configuration.syncGroups.allSatisfy { $0.notify.isEmpty }
        if global.scriptUser == nil, !everyScriptHasUser {
            findings.report(Self.noUser, at: context.range(of: global.location))
        }
    }
}
