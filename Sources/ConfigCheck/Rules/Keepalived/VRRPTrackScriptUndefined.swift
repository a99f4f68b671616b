import ConfigDiagnostics
import ConfigGrammar
import KeepalivedConfig

/// A `track_script` entry naming no `vrrp_script`.
struct VRRPTrackScriptUndefined: KeepalivedRule {
    static let description = RuleDescription(
        id: "vrrp-track-script-undefined", severity: .error, domain: .keepalived,
        summary: "track_script names a vrrp_script that is not defined.",
        rationale: """
            keepalived drops a tracked script it cannot find ("track script NAME not found, ignoring...") and \
            starts anyway. The instance then no longer reacts to the health check, typically whether HAProxy \
            runs, so the VIP stays on a node whose proxy is down. keepalived -t reports it as a configuration \
            error.
            """,
        fix: "Define `vrrp_script NAME { … }` before it is tracked, or correct the name.",
        triggering: [
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
                        ↓chk_haproxi
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
                        chk_haproxy weight 20
                    }
                    virtual_ipaddress {
                        192.168.1.10/24
                    }
                }

                """),
        ])

    static func message(_ name: String) -> String { "no vrrp_script named '\(name)'" }

    func check(_ context: KeepalivedCheckContext, _ findings: inout Findings) {
        let defined = context.configuration.scripts.map(\.name)
        var entries = context.configuration.instances.flatMap(\.trackScripts).map { (name: $0.name, word: $0.location) }
        for group in context.configuration.syncGroups {
            guard let block = context.node(at: group.location)?.child("track_script") else { continue }
            entries += (block.children ?? []).map { (name: $0.keyword.text, word: $0.keyword) }
        }
        for entry in entries where !defined.contains(entry.name) {
            let range = context.range(of: entry.word)
            var fixIts: [FixIt] = []
            if let suggestion = Suggestion.closest(to: entry.name, in: defined) {
                fixIts.append(FixIt(message: "did you mean '\(suggestion)'?", range: range, replacement: suggestion))
            }
            findings.report(Self.message(entry.name), at: range, fixIts: fixIts)
        }
    }
}
