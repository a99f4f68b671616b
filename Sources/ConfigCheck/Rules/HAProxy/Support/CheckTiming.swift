import HAProxyConfig

/// The health-check timing in force for one server: its own options over
/// `default-server` over HAProxy's defaults (inter 2s, rise 2, fall 3;
/// fastinter and downinter default to inter).
struct CheckTiming: Hashable {
    var inter: Duration
    var fastinter: Duration
    var downinter: Duration
    var rise: Int
    var fall: Int

    init(_ server: Server, _ proxy: EffectiveProxy) {
        func value(_ name: String) -> String? { proxy.option(name, of: server)?.value }
        func duration(_ name: String) -> Duration? { value(name).flatMap { try? Duration.parse($0).get() } }
        func count(_ name: String) -> Int? { value(name).flatMap { Int($0) } }
        inter = Self.inter(of: server, in: proxy)
        fastinter = duration("fastinter") ?? inter
        downinter = duration("downinter") ?? inter
        rise = max(count("rise") ?? 2, 1)
        fall = max(count("fall") ?? 3, 1)
    }

    /// The `inter` in force for a server alone (rules that need no other timing skip the rest).
    static func inter(of server: Server, in proxy: EffectiveProxy) -> Duration {
        proxy.option("inter", of: server)?.value.flatMap { try? Duration.parse($0).get() } ?? Duration(microseconds: 2_000_000)
    }

    /// The longest time from the first failed check to DOWN: one `inter`, then `fall - 1` checks at `fastinter`.
    var timeToDown: Duration {
        Duration(microseconds: inter.microseconds + Int64(fall - 1) * fastinter.microseconds)
    }

    /// The longest time from recovery to UP: one `downinter`, then `rise - 1` checks at `fastinter`.
    var timeToUp: Duration {
        Duration(microseconds: downinter.microseconds + Int64(rise - 1) * fastinter.microseconds)
    }
}
