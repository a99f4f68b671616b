import ArgumentParser
import ConfigDiagnostics

/// How much every subcommand prints: `--min-severity` and `--quiet`.
struct VerbosityOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Print only diagnostics of this severity or above: error, warning or note (default: note for lint, warning for the other commands).",
        valueName: "SEVERITY"))
    var minSeverity: Severity?

    @Flag(name: .shortAndLong, help: "Print errors only (or what --min-severity asks for), and no summary or progress lines.")
    var quiet = false

    /// The lowest severity printed, given the command's default.
    func threshold(default defaultSeverity: Severity) -> Severity {
        minSeverity ?? (quiet ? .error : defaultSeverity)
    }
}

extension Severity: ExpressibleByArgument {}
