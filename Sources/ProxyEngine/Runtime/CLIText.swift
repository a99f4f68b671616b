/// The runtime API's fixed texts, as haproxy 2.6.12 prints them (observed):
/// the help lines of the commands the engine runs, and the error messages.
enum CLIText {
    static let helpTitle = "The following commands are valid at this level:\n"
    static let unknownTitle = "Unknown command, but maybe one of the following ones is a better match:\n"
    /// Ends an output the session writes without its empty line (removed before writing): haproxy 2.6.12
    /// ends `show events`' own messages so.
    static let withoutEmptyLine = "\u{0}"
    static let permissionDenied = "Permission denied\n"
    static let noSuchServer = "No such server.\n"
    static let noSuchBackend = "No such backend.\n"
    static let requireBackendServer = "Require 'backend/server'.\n"
    static let stateExpected = "'set server <srv> state' expects 'ready', 'drain' and 'maint'.\n"
    static let weightRange = "Absolute weight can only be between 0 and 256 inclusive.\n"
    static let relativeWeight = "Relative weight must be positive.\n"
    static let weightRequired = "Require <weight> or <weight%>.\n"
    static let healthNotConfigured = "Health check was not configured on this server, cannot enable.\n"
    static let integerExpected = "Expects an integer value.\n"
    static let outOfRange = "Value out of range.\n"
    static let frontendExpected = "A frontend name is expected.\n"
    static let noSuchFrontend = "No such frontend.\n"
    static let setServerUsage = "'set server <srv>' only supports 'agent', 'health', 'state', 'weight', 'addr', 'fqdn', 'check-addr', 'check-port', 'agent-check', 'agent-addr', 'agent-port', 'agent-inter', 'agent-send' and 'ssl'.\n"
    static let integerValueExpected = "Integer value expected.\n"
    static let noSuchProxy = "No such proxy.\n"
    static let rateLimitUsage = "'set rate-limit' only supports :\n"
        + "   - 'connections global' to set the per-process maximum connection rate\n"
        + "   - 'sessions global' to set the per-process maximum session rate\n"
        + "   - 'ssl-sessions global' to set the per-process maximum SSL session rate\n"
        + "   - 'http-compression global' to set the per-process maximum compression speed in kB/s\n"
    static let addressRequired = "set server <b>/<s> addr requires an address and optionally a port.\n"

    /// One help line: the usage padded to 40 columns, then the description.
    struct HelpLine {
        let usage: String
        let summary: String
        /// The words that select the command (`show stat`).
        let words: [String]

        var text: String {
            let padded = usage.count < 40 ? usage + String(repeating: " ", count: 40 - usage.count) : usage
            return "  \(padded): \(summary)\n"
        }
    }

    /// The commands the engine runs, in HAProxy's help order (the three session commands last).
    static let help: [HelpLine] = [
        HelpLine(usage: "disable health", summary: "disable health checks", words: ["disable", "health"]),
        HelpLine(usage: "disable server (DEPRECATED)", summary: "disable a server for maintenance (use 'set server' instead)",
                 words: ["disable", "server"]),
        HelpLine(usage: "enable health", summary: "enable health checks", words: ["enable", "health"]),
        HelpLine(usage: "enable server  (DEPRECATED)", summary: "enable a disabled server (use 'set server' instead)",
                 words: ["enable", "server"]),
        HelpLine(usage: "get weight <bk>/<srv>", summary: "report a server's current weight", words: ["get", "weight"]),
        HelpLine(usage: "operator", summary: "lower the level of the current CLI session to operator", words: ["operator"]),
        HelpLine(usage: "set maxconn frontend <frontend> <value>", summary: "change a frontend's maxconn setting",
                 words: ["set", "maxconn", "frontend"]),
        HelpLine(usage: "set maxconn global <value>", summary: "change the per-process maxconn setting",
                 words: ["set", "maxconn", "global"]),
        HelpLine(usage: "set rate-limit <setting> <value>", summary: "change a rate limiting value", words: ["set", "rate-limit"]),
        HelpLine(usage: "set server <bk>/<srv> [opts]", summary: "change a server's state, weight, address or ssl",
                 words: ["set", "server"]),
        HelpLine(usage: "set weight <bk>/<srv>  (DEPRECATED)", summary: "change a server's weight (use 'set server' instead)",
                 words: ["set", "weight"]),
        HelpLine(usage: "show backend", summary: "list backends in the current running config", words: ["show", "backend"]),
        HelpLine(usage: "show errors [<px>] [request|response]",
                 summary: "report last request and/or response errors for each proxy", words: ["show", "errors"]),
        HelpLine(usage: "show events [<sink>] [-w] [-n]", summary: "show event sink state", words: ["show", "events"]),
        HelpLine(usage: "show info [desc|json|typed|float]*", summary: "report information about the running process",
                 words: ["show", "info"]),
        HelpLine(usage: "show servers state [<backend>]",
                 summary: "dump volatile server information (all or for a single backend)", words: ["show", "servers", "state"]),
        HelpLine(usage: "show sess [id]", summary: "report the list of current sessions or dump this exact session",
                 words: ["show", "sess"]),
        HelpLine(usage: "show stat [desc|json|no-maint|typed|up]*", summary: "report counters for each proxy and server",
                 words: ["show", "stat"]),
        HelpLine(usage: "user", summary: "lower the level of the current CLI session to user", words: ["user"]),
        HelpLine(usage: "help [<command>]", summary: "list matching or all commands", words: ["help"]),
        HelpLine(usage: "prompt", summary: "toggle interactive mode with prompt", words: ["prompt"]),
        HelpLine(usage: "quit", summary: "disconnect", words: ["quit"]),
    ]

    /// The full help.
    static var helpText: String { helpTitle + help.map(\.text).joined() }

    /// What an unknown command prints: HAProxy's title, then `suggestions`.
    static func unknown(_ words: [String]) -> String { unknownTitle + suggestions(words) }

    /// The commands sharing the most leading words with `words` (all when none shares one), then
    /// `help`, `prompt` and `quit`, as HAProxy ends its suggestions.
    static func suggestions(_ words: [String]) -> String {
        let commands = help.dropLast(3)
        func shared(_ line: HelpLine) -> Int { zip(line.words, words).prefix { $0 == $1 }.count }
        let best = commands.map(shared).max() ?? 0
        let close = best == 0 ? Array(commands) : commands.filter { shared($0) == best }
        return close.map(\.text).joined() + help.suffix(3).map(\.text).joined()
    }
}
