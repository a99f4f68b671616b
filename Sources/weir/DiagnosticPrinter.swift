import ConfigCheck
import ConfigDiagnostics
import Foundation

/// Prints diagnostics in the chosen format, leaving out those below the
/// `--min-severity` threshold and saying in one line how many it left out.
struct DiagnosticPrinter {
    let output: OutputOptions
    let verbosity: VerbosityOptions
    /// The threshold when neither `--min-severity` nor `--quiet` is given.
    let defaultThreshold: Severity
    /// Where the text goes (standard error, or standard output for `weir lint`).
    var write: (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
    /// Whether colour is allowed on the stream written to.
    var streamIsTerminal = isatty(STDERR_FILENO) == 1

    /// The messages the printer writes itself.
    enum Message {
        static func hidden(_ counts: [(Severity, Int)], threshold: Severity) -> String {
            let parts = counts.map { "\($0.1) \($0.0.rawValue)\($0.1 == 1 ? "" : "s")" }.joined(separator: " and ")
            let lowest = counts.map(\.0).min() ?? threshold
            return "\(parts) not shown (--min-severity \(lowest.rawValue) shows them)\n"
        }
    }

    var threshold: Severity { verbosity.threshold(default: defaultThreshold) }

    /// The diagnostics at or above the threshold.
    func shown(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.filter { $0.severity >= threshold }
    }

    /// Renders the diagnostics at or above the threshold (the machine formats
    /// always print their document); in text output, a line counts the others
    /// unless `--quiet`.
    func print(_ diagnostics: [Diagnostic], sources: [String: SourceFile]) {
        let visible = shown(diagnostics)
        if !visible.isEmpty || output.format != .text {
            let allowed = TextRenderer.shouldUseColour(isTTY: streamIsTerminal, environment: ProcessInfo.processInfo.environment)
            let colour = output.color == .always || (output.color == .auto && allowed)
            let context = RenderContext(sources: sources, useColour: colour, toolVersion: WeirVersion.current,
                                        ruleSummary: { RuleCatalog.description(of: $0)?.summary })
            write(output.format.render(visible, context: context))
        }
        let hidden = Severity.allCases.compactMap { severity -> (Severity, Int)? in
            let count = diagnostics.count { $0.severity == severity && severity < threshold }
            return count > 0 ? (severity, count) : nil
        }
        if !hidden.isEmpty, output.format == .text, !verbosity.quiet {
            write(Message.hidden(hidden.reversed(), threshold: threshold))
        }
    }
}
