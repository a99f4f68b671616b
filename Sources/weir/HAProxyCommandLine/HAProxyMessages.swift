import Foundation
import HAProxyConfig

/// The text HAProxy 2.6 prints on its command line: the `[ALERT]` /
/// `[WARNING]` / `[NOTICE]` prefixes with the process id, the version banner
/// and the usage text, worded for weir.
struct HAProxyMessages {
    /// The levels of HAProxy's startup messages.
    enum Level: String {
        case notice = "NOTICE"
        case warning = "WARNING"
        case alert = "ALERT"
    }

    /// `-q`: print nothing but results.
    let quiet: Bool
    private let noticePrinted = Flag()

    init(quiet: Bool) {
        self.quiet = quiet
    }

    /// The HAProxy version whose configuration language weir reads.
    static var emulatedVersion: String { BuildProfile.debianBookworm.version }

    /// One message as HAProxy prints it: the level in brackets padded to 11 columns, the pid, the text.
    static func line(_ level: Level, _ text: String, pid: Int32 = getpid()) -> String {
        let tag = "[\(level.rawValue)]"
        return tag + String(repeating: " ", count: max(1, 11 - tag.count)) + "(\(pid)) : " + text + "\n"
    }

    /// Prints a message to standard error, after the two notices HAProxy
    /// prints before its first message of a run; nothing with `-q`.
    func print(_ level: Level, _ text: String) {
        guard !quiet else { return }
        var output = ""
        if noticePrinted.set() {
            output += Self.line(.notice, "haproxy version is \(Self.emulatedVersion)-weir-\(WeirVersion.current)")
            output += Self.line(.notice, "path to executable is \(Self.executablePath)")
        }
        output += Self.line(level, text)
        FileHandle.standardError.write(Data(output.utf8))
    }

    /// Prints a result line (`Configuration file is valid`) to standard output, unless `-q`.
    func result(_ text: String) {
        guard !quiet else { return }
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    private static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// `-v`: HAProxy's banner, whose third word is the version scripts read
    /// (`2.6.12-weir-0.1.0`: the language version, then weir's).
    static var version: String {
        var system = utsname()
        uname(&system)
        func text<T>(_ field: T) -> String {
            withUnsafeBytes(of: field) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        }
        return """
            HAProxy version \(emulatedVersion)-weir-\(WeirVersion.current) - weir's drop-in haproxy command line, not HAProxy
            Status: reads the configuration language of HAProxy \(emulatedVersion); runs it on weir's proxy engine.
            Running on: \(text(system.sysname)) \(text(system.release)) \(text(system.version)) \(text(system.machine))

            """
    }

    /// `-vv`: the banner, then what this build honours and what it does not.
    static var buildOptions: String {
        let features = BuildProfile.debianBookworm.features.sorted().map { "+" + $0 }.joined(separator: " ")
        return version + """
            Build options :
              weir \(WeirVersion.current), Swift, SwiftNIO proxy engine

            Feature list : \(features)
              (what .if feature(...) and -cc evaluate against: Debian bookworm's haproxy \(emulatedVersion) build,
              so that configurations read as on that build; it is not what the engine runs.)

            Engine : HTTP/1.1 and TCP proxying, balancing, health checks, limits and timeouts.
              'weir compile FILE' lists under "unsupported" every directive of a configuration the engine does not run;
              'weir run' and this command warn about each one at startup.

            Process: -D (daemon), -p, -sf/-st (the new process binds beside the old one with SO_REUSEPORT, then
              tells it to finish or stop), -x (takes the old process's listening sockets over its stats socket,
              expose-fd listeners), -W (master-worker in the foreground, SIGUSR2 reloads), -Ws (-W with systemd's
              notify messages), -S (the master CLI).
            Command line options not honoured (an error names them): -N, -m, -dV, -dD, -dM, -dr, -dL.

            """
    }

    /// HAProxy's usage text, with the options weir honours.
    static func usage(programName: String) -> String {
        """
        Usage : \(programName) [-f <cfgfile|cfgdir>]* [ -vdV ] [ -n <maxconn> ]
                [ -p <pidfile> ] [ -C <dir> ] [ -D ] [ -sf|-st <pid>* ] [-- <cfgfile>*]
                -v displays version ; -vv shows known build options.
                -d enters debug mode ; -db only disables background mode.
                -V enters verbose mode (disables quiet mode)
                -C changes to <dir> before loading files.
                -q quiet mode : don't display messages
                -c check mode : only check config files and exit
                -cc check condition : evaluate a condition and exit
                -n sets the maximum total # of connections
                -L set local peer name (default to hostname)
                -D goes daemon ; -p writes pids of all children to this file
                -sf/-st [pid ]* finishes/terminates old pids once the listeners are bound
                -x <unix_socket> takes the listening sockets of the old process (expose-fd listeners)
                -W master-worker mode (in the foreground; SIGUSR2 reloads)
                -Ws master-worker mode with systemd notify support
                -S <bind>[,<bind options>...] new master CLI
                -dK{class[,...]} dump registered keywords (use 'help' for list)
                -dW fails if any warning is emitted
                -de, -dp, -dS, -dG, -dR are accepted and change nothing in weir
                Not honoured (an error names them): -N -m -dV -dD -dM -dr -dL

        """
    }
}

/// Set once, from any thread.
private final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var isSet = false

    /// True the first time only.
    func set() -> Bool {
        lock.withLock {
            defer { isSet = true }
            return !isSet
        }
    }
}
