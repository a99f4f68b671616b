/// Blocks nested more than 64 levels deep.
struct KeepalivedTooDeep: SyntaxRule {
    static let description = RuleDescription(
        id: "keepalived-too-deep", severity: .error, domain: .keepalivedSyntax,
        summary: "Blocks are nested more than 64 levels deep.",
        rationale: """
            No keepalived configuration needs more than a few levels (virtual_server, real_server, HTTP_GET, url). \
            Nesting beyond 64 levels comes from generated or damaged files, usually braces opened in a loop and \
            never closed. Weir stops nesting there, reports the first keyword past the limit and reads the rest \
            flat, so that such a file cannot exhaust the checker.
            """,
        fix: "Close the blocks where they end; check the tool that generated the file.",
        triggering: [
            .keepalived(String(repeating: "vrrp_sync_group G {\n", count: 65) + String(repeating: "}\n", count: 65)),
        ],
        nonTriggering: [
            .keepalived("""
                vrrp_sync_group G {
                    group {
                        VI_1
                        VI_2
                    }
                }
                vrrp_instance VI_2 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 52
                    priority 100
                    virtual_ipaddress {
                        192.168.1.11/24
                    }
                }
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
