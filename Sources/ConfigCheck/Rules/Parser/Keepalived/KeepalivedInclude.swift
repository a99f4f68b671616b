/// An include matches no readable file, or includes itself.
struct KeepalivedInclude: SyntaxRule {
    static let description = RuleDescription(
        id: "keepalived-include", severity: .error, domain: .keepalivedSyntax,
        summary: "An include matches no readable file, or includes itself.",
        rationale: """
            keepalived expands the include pattern like a shell glob, relative to the including file, and reads \
            every match. A pattern that matches nothing, or a file it cannot read, leaves out what it was meant to \
            bring in; a file that includes itself loops. keepalived only logs "Config files missing" and starts \
            without them, so the instances or scripts they held are silently absent. Weir reports the pattern.
            """,
        fix: "Correct the path or pattern, and make sure the files exist on the node.",
        triggering: [
            .keepalived("""
                include ↓/nonexistent/weir/*.conf

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
