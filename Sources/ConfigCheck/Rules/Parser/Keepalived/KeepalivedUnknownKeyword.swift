/// A keyword that keepalived does not know.
struct KeepalivedUnknownKeyword: SyntaxRule {
    static let description = RuleDescription(
        id: "keepalived-unknown-keyword", severity: .error, domain: .keepalivedSyntax,
        summary: "A keyword that keepalived does not know.",
        rationale: """
            keepalived reports a keyword it does not know ("Unknown keyword") and skips the line, and with it the setting \
            the line was meant to make; keepalived -t exits with an error status. A misspelt `priority` leaves the \
            default priority 100, which can make both nodes equal. Weir suggests the closest known keyword.
            """,
        fix: "Correct the spelling (the fix-it offers the closest keyword), or remove the line.",
        triggering: [
            .keepalived("""
                vrrp_instance VI_1 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 51
                    ↓prority 100
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
