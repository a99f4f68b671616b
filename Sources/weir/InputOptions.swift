import ArgumentParser

/// How inputs are read: format overrides and environment for `"$VAR"`.
struct InputOptions: ParsableArguments {
    @Flag(name: .long, help: "Read every input as haproxy.cfg.")
    var haproxy = false

    @Flag(name: .long, help: "Read every input as keepalived.conf.")
    var keepalived = false

    @Option(name: .long, parsing: .singleValue,
            help: ArgumentHelp("Set an environment variable for \"$NAME\" expansion (repeatable).",
                               discussion: "The value set here wins over the process environment.", valueName: "NAME=VALUE"))
    var env: [String] = []

    @Option(name: .long, help: ArgumentHelp(
        "Keepalived config id for '@ID' lines, as 'keepalived -i' (default: the host name up to the first dot).",
        discussion: "Lines starting with @ID apply only when the config id is ID, lines starting with @^ID only when it is not.",
        valueName: "ID"))
    var configID: String?

    func validate() throws {
        if haproxy && keepalived { throw ValidationError("--haproxy and --keepalived exclude each other") }
        for assignment in env where !assignment.contains("=") {
            throw ValidationError("--env expects NAME=VALUE, got '\(assignment)'")
        }
    }

    /// The `--env` assignments as a dictionary.
    var overrides: [String: String] {
        var values: [String: String] = [:]
        for assignment in env {
            let parts = assignment.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            values[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        return values
    }

    /// The format forced on the command line, if any.
    var forcedFormat: ConfigFormat? {
        haproxy ? .haproxy : keepalived ? .keepalived : nil
    }
}

/// The two configuration languages weir reads.
enum ConfigFormat: String {
    case haproxy, keepalived
}
