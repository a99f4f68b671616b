import ConfigDiagnostics
import HAProxyConfig

/// A `program` section in a configuration that does not run in master-worker mode.
struct ProgramWithoutMasterWorker: HAProxyRule {
    static let description = RuleDescription(
        id: "program-without-master-worker", severity: .error, domain: .haproxy,
        summary: "A program section is used without master-worker mode.",
        rationale: """
            External programs are started and supervised by HAProxy's master process, which exists only in \
            master-worker mode. Without `master-worker` in the global section (or the -W / -Ws command-line \
            option) HAProxy refuses the configuration ("Can't use a 'program' section without master worker \
            mode", an ALERT of haproxy -c). A service started with -W passes, but the configuration then \
            depends on the command line: saying it in the file is safer.
            """,
        fix: "Add `master-worker` to the global section.",
        triggering: [
            .haproxy("""
                global
                    daemon
                program ↓exporter
                    command /usr/local/bin/exporter --port 9101

                """),
        ],
        nonTriggering: [
            .haproxy("""
                global
                    master-worker
                program exporter
                    command /usr/local/bin/exporter --port 9101

                """),
        ])

    static let message = "a program section needs master-worker mode: add 'master-worker' to the global section"

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        let masterWorker = context.configuration.global?.directives.contains { $0.keyword == "master-worker" && $0.modifier == nil }
        guard masterWorker != true,
              let section = context.syntax.sections.first(where: { $0.kind == "program" }) else { return }
        let word = section.header.words.count > 1 ? section.header.words[1] : section.header.words[0]
        findings.report(Self.message, at: context.syntax.range(of: word, in: section.header.file))
    }
}
