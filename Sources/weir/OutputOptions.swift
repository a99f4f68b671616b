import ArgumentParser
import ConfigDiagnostics

/// Options shared by every command that prints diagnostics.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Output format: text, json, sarif or github.",
        discussion: "text: clang style, the location, severity, message and rule id, the source line with a caret under the "
            + "word, then notes and fix-its; json: one document with every diagnostic and a summary; sarif: SARIF 2.1.0 for "
            + "code scanning; github: GitHub Actions workflow commands, which become annotations."))
    var format: DiagnosticFormat = .text

    @Flag(name: .long, help: "Exit with status 1 on warnings too.")
    var strict = false

    @Option(name: .long, help: "Colour in text output: auto (only on a terminal, never with NO_COLOR), always or never.")
    var color: ColourChoice = .auto
}

/// When to colour text output.
enum ColourChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

extension DiagnosticFormat: ExpressibleByArgument {}
