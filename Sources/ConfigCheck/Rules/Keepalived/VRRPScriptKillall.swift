import ConfigDiagnostics
import KeepalivedConfig

/// A check script that relies on `killall`.
struct VRRPScriptKillall: KeepalivedRule {
    static let description = RuleDescription(
        id: "vrrp-script-killall", severity: .note, domain: .keepalived,
        summary: "A vrrp_script checks with killall, which needs the psmisc package.",
        rationale: """
            `killall -0 haproxy` is the classic HAProxy check, but killall comes from psmisc, which minimal \
            installations and container images often lack: the script then always fails and the node gives up \
            the VIP. It also needs permission to signal the process, so under a non-root script_user it fails \
            against a root haproxy. `pidof haproxy` (sysvinit-utils on Debian, procps elsewhere) or \
            `pgrep -x haproxy` (procps) only look the process up and need neither.
            """,
        fix: "Use `script \"/usr/bin/pgrep -x haproxy\"` or `script \"/bin/pidof haproxy\"`.",
        triggering: [
            .keepalived("""
                vrrp_script chk_haproxy {
                    script ↓"killall -0 haproxy"
                    interval 2
                }

                """),
        ],
        nonTriggering: [
            .keepalived("""
                vrrp_script chk_haproxy {
                    script "/usr/bin/pgrep -x haproxy"
                    interval 2
                }

                """),
        ])

    static let message = "killall comes from psmisc and needs permission to signal; pgrep -x or pidof only look the process up"

    func check(_ context: KeepalivedCheckContext, _ findings: inout Findings) {
        for script in context.configuration.scripts {
            guard let command = script.script,
                  command.split(separator: " ").first.map({ $0 == "killall" || $0.hasSuffix("/killall") }) == true,
                  let range = context.valueRange("script", in: script.location) else { continue }
            findings.report(Self.message, at: range)
        }
    }
}
