/// A block is opened with '{' and never closed.
struct KeepalivedMissingBrace: SyntaxRule {
    static let description = RuleDescription(
        id: "keepalived-missing-brace", severity: .error, domain: .keepalivedSyntax,
        summary: "A block is opened with '{' and never closed.",
        rationale: """
            keepalived reads blocks by counting braces. A block left open at the end of the file swallows everything \
            after it, so later instances become part of the first one and their keywords are read in the wrong \
            block. Weir reports the keyword whose block is never closed.
            """,
        fix: "Add the missing '}' where the block ends.",
        triggering: [
            .keepalived("""
                ↓vrrp_instance VI_1 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 51
                    priority 100
                    virtual_ipaddress {
                        192.168.1.10/24
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
