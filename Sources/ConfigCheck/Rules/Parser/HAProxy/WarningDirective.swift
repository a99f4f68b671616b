/// A `.warning` line the parser reached.
struct WarningDirective: SyntaxRule {
    static let description = RuleDescription(
        id: "warning-directive", severity: .warning, domain: .haproxySyntax,
        summary: "A `.warning` directive is reached while reading the file.",
        rationale: """
            `.warning "message"` makes HAProxy print the message as a WARNING and carry on; haproxy -c then reports \
            that warnings were found. It is how a configuration flags something its author wants noticed, such as a \
            deprecated setting kept for one host. Weir reports it at the same place.
            """,
        triggering: [
            .haproxy("""
                global
                ↓.warning "debug logging is on"
                    log stdout local0 debug

                """),
        ],
        nonTriggering: [
            .haproxy("""
                global
                .if defined(WEIR_EXAMPLE_DEBUG)
                .warning "debug logging is on"
                .endif

                """),
        ])
}
