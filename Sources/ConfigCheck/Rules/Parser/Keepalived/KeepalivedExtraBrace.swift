/// A '}' closes no block.
struct KeepalivedExtraBrace: SyntaxRule {
    static let description = RuleDescription(
        id: "keepalived-extra-brace", severity: .error, domain: .keepalivedSyntax,
        summary: "A '}' closes no block.",
        rationale: """
            A closing brace without an open block usually means a block was closed twice, or its opening line was \
            deleted; the lines before it may not be in the block they look to be in. keepalived reports an unexpected \
            '}'.
            """,
        fix: "Remove the extra '}', or restore the block it was meant to close.",
        triggering: [
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
                ↓}

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
