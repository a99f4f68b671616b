import ConfigDiagnostics

/// A `vrrp_script` block without its `script` line.
struct VRRPScriptCommandMissing: KeepalivedRule {
    static let description = RuleDescription(
        id: "vrrp-script-command-missing", severity: .error, domain: .keepalived,
        summary: "A vrrp_script has no 'script' line.",
        rationale: """
            keepalived removes a vrrp_script that does not say what to run, and with it every track_script \
            entry naming it: the health check the instance was meant to follow silently disappears. \
            'keepalived -t' reports it.
            """,
        fix: "Add 'script \"/path/to/check\"' to the block.",
        triggering: [
            .keepalived("""
                vrrp_script ↓chk_haproxy {
                    interval 2
                }

                """),
        ],
        nonTriggering: [
            .keepalived("""
                vrrp_script chk_haproxy {
                    script "/usr/bin/pgrep haproxy"
                    interval 2
                }

                """),
        ])

    static func message(_ name: String) -> String {
        "vrrp_script '\(name)' has no 'script' line: keepalived removes it, and the track_script entries naming it"
    }

    func check(_ context: KeepalivedCheckContext, _ findings: inout Findings) {
        for script in context.configuration.scripts where script.script == nil {
            findings.report(Self.message(script.name), at: context.nameRange(script.location))
        }
    }
}
