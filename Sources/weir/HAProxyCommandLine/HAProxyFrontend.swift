import ConfigCheck
import ConfigDiagnostics
import Foundation
import HAProxyConfig
import ProxyEngine
import RuntimePlan
import RuntimePlanner

/// Carries out one HAProxy command line: `-v`, `-cc`, `-c` with weir's
/// checker, or running the configuration on weir's engine as `weir run`
/// does. Returns the exit status HAProxy 2.6 uses: 0 valid or stopped
/// cleanly, 1 errors or bad usage, 2 a `-cc` condition that cannot be
/// evaluated or a configuration without a listener.
struct HAProxyFrontend {
    /// The name usage lines show (`haproxy` when started through a link of that name).
    let programName: String
    let environment: [String: String]

    func run(_ words: [String]) -> Int32 {
        let arguments: HAProxyArguments
        switch HAProxyArguments.parse(words) {
        case .success(let parsed): arguments = parsed
        case .failure(let usage):
            if let alert = usage.alert { HAProxyMessages(quiet: false).print(.alert, alert) }
            return usage.printsUsage ? usageFailure() : 1
        }
        let messages = HAProxyMessages(quiet: arguments.quiet)
        switch arguments.mode {
        case .version(let verbose):
            FileHandle.standardOutput.write(Data((verbose ? HAProxyMessages.buildOptions : HAProxyMessages.version).utf8))
            return 0
        case .checkCondition(let expression):
            return evaluate(expression, messages)
        case .check, .run:
            break
        }
        if let directory = arguments.changeDirectory, !FileManager.default.changeCurrentDirectoryPath(directory) {
            messages.print(.alert, "[\(programName).main()] Cannot chdir to \(directory): \(String(cString: strerror(errno))).")
            return 1
        }
        guard !arguments.configurationPaths.isEmpty else { return usageFailure() }
        var variables = environment
        // As HAProxy: -L, or the host name, is the local peer name and the environment variable HAPROXY_LOCALPEER.
        variables["HAPROXY_LOCALPEER"] = arguments.localPeer ?? Self.hostName
        let checked = HAProxyConfigurationCheck(messages: messages, variables: variables, zeroWarning: arguments.zeroWarning,
                                                masterWorker: arguments.masterWorker || environment[MasterWorker.workerVariable] != nil)
        guard let configuration = checked.check(arguments.configurationPaths) else { return 1 }
        if let classes = arguments.keywordDump {
            FileHandle.standardOutput.write(Data(HAProxyKeywordDump.text(for: classes).utf8))
        }
        guard arguments.mode == .run else {
            if configuration.hadWarnings { messages.result("Warnings were found.") }
            guard configuration.hasListener else {
                messages.result("Configuration file has no error but will not start (no listener) => exit(2).")
                return 2
            }
            messages.result("Configuration file is valid")
            return 0
        }
        if let option = arguments.unsupported.first {
            messages.print(.alert, "option '\(option)' is not supported by weir's engine: "
                + "it has no systemd notification, memory limit or these debugging modes.")
            return 1
        }
        return serve(configuration, arguments: arguments, words: words, messages: messages)
    }

    private func serve(_ configuration: HAProxyConfigurationCheck.Checked, arguments: HAProxyArguments, words: [String],
                       messages: HAProxyMessages) -> Int32 {
        let planned = Planner(fileOrder: configuration.files).plan(configuration.parsed)
        guard var plan = planned.plan else {
            for diagnostic in planned.diagnostics where diagnostic.severity == .error {
                messages.print(.alert, HAProxyConfigurationCheck.text(of: diagnostic))
            }
            messages.print(.alert, "config : Fatal errors found in configuration.")
            return 1
        }
        if let maxconn = arguments.maxconn { plan.global.maxconn = maxconn }
        // -L names this process in every peers section, before `localpeer` (as HAProxy).
        if let localPeer = arguments.localPeer { plan.peers = plan.peers?.map { var section = $0; section.localPeer = localPeer; return section } }
        let isWorker = environment[MasterWorker.workerVariable] != nil
        if arguments.masterWorker, !isWorker {
            let command = CommandLine.arguments.prefix(programName == "haproxy" ? 1 : 2) + words.filter { $0 != "-W" && $0 != "-Ws" }
            return MasterWorker(workerArguments: Array(command), pidFile: arguments.pidFile ?? plan.global.process?.pidFile,
                                masterCLI: arguments.masterCLI, systemd: arguments.systemdNotify ? SystemdNotifier() : nil,
                                programs: MasterProgram.programs(in: configuration.parsed),
                                transferSocket: Self.exposedSocketPath(plan), messages: messages).run()
        }
        if arguments.masterCLI != nil, !isWorker {
            messages.print(.warning, "-S: the master CLI needs master-worker mode (-W); no master CLI is started.")
        }
        if isWorker, environment[MasterWorker.masterCLIVariable] != nil {
            // The master reaches this worker's runtime API here for its `@1` and `@!PID` commands.
            let name = MasterCLI.workerSocketName(getpid())
            plan.global.statsSockets = (plan.global.statsSockets ?? []) + [StatsSocketPlan(listen: ListenAddress(endpoint: .abstract(name: name)), level: .admin)]
        }
        let daemonChild = Daemon.child()
        let daemon = !isWorker && (daemonChild != nil
            || ((arguments.daemon || plan.global.process?.daemon == true) && !arguments.foreground))
        if daemon, daemonChild == nil { return Daemon.startInBackground() }
        var received: ReceivedListeners?
        if let path = arguments.socketTransfer, path != "/dev/null" {
            switch ListenerTransferClient.receive(from: path) {
            case .success(let sockets): received = sockets
            case .failure(let failure):
                // As HAProxy: fatal, except for a master-worker's worker, which then binds beside the old one.
                messages.print(.warning, failure.description)
                messages.print(.alert, "Failed to get the sockets from the old process!")
                if !isWorker { return 1 }
            }
        }
        var launch = EngineLaunch(threads: nil, printWarnings: !arguments.quiet)
        launch.daemonChild = daemonChild
        launch.received = received
        launch.process = ProcessLaunch(settings: plan.global.process, pidFileOverride: arguments.pidFile, writesPidFile: daemon,
                                       oldPids: arguments.oldPids, oldPidSignal: arguments.terminateOldPids ? SIGTERM : SIGUSR1,
                                       programName: programName == "haproxy" ? "haproxy" : "weir")
        if let failure = launch.serve(plan) {
            messages.print(.alert, failure)
            return 1
        }
        return 0
    }

    /// The path of the first Unix `stats socket` with `expose-fd listeners`, if any.
    private static func exposedSocketPath(_ plan: RuntimePlan) -> String? {
        for socket in plan.global.statsSockets ?? [] where socket.exposesListeners == true {
            if case .unix(let path) = socket.listen.endpoint { return path }
        }
        return nil
    }

    /// `-cc`: the expression is split into words as a configuration line is
    /// (quotes, `${VAR}`), the words joined again and evaluated as `.if` would.
    private func evaluate(_ expression: String, _ messages: HAProxyMessages) -> Int32 {
        let bytes = Array(expression.utf8)
        let lexed = LineLexer(bytes: bytes, variables: VariableResolver(environment: environment))
            .lex(start: 0, end: bytes.count, context: LineContext(file: "-cc", line: 1, section: "global"))
        if let problem = lexed.problems.first(where: { $0.severity == .error }) {
            messages.print(.alert, "Syntax Error in condition: \(problem.message)")
            return 2
        }
        let joined = lexed.words.map(\.text).joined(separator: " ")
        switch ConditionEvaluator(variables: VariableResolver(environment: environment), build: .debianBookworm).evaluate(joined) {
        case .success(let value):
            return value ? 0 : 1
        case .failure(let failure):
            messages.print(.alert, "config : Failed to evaluate condition: \(failure.message)")
            return 2
        }
    }

    private static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private func usageFailure() -> Int32 {
        // As HAProxy: the banner on standard output, the usage on standard error.
        FileHandle.standardOutput.write(Data(HAProxyMessages.version.utf8))
        FileHandle.standardError.write(Data(HAProxyMessages.usage(programName: programName).utf8))
        return 1
    }
}
