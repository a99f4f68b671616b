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
        // One pass over the line's options, then the default-server's, for the five in force.
        var options = InForce()
        options.take(server.options)
        options.take(proxy.defaultServerOptions)
        func count(_ option: NamedOption?) -> Int? { option?.value.flatMap { Int($0) } }
        inter = Self.duration(options.inter) ?? Self.defaultInter
        fastinter = Self.duration(options.fastinter) ?? inter
        downinter = Self.duration(options.downinter) ?? inter
        rise = max(count(options.rise) ?? 2, 1)
        fall = max(count(options.fall) ?? 3, 1)
    }

    /// HAProxy's `inter` when none is set.
    static let defaultInter = Duration(microseconds: 2_000_000)

    /// The timing of a server that sets nothing: inter 2s, rise 2, fall 3.
    static let haproxyDefaults = CheckTiming(inter: defaultInter, fastinter: defaultInter, downinter: defaultInter,
                                             rise: 2, fall: 3)

    init(inter: Duration, fastinter: Duration, downinter: Duration, rise: Int, fall: Int) {
        self.inter = inter
        self.fastinter = fastinter
        self.downinter = downinter
        self.rise = rise
        self.fall = fall
    }

    /// The timing options in force: the last of each name on the server line, else on `default-server`.
    private struct InForce {
        var inter, fastinter, downinter, rise, fall: NamedOption?

        /// Takes the options of one layer, last first, for the names no nearer layer set.
        mutating func take(_ options: [NamedOption]) {
            for option in options.reversed() {
                switch option.name {
                case "inter" where inter == nil: inter = option
                case "fastinter" where fastinter == nil: fastinter = option
                case "downinter" where downinter == nil: downinter = option
                case "rise" where rise == nil: rise = option
                case "fall" where fall == nil: fall = option
                default: break
                }
            }
        }
    }

    /// The `inter` in force for a server alone (rules that need no other timing skip the rest).
    static func inter(of server: Server, in proxy: EffectiveProxy) -> Duration {
        duration(proxy.option("inter", of: server)) ?? defaultInter
    }

    /// An option's value as a duration, when it is one.
    private static func duration(_ option: NamedOption?) -> Duration? {
        option?.value.flatMap { try? Duration.parse($0).get() }
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
