import Foundation

/// `daemon` and `-D`: the command line starts again as a child in a new
/// session, which binds, writes its pid file and tells its parent it is
/// ready over a pipe; the parent then exits 0, or with the child's status
/// when the child could not start (the child's alerts reach the terminal,
/// as HAProxy's do before it detaches). A running daemon's standard streams
/// are /dev/null.
enum Daemon {
    /// The environment variable that gives the child the pipe to report on.
    static let readyVariable = "WEIR_DAEMON_READY_FD"

    /// In the parent: starts the child and waits until it is ready or gone; the exit status.
    static func startInBackground() -> Int32 {
        let started = startReporting(CommandLine.arguments)
        return started.ready ? 0 : started.status
    }

    /// How a child started by `startReporting` came up.
    struct Started {
        var pid: pid_t
        /// Whether it reported ready (else it exited, with `status`).
        var ready: Bool
        var status: Int32
    }

    /// Starts the program again with `arguments` (and `extra` in its environment) and waits until
    /// it reports ready on its pipe or exits.
    /// `inheriting`: descriptors the child keeps (a master's `fd@N` listeners, as haproxy's workers have them).
    static func startReporting(_ arguments: [String], extra: [String: String] = [:], inheriting: Set<Int32> = []) -> Started {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return Started(pid: 0, ready: false, status: 1) }
        let (readEnd, writeEnd) = (ends[0], ends[1])
        var environment = ProcessInfo.processInfo.environment
        environment[readyVariable] = "\(writeEnd)"
        for (key, value) in extra { environment[key] = value }
        keepOnlyStandardStreams(andAlso: inheriting.union([writeEnd]))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addclose(&actions, readEnd)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let words = arguments.map { strdup($0) } + [nil]
        let variables = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (words + variables).forEach { free($0) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, executablePath(), &actions, nil, words, variables)
        close(writeEnd)
        defer { close(readEnd) }
        guard spawned == 0 else {
            FileHandle.standardError.write(Data("cannot start the process: \(String(cString: strerror(spawned)))\n".utf8))
            return Started(pid: 0, ready: false, status: 1)
        }
        var byte: UInt8 = 0
        if read(readEnd, &byte, 1) == 1 { return Started(pid: child, ready: true, status: 0) }
        var status: Int32 = 0
        waitpid(child, &status, 0)
        return Started(pid: child, ready: false, status: (status & 0x7f) == 0 ? (status >> 8) & 0xff : 1)
    }

    /// What a daemon child keeps from its start: the pipe to its parent and /dev/null, opened before any chroot.
    struct Child {
        let readyPipe: Int32
        let null: Int32
        /// A daemon detaches (new session, streams to /dev/null); a master-worker's worker keeps its master's.
        let detaches: Bool
    }

    /// In the child: nil when this process was not started by `startInBackground`. Starts the
    /// new session and removes the variable, so the engine's own children do not see it.
    static func child() -> Child? {
        guard let text = ProcessInfo.processInfo.environment[readyVariable], let descriptor = Int32(text) else { return nil }
        unsetenv(readyVariable)
        let detaches = ProcessInfo.processInfo.environment[MasterWorker.workerVariable] == nil
        if detaches { setsid() }
        return Child(readyPipe: descriptor, null: open("/dev/null", O_RDWR | O_CLOEXEC), detaches: detaches)
    }

    /// In the child, once the listeners are bound: tells the parent, then detaches the standard streams.
    static func reportReady(_ child: Child) {
        var byte = UInt8(ascii: "R")
        _ = write(child.readyPipe, &byte, 1)
        close(child.readyPipe)
        guard child.detaches, child.null >= 0 else { return }
        for stream: Int32 in [0, 1, 2] { dup2(child.null, stream) }
        close(child.null)
    }

    /// Marks every inherited descriptor but `kept` close-on-exec, so that the daemon does not hold
    /// what its starter left open (a pipe whose reader would then never see its end).
    private static func keepOnlyStandardStreams(andAlso kept: Set<Int32>) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for descriptor in names.compactMap({ Int32($0) }) where descriptor > 2 && !kept.contains(descriptor) {
            let flags = fcntl(descriptor, F_GETFD)
            if flags >= 0 { _ = fcntl(descriptor, F_SETFD, flags | FD_CLOEXEC) }
        }
        for descriptor in kept {
            let flags = fcntl(descriptor, F_GETFD)
            if flags >= 0 { _ = fcntl(descriptor, F_SETFD, flags & ~FD_CLOEXEC) }
        }
    }

    /// The program to start again under the name it was started by, so that a
    /// daemon started through a link named `haproxy` is named haproxy (for
    /// `pidof` and `killall -0`); /proc/self/exe when that name cannot be found.
    private static func executablePath() -> String {
        let name = CommandLine.arguments.first ?? ""
        let running = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? name
        if name.contains("/") {
            // A relative name no longer resolves once -C has changed the directory.
            let path = name.hasPrefix("/") ? name : FileManager.default.currentDirectoryPath + "/" + name
            return access(path, X_OK) == 0 ? path : running
        }
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if !name.isEmpty, access(candidate, X_OK) == 0 { return candidate }
        }
        return running
    }
}
