import ArgumentParser
import ConfigDiagnostics
import Foundation
import RuntimePlan

/// `weir compile`: a configuration to a runtime plan.
struct Compile: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compile haproxy.cfg or a site YAML to a runtime plan (JSON).",
        discussion: """
            The configuration is checked as 'weir lint' checks it; any error stops the compilation and nothing \
            is written. The plan (see weir-plan(5)) has defaults resolved, ACLs compiled, durations in \
            milliseconds and servers enumerated; configured features the engine does not run yet are listed \
            under 'unsupported'. The output is written atomically; without -o it goes to standard output.
            """
    )

    @OptionGroup var output: OutputOptions
    @OptionGroup var checks: CheckArguments
    @OptionGroup var verbosity: VerbosityOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the plan to this file (atomically) instead of standard output.",
                                                    valueName: "FILE"))
    var out: String?

    @Argument(help: "haproxy.cfg or site YAML to compile.")
    var input: String

    func run() throws {
        let source = try PlanSource(output: output, verbosity: verbosity, checks: checks)
        let plan: RuntimePlan
        switch source.compile(input) {
        case .success(let compiled): plan = compiled
        case .failure(let status): throw ExitCode(status.rawValue)
        }
        let text = PlanCoding.encode(plan)
        guard let out else {
            Terminal.writeOutput(text)
            return
        }
        if case .failure(let diagnostic) = AtomicWriter.write(text, to: out) {
            source.report([diagnostic], [:])
            throw ExitCode(2)
        }
    }
}
