import ConfigDiagnostics
import HAProxyConfig

/// A process-wide setting given a second time in `global`, which HAProxy ignores (or, for `ca-base` and
/// `crt-base`, refuses).
struct GlobalSettingRepeated: HAProxyRule {
    static let description = RuleDescription(
        id: "global-setting-repeated", severity: .warning, domain: .haproxy,
        summary: "A `global` setting that takes one value (`maxconn`, `chroot`, `pidfile`, `user`, `ulimit-n`, `tune.rcvbuf.client`…) is given again: HAProxy keeps the first value and ignores the later line.",
        rationale: """
            Unlike a proxy setting, where the last line wins, most one-value settings of `global` keep the value \
            they were first given: haproxy -c prints "'maxconn' already specified. Continuing." for the later \
            line, ignores it, and starts. The later line is usually the one a reader believes in, for example \
            a `maxconn` raised at the end of the section, or one in a second `global` section of another file. \
            `user` and `uid` set the same thing, as do `group` and `gid`. A repeated `ca-base` or `crt-base` is \
            refused ("'ca-base' already specified."), so it is an error. HAProxy cannot tell a setting given as \
            0 (or `root` for `user`/`group`) from one not given, so a repeat after such a value is not reported.
            """,
        fix: "Keep one line with the value you mean: the fix-it removes the later line, which HAProxy ignores.",
        triggering: [
            .haproxy("""
                global
                    maxconn 20000
                    user haproxy
                    ↓uid 99
                    chroot /var/lib/haproxy
                    ↓maxconn 50000
                    crt-base /etc/ssl/certs
                    ↓crt-base /etc/haproxy/certs
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s

                """),
        ],
        nonTriggering: [
            .haproxy("""
                global
                    maxconn 0
                    maxconn 50000
                    user root
                    user haproxy
                    group haproxy
                    chroot /var/lib/haproxy
                    log 127.0.0.1:514 local0
                    log 127.0.0.1:515 local1
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s

                """),
        ])

    /// The settings HAProxy 2.6 keeps the first value of, by the thing they set (`cfg_parse_global`).
    static let firstWins: [String: String] = {
        var settings: [String: String] = [:]
        for keyword in ["tune.runqueue-depth", "tune.maxpollevents", "tune.maxaccept", "tune.rcvbuf.client",
                        "tune.rcvbuf.server", "tune.sndbuf.client", "tune.sndbuf.server", "cluster-secret", "maxconn",
                        "maxconnrate", "maxsessrate", "maxsslrate", "maxpipes", "fd-hard-limit", "ulimit-n", "chroot",
                        "pidfile", "log-send-hostname", "server-state-base", "server-state-file", "spread-checks"] {
            settings[keyword] = keyword
        }
        settings["user"] = "user/uid"
        settings["uid"] = "user/uid"
        settings["group"] = "group/gid"
        settings["gid"] = "group/gid"
        return settings
    }()

    /// Settings whose repetition HAProxy refuses (`ssl_parse_global_ca_crt_base`).
    static let refused: Set<String> = ["ca-base", "crt-base"]

    /// A first value HAProxy cannot tell from no value: a number 0, or the root user or group (id 0).
    static func readsAsUnset(_ directive: Directive) -> Bool {
        guard let value = directive.arguments.first else { return false }
        switch directive.keyword {
        case "chroot", "pidfile", "cluster-secret", "log-send-hostname", "server-state-base", "server-state-file":
            return false
        case "user", "group":
            return value == "root"
        default:
            return Int(value) == 0
        }
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        guard let global = context.configuration.global else { return }
        var first: [String: Directive] = [:]
        for line in global.directives where line.modifier == nil {
            let refused = Self.refused.contains(line.keyword)
            guard let setting = refused ? line.keyword : Self.firstWins[line.keyword] else { continue }
            guard let earlier = first[setting] else {
                if !Self.readsAsUnset(line) { first[setting] = line }
                continue
            }
            let message = refused
                ? "'\(line.keyword)' already specified (line \(earlier.range.start.line)): HAProxy refuses a second one"
                : "'\(setting)' already specified (line \(earlier.range.start.line)): HAProxy keeps the first value "
                    + "and ignores this line"
            findings.report(message, at: line.range, severity: refused ? .error : nil,
                            notes: [DiagnosticNote(message: "set here first", range: earlier.range)],
                            fixIts: [FixIt(message: "remove this line", range: line.range, replacement: "")])
        }
    }
}
