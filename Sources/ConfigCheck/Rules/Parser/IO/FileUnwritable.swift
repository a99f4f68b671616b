/// An output file that cannot be written.
struct FileUnwritable: SyntaxRule {
    static let description = RuleDescription(
        id: "file-unwritable", severity: .error, domain: .io,
        summary: "A file that weir fmt or weir convert writes cannot be written.",
        rationale: """
            `weir fmt --in-place` and `weir convert -o` write through a temporary file that replaces the target \
            in one step, so a failed write never leaves half a configuration behind. When the directory is not \
            writable, or the disk is full, weir reports the target and leaves it as it was. Its examples describe \
            the situation; they cannot be run as configurations.
            """,
        fix: "Check the directory's permissions and free space.",
        triggering: [
            .haproxy("""
                # weir fmt --in-place /etc/haproxy/haproxy.cfg, run by a user who may not write /etc/haproxy

                """),
        ],
        nonTriggering: [
            .haproxy("""
                # weir fmt --in-place haproxy.cfg, in a directory the user may write

                """),
        ])
}
