import Foundation

/// One master CLI session: runs a line and says what to write back, with
/// HAProxy 2.6's master texts (`help`, `show proc`, the `@` prefixes and
/// their errors, the `master> ` prompt after `prompt`).
struct MasterCLISession {
    /// What a line answers, and whether the session ends after it.
    struct Answer {
        var text: String
        var ends = false
    }

    let table: MasterProcessTable
    let version: String
    private(set) var interactive = false

    init(table: MasterProcessTable, version: String) {
        self.table = table
        self.version = version
    }

    /// The master's commands as `help` lists them.
    static let commands: [(name: String, summary: String)] = [
        ("@!<pid>", "send a command to the <pid> process"),
        ("@<relative pid>", "send a command to the <relative pid> process"),
        ("@master", "send a command to the master process"),
        ("operator", "lower the level of the current CLI session to operator"),
        ("reload", "reload haproxy"),
        ("show cli level", "display the level of the current CLI session"),
        ("show proc", "show processes status"),
        ("show version", "show version of the current process"),
        ("user", "lower the level of the current CLI session to user"),
        ("help [<command>]", "list matching or all commands"),
        ("prompt", "toggle interactive mode with prompt"),
        ("quit", "disconnect"),
    ]

    private static func listing(_ entries: [(name: String, summary: String)]) -> String {
        entries.map { "  " + $0.name.padding(toLength: 40, withPad: " ", startingAt: 0) + ": " + $0.summary + "\n" }.joined()
    }

    mutating func run(_ line: String) -> Answer {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let first = words.first else { return prompted("") }
        if first.hasPrefix("@") {
            let rest = words.dropFirst().joined(separator: " ")
            let promptText = interactive ? "master> " : ""
            guard let pid = first == "@master" ? getpid() : target(first) else {
                return Answer(text: "Can't find the target PID matching the prefix '\(first)'\n" + promptText)
            }
            // A prefix alone changes HAProxy's default target for the session; weir's sessions keep the master.
            guard !rest.isEmpty else { return Answer(text: promptText) }
            if first == "@master" { return run(rest) }
            // The worker's answer ends with its own empty line.
            return Answer(text: MasterCLIConnection.ask(worker: pid, rest) + (interactive ? "master> " : ""))
        }
        switch words.joined(separator: " ") {
        case "quit":
            return Answer(text: "", ends: true)
        case "prompt":
            interactive.toggle()
            return Answer(text: interactive ? "master> " : "")
        case "help":
            return prompted("The following commands are valid at this level:\n" + Self.listing(Self.commands))
        case "show proc":
            return prompted(table.report(version: version))
        case "show version":
            return prompted(version + "\n")
        case "show cli level":
            return prompted("admin\n")
        case "user", "operator":
            return prompted("")
        case "reload":
            // The master's signal loop reloads, as for SIGUSR2; HAProxy's master closes the session.
            kill(getpid(), SIGUSR2)
            return Answer(text: "", ends: true)
        default:
            let related = Self.commands.filter { $0.name.split(separator: " ").first.map(String.init) == first }
            return prompted("Unknown command, but maybe one of the following ones is a better match:\n"
                + Self.listing(related.isEmpty ? Self.commands : related))
        }
    }

    /// `@1` (the current worker) or `@!PID` (any worker of this master).
    private func target(_ prefix: String) -> pid_t? {
        if prefix.hasPrefix("@!") {
            guard let pid = pid_t(prefix.dropFirst(2)), table.isWorker(pid) else { return nil }
            return pid
        }
        return prefix == "@1" ? table.current : nil
    }

    /// A command's output, then an empty line, then the prompt in interactive mode.
    private func prompted(_ output: String) -> Answer {
        Answer(text: output + "\n" + (interactive ? "master> " : ""))
    }
}
