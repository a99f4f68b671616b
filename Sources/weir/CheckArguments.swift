import ArgumentParser
import ConfigCheck
import ConfigDiagnostics

/// Which rules run: `--disable`, `--enable` and the project file.
struct CheckArguments: ParsableArguments {
    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("Turn a rule off (repeatable).", valueName: "ID"))
    var disable: [String] = []

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp(
        "Turn a rule on, also one that is off by default or disabled in .weir.yaml (repeatable).", valueName: "ID"))
    var enable: [String] = []

    @Flag(name: .long, help: "Ignore .weir.yaml.")
    var noProjectFile = false

    func validate() throws {
        for id in disable + enable where RuleCatalog.description(of: RuleID(id)) == nil {
            throw ValidationError("unknown rule id '\(id)' (see 'weir explain --list')")
        }
    }

    /// The command line's part of the options.
    var options: CheckOptions {
        CheckOptions(disabled: Set(disable.map { RuleID($0) }), enabled: Set(enable.map { RuleID($0) }))
    }
}
