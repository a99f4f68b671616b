/// A keyword lacks the value it needs.
struct KeepalivedMissingArgument: SyntaxRule {
    static let description = RuleDescription(
        id: "keepalived-missing-argument", severity: .error, domain: .keepalivedSyntax,
        summary: "A keyword lacks the value it needs.",
        rationale: """
            A keyword such as priority, virtual_router_id, interface or include needs a value. keepalived reports the \
            line and ignores it, leaving the default in place (priority 100, no interface).
            """,
        fix: "Give the keyword its value.",
        triggering: [
            .keepalived("""
                vrrp_instance VI_1 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 51
                    ↓priority
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
