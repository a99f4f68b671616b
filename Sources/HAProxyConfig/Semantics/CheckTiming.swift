/// The health-check timing in force for one server: its own options over
/// `default-server` over HAProxy's defaults (inter 2s, rise 2, fall 3;
/// fastinter and downinter default to inter). Read once here for the
/// checker's rules and the planner.
///
/// HAProxy 2.6 reads `rise` and `fall` as `atol` does (`3x` is 3) and
/// refuses the configuration at a value of 0 or less (`'rise' has to be >
/// 0`), and refuses an interval of 0 or one it cannot read; nothing is
/// clamped. A value it refuses (reported by the checker's rules) leaves
/// HAProxy's default here.
public struct CheckTiming: Hashable, Sendable {
    public var inter: Duration
    public var fastinter: Duration
    public var downinter: Duration
    public var rise: Int
    public var fall: Int

    /// The timing of `options` and then `later`, read in order so a later one wins: the `default-server` options,
    /// then the line's.
    public init(options: [NamedOption], then later: [NamedOption] = []) {
        // Five slots rather than a dictionary: the checker reads this for every server of large configurations.
        var inter, fastinter, downinter, rise, fall: String?
        for option in [options, later].joined() {
            switch option.name {
            case "inter": inter = option.value
            case "fastinter": fastinter = option.value
            case "downinter": downinter = option.value
            case "rise": rise = option.value
            case "fall": fall = option.value
            default: break
            }
        }
        self.inter = Self.interval(inter) ?? Self.defaultInter
        self.fastinter = Self.interval(fastinter) ?? self.inter
        self.downinter = Self.interval(downinter) ?? self.inter
        self.rise = Self.count(rise) ?? 2
        self.fall = Self.count(fall) ?? 3
    }

    /// The timing of a server of a proxy, `default-server` lines included.
    public init(_ server: Server, _ proxy: EffectiveProxy) {
        self.init(options: proxy.defaultServerOptions, then: server.options)
    }

    public init(inter: Duration, fastinter: Duration, downinter: Duration, rise: Int, fall: Int) {
        self.inter = inter
        self.fastinter = fastinter
        self.downinter = downinter
        self.rise = rise
        self.fall = fall
    }

    /// An interval HAProxy accepts: a duration above 0.
    static func interval(_ text: String?) -> Duration? {
        text.flatMap { try? Duration.parse($0).get() }.flatMap { $0.microseconds > 0 ? $0 : nil }
    }

    /// A count HAProxy accepts: `atol` of the text above 0.
    static func count(_ text: String?) -> Int? {
        text.flatMap { Int(leadingDigitsOf: $0) }.flatMap { $0 > 0 ? $0 : nil }
    }

    /// HAProxy's `inter` when none is set.
    public static let defaultInter = Duration(microseconds: 2_000_000)

    /// The timing of a server that sets nothing: inter 2s, rise 2, fall 3.
    public static let haproxyDefaults = CheckTiming(inter: defaultInter, fastinter: defaultInter, downinter: defaultInter,
                                                    rise: 2, fall: 3)

    /// The `inter` in force for a server alone (rules that need no other timing skip the rest).
    public static func inter(of server: Server, in proxy: EffectiveProxy) -> Duration {
        interval(proxy.option("inter", of: server)?.value) ?? defaultInter
    }

    /// The longest time from the first failed check to DOWN: one `inter`, then `fall - 1` checks at `fastinter`.
    public var timeToDown: Duration {
        Duration(microseconds: inter.microseconds + Int64(fall - 1) * fastinter.microseconds)
    }

    /// The longest time from recovery to UP: one `downinter`, then `rise - 1` checks at `fastinter`.
    public var timeToUp: Duration {
        Duration(microseconds: downinter.microseconds + Int64(rise - 1) * fastinter.microseconds)
    }
}
