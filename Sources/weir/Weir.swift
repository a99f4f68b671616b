import ArgumentParser
import Foundation

/// The `weir` command: a toolchain for HAProxy and Keepalived configuration.
@main
struct Weir: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "weir",
        abstract: "Lint, format, convert, compile and run HAProxy and Keepalived configuration.",
        discussion: """
            weir reads haproxy.cfg and keepalived.conf the way HAProxy 2.6 and Keepalived 2.2 read them \
            and reports what they would reject, with file:line:column, a rule id and a fix where one exists.

            Exit status: 0 no errors, 1 errors found (warnings too with --strict), 2 usage or I/O error.
            """,
        version: WeirVersion.current,
        subcommands: [Lint.self, Fmt.self, Convert.self, Explain.self, Compile.self, Route.self, Run.self, HAProxyCommand.self, GenerateManual.self],
        defaultSubcommand: nil
    )

    /// Runs the command line; usage errors exit with status 2 (not
    /// ArgumentParser's 64), as weir documents, with one usage footer: the
    /// subcommand's. Started as haproxy, HAProxy's command line rules instead.
    static func main() {
        // A closed pipe is an error status from write(2), reported where it happens, not a signal that kills weir.
        signal(SIGPIPE, SIG_IGN)
        if let status = HAProxyFrontend.statusIfStartedAsHAProxy(CommandLine.arguments) { Foundation.exit(status) }
        GrammarWarmup.start(for: CommandLine.arguments)
        var parsed: ParsableCommand.Type?
        do {
            var command = try parseAsRoot()
            parsed = type(of: command)
            try command.run()
        } catch {
            let code = exitCode(for: error)
            guard code == .validationFailure else { exit(withError: error) }
            FileHandle.standardError.write(Data((usageMessage(for: error, in: parsed) + "\n").utf8))
            exit(withError: ExitCode(2))
        }
    }

    /// The message of a usage error: ArgumentParser's for errors found while
    /// parsing (it names the subcommand), and for errors a subcommand's
    /// `run()` throws, the error and that subcommand's usage.
    static func usageMessage(for error: Error, in command: ParsableCommand.Type?) -> String {
        guard let command, command != Weir.self else { return fullMessage(for: error) }
        let name = command.configuration.commandName ?? String(describing: command).lowercased()
        return "Error: \(message(for: error))\nUsage: \(usageString(for: command))\n  See 'weir \(name) --help' for more information."
    }
}

/// The version `weir --version` prints.
enum WeirVersion {
    static let current = "0.1.0"
}
