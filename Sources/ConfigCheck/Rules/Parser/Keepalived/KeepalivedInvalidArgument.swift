/// A value is not of the type or range its keyword takes.
struct KeepalivedInvalidArgument: SyntaxRule {
    static let description = RuleDescription(
        id: "keepalived-invalid-argument", severity: .error, domain: .keepalivedSyntax,
        summary: "A value is not of the type or range its keyword takes.",
        rationale: """
            Weir checks values against the keyword table (Grammar/keepalived-keywords.tsv): numbers, ranges such as \
            virtual_router_id 1–255 and priority 1–255, and choices such as state MASTER|BACKUP or auth_type \
            PASS|AH. keepalived rejects such a value ("not valid") and keeps its default, which for a VRID or a \
            priority changes the election.
            """,
        fix: "Use a value of the documented type and range.",
        triggering: [
            .keepalived("""
                vrrp_instance VI_1 {
                    state BACKUP
                    interface eth0
                    virtual_router_id ↓256
                    priority 100
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
