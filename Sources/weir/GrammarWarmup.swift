import ConfigCheck
import Foundation
import HAProxyConfig

/// Builds HAProxy's keyword and version tables on another core while the command line is read. Every command
/// that reads a configuration needs them, and building them costs about as long as parsing the command line,
/// which would otherwise come first, on one core.
enum GrammarWarmup {
    /// The subcommands that read a HAProxy configuration.
    static let readers: Set<String> = ["lint", "fmt", "convert", "compile", "route", "run"]

    /// Starts building the tables when the command line names a command that reads a configuration.
    static func start(for arguments: [String]) {
        guard let command = arguments.dropFirst().first, readers.contains(command) else { return }
        DispatchQueue.global(qos: .userInitiated).async {
            _ = KeywordRegistry.standard
            _ = KeywordVersions.standard
        }
    }
}
