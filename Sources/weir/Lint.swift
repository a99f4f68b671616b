import ArgumentParser
import ConfigDiagnostics
import Foundation

/// What `weir lint` itself says, beside the diagnostics.
enum LintMessage {
    static func clean(fileCount: Int) -> String {
        "No problems found in \(fileCount) file\(fileCount == 1 ? "" : "s").\n"
    }
}

/// `weir lint`: report what HAProxy and Keepalived would reject.
struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Report errors and mistakes in haproxy.cfg and keepalived.conf files.",
        discussion: """
            Files are read as HAProxy or Keepalived configuration from their content (override with --haproxy \
            or --keepalived). Several haproxy files are read in order as one configuration, like \
            `haproxy -f a.cfg -f b.cfg`; a directory contributes its *.cfg files in byte order. Each keepalived \
            file is a configuration of its own. '-' reads standard input.
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "Files or directories to check ('-' for standard input).")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one file to check") }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let session = LintSession(forcedFormat: input.forcedFormat, environment: environment, overrides: input.overrides,
                                  configID: input.configID ?? Terminal.shortHostName)
        let outcome = session.lint(files)
        let terminal = Terminal(environment: environment)
        let colour = output.color == .always || (output.color == .auto && terminal.supportsColour)
        let context = RenderContext(sources: outcome.sources, useColour: colour, toolVersion: WeirVersion.current)
        var text = output.format.render(outcome.diagnostics, context: context)
        if output.format == .text, outcome.diagnostics.isEmpty {
            text = LintMessage.clean(fileCount: outcome.sources.count)
        }
        terminal.write(text)
        throw ExitCode(outcome.exitStatus(strict: output.strict))
    }
}
