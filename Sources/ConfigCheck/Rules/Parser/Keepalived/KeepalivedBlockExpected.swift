/// A keyword that opens a block is not followed by '{ … }'.
struct KeepalivedBlockExpected: SyntaxRule {
    static let description = RuleDescription(
        id: "keepalived-block-expected", severity: .error, domain: .keepalivedSyntax,
        summary: "A keyword that opens a block is not followed by '{ … }'.",
        rationale: """
            Keywords such as vrrp_instance, virtual_ipaddress, authentication or track_script take a block. Written \
            without one, keepalived reads the lines that follow at the wrong level, so the addresses or settings meant \
            for the block land elsewhere or are rejected.
            """,
        fix: "Open the block with '{' after the keyword and close it with '}'.",
        triggering: [
            .keepalived("""
                vrrp_instance VI_1 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 51
                    priority 100
                    ↓virtual_ipaddress 192.168.1.10/24
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
