/// A keyword has more values than it takes.
struct KeepalivedExtraArgument: SyntaxRule {
    static let description = RuleDescription(
        id: "keepalived-extra-argument", severity: .warning, domain: .keepalivedSyntax,
        summary: "A keyword has more values than it takes.",
        rationale: """
            keepalived reads the values a keyword takes and ignores the rest of the line without a word (`keepalived \
            -t` passes), so an extra word is either a leftover or a sign that two lines were joined. Real configs \
            carry `nopreempt 1` and `enable_script_security 1`, which keepalived reads as the flag alone. Since the \
            line works, this is a warning, not an error.
            """,
        fix: "Remove the extra words, or split the line.",
        triggering: [
            .keepalived("""
                vrrp_instance VI_1 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 51
                    priority 100 ↓150
                    nopreempt ↓1
                    virtual_ipaddress {
                        192.168.1.10/24
                    }
                }

                """),
        ],
        nonTriggering: [
            .keepalived("""
                vrrp_instance VI_1 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 51
                    priority 100
                    virtual_ipaddress {
                        192.168.1.10/24
                    }
                }

                """),
        ])
}
