import ArgumentParser
import Foundation

/// `weir haproxy ARGS…` (and weir started through a link named `haproxy`):
/// HAProxy 2.6's command line on weir's checker and engine.
struct HAProxyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "haproxy",
        abstract: "HAProxy's command line: check (-c) or run a haproxy.cfg the way haproxy 2.6 is started.",
        discussion: """
            Takes haproxy's options, so that scripts and systemd units written for haproxy work unchanged; \
            a link named haproxy to the weir binary does the same. -f FILE|DIR (repeatable, or files after --), \
            -c checks with weir's checker and prints 'Configuration file is valid', -cc EXPR evaluates a .if \
            condition (exit 0 true, 1 false, 2 unparsable), -q, -d, -db, -V, -dW, -dK CLASSES, -n MAXCONN, \
            -L NAME (HAPROXY_LOCALPEER), -C DIR, -v and -vv. Without -c the configuration runs on the \
            engine as 'weir run' runs it, in the background with -D or the global daemon (unless -db or -d), \
            writing the pid file (-p FILE, or pidfile) in daemon mode as haproxy does. Messages carry haproxy's \
            [ALERT] and [WARNING] prefixes and the exit statuses are haproxy's: 0 valid, 1 errors or bad usage, \
            2 no listener.

            Reload as haproxy: 'haproxy -D -p PIDFILE -f CFG -sf $(cat PIDFILE)'. The new process checks the \
            configuration (a broken one exits 1 and leaves the old process serving), binds beside the old one \
            with SO_REUSEPORT, then sends it SIGUSR1 (-sf: finish the requests in flight, then exit) or SIGTERM \
            (-st). With -x SOCKET (the old process's stats socket with 'expose-fd listeners') the new process \
            takes the old one's listening sockets over it first, as haproxy's _getsocks, so no queued connection \
            is lost; it works with haproxy 2.6 on either side.

            -W runs a master in the foreground that keeps the proxy in a worker: SIGUSR2 reloads (a new worker \
            checks the configuration and takes over with -sf; one that does not load leaves the current \
            worker serving), SIGUSR1/SIGTERM stop the workers, a dying worker ends the master. -S ADDRESS \
            starts the master CLI: show proc, reload, show version, help, prompt, quit, and @1 / @!PID / @master \
            before a command to send it to a worker's runtime API.

            -Ws is -W for a Type=notify systemd unit (READY, RELOADING and STOPPING as haproxy's master sends \
            them). Options the engine cannot honour stop a run with an error that names them: \
            -N, -m, -dV, -dD, -dM, -dr, -dL. A check (-c) accepts them, as the ExecStartPre \
            line of haproxy's systemd unit needs.
            """
    )

    @Argument(parsing: .captureForPassthrough, help: ArgumentHelp("haproxy's options.", valueName: "haproxy-option"))
    var arguments: [String] = []

    func run() throws {
        // Every word is haproxy's, --help alone excepted: that is weir's help for this command.
        if arguments == ["--help"] { throw CleanExit.helpRequest(self) }
        throw ExitCode(HAProxyFrontend.standard(programName: "weir haproxy").run(arguments))
    }
}

extension HAProxyFrontend {
    /// A frontend reading the process environment.
    static func standard(programName: String) -> HAProxyFrontend {
        HAProxyFrontend(programName: programName, environment: ProcessInfo.processInfo.environment)
    }

    /// The exit status when weir was started through a link named
    /// `haproxy`, nil otherwise (`weir haproxy` goes through ArgumentParser).
    static func statusIfStartedAsHAProxy(_ arguments: [String]) -> Int32? {
        guard let first = arguments.first, URL(fileURLWithPath: first).lastPathComponent == "haproxy" else { return nil }
        return standard(programName: "haproxy").run(Array(arguments.dropFirst()))
    }
}
