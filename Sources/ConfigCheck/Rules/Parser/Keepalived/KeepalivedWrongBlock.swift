/// A keyword written in a block where it does not belong.
struct KeepalivedWrongBlock: SyntaxRule {
    static let description = RuleDescription(
        id: "keepalived-wrong-block", severity: .error, domain: .keepalivedSyntax,
        summary: "A keyword written in a block where it does not belong.",
        rationale: """
            Each keepalived keyword belongs to one kind of block: `virtual_router_id` to a vrrp_instance, `router_id` \
            to global_defs. Written elsewhere, keepalived does not know it there ("Unknown keyword") and ignores it. \
            Weir says which block the keyword belongs in.
            """,
        fix: "Move the line into the block named in the note.",
        triggering: [
            .keepalived("""
                global_defs {
                    router_id lb1
                    ↓virtual_router_id 51
                }

                """),
        ],
        nonTriggering: [
            .keepalived("""
                global_defs {
                    router_id lb1
                }

                """),
        ])
}
