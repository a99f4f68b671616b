import ArgumentParser
import ConfigCheck
import ConfigDiagnostics

/// `weir explain`: the page of a rule.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print what a rule checks, why, and examples it reports and accepts.",
        discussion: """
            Every finding of 'weir lint' names its rule; Man/weir-rules.7 lists them all. With --list, \
            --min-severity lists only the rules whose default severity is that or above, and --quiet prints \
            their ids alone, one a line; with an id, --quiet prints the rule's one-line summary.
            """
    )

    @OptionGroup var verbosity: VerbosityOptions

    @Flag(name: .long, help: "List every rule id with its severity, domain and summary.")
    var list = false

    @Argument(help: "A rule id, as shown in brackets after a finding.")
    var id: String?

    func validate() throws {
        if !list && id == nil { throw ValidationError("name a rule id, or use --list") }
        if let id, RuleCatalog.description(of: RuleID(id)) == nil {
            throw ValidationError("unknown rule id '\(id)' (see 'weir explain --list')")
        }
    }

    func run() throws {
        let terminal = Terminal(environment: [:])
        if list {
            let rules = RuleCatalog.all.filter { $0.severity >= verbosity.minSeverity ?? .note }
            if verbosity.quiet {
                terminal.write(rules.map { $0.id.rawValue + "\n" }.joined())
                return
            }
            let width = rules.map(\.id.rawValue.count).max() ?? 0
            let domainWidth = RuleDomain.allCases.map(\.rawValue.count).max() ?? 0
            terminal.write(rules.map { rule in
                [rule.id.rawValue.padding(toLength: width, withPad: " ", startingAt: 0),
                 rule.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0),
                 rule.domain.rawValue.padding(toLength: domainWidth, withPad: " ", startingAt: 0), rule.summary]
                    .joined(separator: "  ")
            }.joined(separator: "\n") + "\n")
        } else if let id, let rule = RuleCatalog.description(of: RuleID(id)) {
            terminal.write(verbosity.quiet ? rule.summary + "\n" : RulePage.render(rule))
        }
    }
}
