import ArgumentParser
import Foundation

/// The command tree as ArgumentParser describes it to tools
/// (`--experimental-dump-help`): names, abstracts and every argument.
struct CommandTree: Decodable {
    /// One command or subcommand.
    struct Command: Decodable {
        var commandName: String
        var abstract: String?
        var discussion: String?
        var shouldDisplay: Bool?
        var superCommands: [String]?
        var arguments: [Argument]?
        var subcommands: [Command]?

        /// `weir` for the root, `weir lint` for a subcommand.
        var fullName: String { ((superCommands ?? []) + [commandName]).joined(separator: " ") }
        /// `weir` for the root, `weir-lint` for a subcommand: the man page's name.
        var pageName: String { ((superCommands ?? []) + [commandName]).joined(separator: "-") }
        /// The arguments a man page lists: visible ones, without `--help` and `--version`.
        var documentedArguments: [Argument] {
            (arguments ?? []).filter { $0.shouldDisplay != false && !["help", "version"].contains($0.preferredName?.name ?? "") }
        }
    }

    /// One option, flag or positional argument.
    struct Argument: Decodable {
        enum Kind: String, Decodable { case positional, option, flag }

        /// A spelling of the argument: `-o` (short), `--out` (long).
        struct Name: Decodable {
            var kind: String
            var name: String

            var spelled: String { kind == "short" ? "-" + name : "--" + name }
        }

        var kind: Kind
        var names: [Name]?
        var preferredName: Name?
        var valueName: String?
        var defaultValue: String?
        var allValues: [String]?
        var isOptional: Bool
        var isRepeating: Bool
        var shouldDisplay: Bool?
        var abstract: String?
        var discussion: String?
    }

    var command: Command

    /// The tree of `Weir`, read from ArgumentParser's own description of it.
    static func load() throws -> CommandTree {
        do {
            _ = try Weir.parseAsRoot(["--experimental-dump-help"])
        } catch {
            let json = Weir.fullMessage(for: error)
            return try JSONDecoder().decode(CommandTree.self, from: Data(json.utf8))
        }
        throw ValidationError("ArgumentParser did not describe the command tree")
    }

    /// The root and every visible subcommand (not `help`), depth first.
    var pages: [Command] {
        func walk(_ command: Command) -> [Command] {
            guard command.shouldDisplay != false, command.commandName != "help" else { return [] }
            return [command] + (command.subcommands ?? []).flatMap(walk)
        }
        return walk(command)
    }
}
