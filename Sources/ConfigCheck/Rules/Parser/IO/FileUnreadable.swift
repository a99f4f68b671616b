/// An input file that cannot be read.
struct FileUnreadable: SyntaxRule {
    static let description = RuleDescription(
        id: "file-unreadable", severity: .error, domain: .io,
        summary: "A configuration file named on the command line or included cannot be read.",
        rationale: """
            weir reports a file it cannot open or read (missing, a directory, no permission, not valid text) \
            instead of stopping, so that the other files of the run are still checked. The finding points at the \
            file itself. Its examples describe the situation; they cannot be run as configurations.
            """,
        fix: "Check the path and the permissions of the user that runs weir.",
        triggering: [
            .haproxy("""
                # weir lint /etc/haproxy/haproxy.cfg, run by a user without read permission on the file

                """),
        ],
        nonTriggering: [
            .haproxy("""
                # weir lint haproxy.cfg, a readable file in the current directory

                """),
        ])
}
