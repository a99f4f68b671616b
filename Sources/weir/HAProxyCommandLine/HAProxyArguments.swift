/// HAProxy 2.6's command line, read the way `haproxy` reads it: options are
/// single words (`-db`, `-sf`), values come as the next word, `-sf`/`-st`
/// take every following word that does not start with `-`, and `--` ends
/// the options (the rest are configuration files).
struct HAProxyArguments: Equatable {
    /// What the invocation asks for: `-v`/`-vv` wins, then `-cc`, then `-c`, else the proxy runs.
    enum Mode: Equatable {
        /// Start the proxy (HAProxy's default).
        case run
        /// `-c`: check the configuration and exit.
        case check
        /// `-cc EXPR`: evaluate a `.if` condition and exit.
        case checkCondition(String)
        /// `-v` or `-vv`: print the version (and build options) and exit.
        case version(verbose: Bool)
    }

    /// `-v` (false) or `-vv` (true).
    var version: Bool?
    /// `-cc EXPR`.
    var condition: String?
    /// `-c`.
    var check = false

    var mode: Mode {
        if let version { return .version(verbose: version) }
        if let condition { return .checkCondition(condition) }
        return check ? .check : .run
    }

    /// `-f` and the words after `--`, in order: files or directories.
    var configurationPaths: [String] = []
    /// `-q`: print nothing but the result.
    var quiet = false
    /// `-d`: debug mode (foreground, verbose).
    var debug = false
    /// `-dW`: any warning is fatal.
    var zeroWarning = false
    /// `-p FILE`: where HAProxy writes its pid in daemon and master-worker modes.
    var pidFile: String?
    /// `-L NAME`: the local peer name (exported as HAPROXY_LOCALPEER).
    var localPeer: String?
    /// `-C DIR`: the directory to change to before reading files.
    var changeDirectory: String?
    /// `-dK CLASSES`: the keyword classes to dump.
    var keywordDump: String?
    /// Options given that HAProxy honours but weir's engine cannot, as typed.
    var unsupported: [String] = []
    /// `-n MAXCONN`: overrides the global `maxconn`.
    var maxconn: Int?
    /// `-W`: master-worker mode (in the foreground).
    var masterWorker = false
    /// `-Ws`: master-worker with systemd's notify protocol.
    var systemdNotify = false
    /// `-D`: go to the background (as the global `daemon`).
    var daemon = false
    /// `-db` (or `-d`): stay in the foreground whatever `daemon` says.
    var foreground = false
    /// `-sf PID…` / `-st PID…`: the processes to replace once the listeners are bound.
    var oldPids: [Int32] = []
    /// `-st` (true): the old processes stop at once instead of finishing their requests.
    var terminateOldPids = false
    /// `-x SOCKET`: the old process's stats socket to take the listening sockets from.
    var socketTransfer: String?
    /// `-S ADDRESS[,OPTIONS]`: the master CLI of master-worker mode.
    var masterCLI: String?

    /// Why the words are not a valid HAProxy command line; HAProxy exits with 1.
    struct UsageError: Error, Equatable {
        /// An alert HAProxy prints first, if any.
        var alert: String?
        /// Whether the version banner and usage text follow.
        var printsUsage = true
    }

    /// Reads `words` (the arguments without the program name).
    static func parse(_ words: [String]) -> Result<HAProxyArguments, UsageError> {
        var parsed = HAProxyArguments()
        var index = 0
        func value() -> String? {
            index += 1
            return index < words.count ? words[index] : nil
        }
        while index < words.count {
            let word = words[index]
            guard word.hasPrefix("-"), word.count > 1 else { return .failure(UsageError()) }
            let flag = String(word.dropFirst())
            switch flag {
            case _ where flag.hasPrefix("v"):
                // HAProxy acts on -v at once, whatever follows.
                parsed.version = flag.hasPrefix("vv")
                return .success(parsed)
            case _ where flag.hasPrefix("dK"):
                parsed.keywordDump = String(flag.dropFirst(2))
            case "db":
                parsed.foreground = true
            case "de", "dp", "dS", "dG", "dR", "V":
                // Poller, splice, getaddrinfo and SO_REUSEPORT switches, verbose: nothing to change in weir.
                break
            case "dW":
                parsed.zeroWarning = true
            case _ where flag.hasPrefix("dV") || flag.hasPrefix("dD") || flag.hasPrefix("dM")
                || flag.hasPrefix("dr") || flag.hasPrefix("dL"):
                parsed.unsupported.append(word)
            case _ where flag.hasPrefix("d"):
                parsed.debug = true
                parsed.foreground = true
            case _ where flag.hasPrefix("cc"):
                guard let expression = value() else { return .failure(UsageError()) }
                parsed.condition = expression
            case _ where flag.hasPrefix("c"):
                parsed.check = true
            case _ where flag.hasPrefix("D"):
                parsed.daemon = true
            case "W":
                parsed.masterWorker = true
            case "Ws":
                parsed.masterWorker = true
                parsed.systemdNotify = true
            case _ where flag.hasPrefix("W"):
                parsed.unsupported.append(word)
            case _ where flag.hasPrefix("q"):
                parsed.quiet = true
            case _ where flag.hasPrefix("x"):
                guard let socket = value() else {
                    return .failure(UsageError(alert: "Unix socket path expected with the -x flag"))
                }
                parsed.socketTransfer = socket
            case _ where flag.hasPrefix("S"):
                guard let address = value() else {
                    return .failure(UsageError(alert: "Socket and optional bind parameters expected with the -S flag"))
                }
                parsed.masterCLI = address
            case _ where flag.hasPrefix("sf") || flag.hasPrefix("st"):
                while index + 1 < words.count, !words[index + 1].hasPrefix("-") {
                    index += 1
                    let digits = words[index].prefix { $0.isNumber || $0 == "+" || $0 == "-" }
                    guard words[index].dropFirst(digits.count).allSatisfy(\.isWhitespace) else {
                        let rest = words[index].dropFirst(digits.count).drop(while: \.isWhitespace)
                        return .failure(UsageError(alert: "-\(flag.prefix(2)) option: some bytes unconsumed in PID list {\(rest)}",
                                                   printsUsage: false))
                    }
                    guard let pid = Int32(digits), pid > 0 else { return .failure(UsageError()) }
                    parsed.oldPids.append(pid)
                }
                parsed.terminateOldPids = flag.hasPrefix("st")
            case "-":
                parsed.configurationPaths += words[(index + 1)...]
                index = words.count
                continue
            default:
                guard let letter = flag.first, let argument = value() else { return .failure(UsageError()) }
                switch letter {
                case "f": parsed.configurationPaths.append(argument)
                case "p": parsed.pidFile = argument
                case "L": parsed.localPeer = argument
                case "C": parsed.changeDirectory = argument
                case "n":
                    // As HAProxy's atol(): a word that is not a positive number leaves maxconn alone.
                    parsed.maxconn = Int(argument).flatMap { $0 > 0 ? $0 : nil }
                case "N", "m": parsed.unsupported.append("-\(letter)")
                default: return .failure(UsageError())
                }
            }
            index += 1
        }
        return .success(parsed)
    }
}
