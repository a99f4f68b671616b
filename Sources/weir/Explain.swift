import ArgumentParser
import ConfigCheck
import ConfigDiagnostics

/// `weir explain`: the page of a rule.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print what a rule checks, why, and examples it reports and accepts.",
        discussion: "Every finding of 'weir lint' names its rule; Man/weir-rules.7 lists them all."
    )

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
            let width = RuleCatalog.all.map(\.id.rawValue.count).max() ?? 0
            let domainWidth = RuleDomain.allCases.map(\.rawValue.count).max() ?? 0
            terminal.write(RuleCatalog.all.map { rule in
                [rule.id.rawValue.padding(toLength: width, withPad: " ", startingAt: 0),
                 rule.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0),
                 rule.domain.rawValue.padding(toLength: domainWidth, withPad: " ", startingAt: 0), rule.summary]
                    .joined(separator: "  ")
            }.joined(separator: "\n") + "\n")
        } else if let id, let rule = RuleCatalog.description(of: RuleID(id)) {
            terminal.write(RulePage.render(rule))
        }
    }
}
