import ArgumentParser
import ConfigCheck
import ConfigDiagnostics
import Foundation
import HAProxyConfig

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

            The files given without --node are one node: its haproxy.cfg and keepalived.conf are also checked \
            against each other. Each --node NAME=FILE,FILE names the files of one node of a cluster; with two \
            or more nodes their Keepalived instances and peers sections are checked across nodes.

            Target versions: --target-version (or 'target-version' in .weir.yaml) checks for HAProxy 2.4, 2.6, \
            2.8, 3.0 or 3.2 instead of 2.6: keywords, options, HTTP actions, fetches and converters the version \
            lacks are errors and deprecated ones warnings, with the versions that have them (keyword-version); \
            defaults the version changed are noted (version-default-changed).

            Rules: 'weir explain ID' prints a rule's page. Turn rules off with --disable ID, a .weir.yaml \
            project file (disable, enable, severity, strict; searched from the current directory upwards), or a \
            comment: '# weir:disable=ID[,ID]' at the end of a line covers that line (on a section or block \
            header, the whole section); on a line of its own it covers the next statement or section; \
            '# weir:disable-file=ID' covers the file.
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var checks: CheckArguments
    @OptionGroup var verbosity: VerbosityOptions

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp(
        "The files of one node of a cluster, checked with the other nodes' (repeatable).", valueName: "NAME=FILE[,FILE…]"))
    var node: [NodeArgument] = []

    @Option(name: .long, help: ArgumentHelp(
        "Check the files a configuration names (certificates, CA files) under DIR as if it were '/'.",
        discussion: "For example a deployment tree checked out beside the configuration. Relative names start in the current "
            + "directory, as for HAProxy.", valueName: "DIR"))
    var root: String?

    @Option(name: .long, help: ArgumentHelp(
        "The HAProxy version the configuration is for: 2.4, 2.6, 2.8, 3.0 or 3.2 (default: .weir.yaml's target-version, else 2.6).",
        valueName: "VERSION"))
    var targetVersion: String?

    @Argument(help: "Files or directories to check ('-' for standard input).")
    var files: [String] = []

    func validate() throws {
        if files.isEmpty && node.isEmpty { throw ValidationError("name at least one file to check") }
        if let targetVersion, HAProxyVersion.target(targetVersion) == nil {
            throw ValidationError(TargetVersionMessage.unsupported(targetVersion))
        }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let terminal = Terminal(environment: environment)
        let project = try checks.resolved()
        let linter = Linter(variables: VariableResolver(environment: environment, overrides: input.overrides),
                            configID: input.configID ?? Terminal.shortHostName,
                            options: project.options,
                            environment: CheckEnvironment(root: root, targetVersion: targetVersion.flatMap(HAProxyVersion.target)
                                                              ?? project.targetVersion ?? .standard))
        let session = LintSession(forcedFormat: input.forcedFormat, linter: linter)
        let outcome = session.lint(files, nodes: node)
        let printer = DiagnosticPrinter(output: output, verbosity: verbosity, defaultThreshold: .note,
                                        write: terminal.write, streamIsTerminal: terminal.isTTY)
        printer.print(outcome.diagnostics, sources: outcome.sources)
        if output.format == .text, outcome.diagnostics.isEmpty, !verbosity.quiet {
            terminal.write(LintMessage.clean(fileCount: outcome.sources.count))
        }
        let status = outcome.exitStatus(strict: output.strict || project.strict)
        ExitWithoutFreeing.keep(outcome)
        throw ExitCode(status)
    }
}
