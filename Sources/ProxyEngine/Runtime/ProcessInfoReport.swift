#if canImport(Glibc)
import Glibc
#endif
import Foundation
import NIOCore

/// `show info`: HAProxy 2.6.12's `Name: value` lines in its order, with the
/// engine's values; what the engine does not have (SSL, pipes, zlib,
/// peers, pools) reads 0, as on a HAProxy that does not use it.
struct ProcessInfoReport {
    /// The version the engine reports: HAProxy's it behaves as, marked as Weir's engine.
    static let version = "2.6.12-weir"

    let fields: [(String, String)]

    init(engine: EngineContext, totals: CounterTotals) {
        let uptime = Int((NIODeadline.now() - engine.startedAt).nanoseconds / 1_000_000_000)
        let files = ProcessLimits.openFiles
        let sessions = totals.frontends.reduce(UInt64(0)) { $0 + $1.sessions }
        let requests = totals.frontends.reduce(UInt64(0)) { $0 + $1.requests }
        let bytesOut = totals.frontends.reduce(UInt64(0)) { $0 + $1.bytesOut }
        // The process's rates are its frontends' (each peak is summed: exact with one frontend, an upper bound with more).
        let activity = totals.frontends.reduce(ActivityReading()) { $0 + $1.activity }
        let maxconn = engine.connections.globalLimit ?? ProcessLimits.hardMaxconn(engine)
        let host = engine.plan.global.node ?? ProcessInfo.processInfo.hostName
        let listeners = engine.plan.frontends.reduce(0) { $0 + $1.binds.count } + (engine.plan.global.statsSockets?.count ?? 0)
        let rateLimits = engine.connections.rateLimits
        let counts: [(String, String)] = [
            ("Name", "HAProxy"), ("Version", Self.version), ("Release_date", "2023/03/10"),
            ("Nbthread", "\(engine.threadCount)"), ("Nbproc", "1"), ("Process_num", "1"), ("Pid", "\(getpid())"),
            ("Uptime", Self.uptimeText(uptime)), ("Uptime_sec", "\(uptime)"), ("Memmax_MB", "0"), ("PoolAlloc_MB", "0"),
            ("PoolUsed_MB", "0"), ("PoolFailed", "0"), ("Ulimit-n", "\(files)"), ("Maxsock", "\(files)"),
            ("Maxconn", "\(maxconn)"), ("Hard_maxconn", "\(ProcessLimits.hardMaxconn(engine))"),
            ("CurrConns", "\(engine.connections.openCount)"), ("CumConns", "\(sessions)"), ("CumReq", "\(requests)"),
        ]
        let pipes: [(String, String)] = ["MaxSslConns", "CurrSslConns", "CumSslConns", "Maxpipes", "PipesUsed", "PipesFree"]
            .map { ($0, "0") }
        let rates: [(String, String)] = [
            ("ConnRate", "\(activity.connectionRate)"), ("ConnRateLimit", "\(rateLimits.limit(.connections))"),
            ("MaxConnRate", "\(activity.connectionRatePeak)"), ("SessRate", "\(activity.sessionRate)"),
            ("SessRateLimit", "\(rateLimits.limit(.sessions))"), ("MaxSessRate", "\(activity.sessionRatePeak)"),
        ]
        let unused: [(String, String)] = [
            "SslRate", "SslRateLimit", "MaxSslRate", "SslFrontendKeyRate", "SslFrontendMaxKeyRate", "SslFrontendSessionReuse_pct",
            "SslBackendKeyRate", "SslBackendMaxKeyRate", "SslCacheLookups", "SslCacheMisses", "CompressBpsIn", "CompressBpsOut",
            "CompressBpsRateLim", "Tasks", "Run_queue",
        ].map { ($0, "0") }
        let rest: [(String, String)] = [
            ("Idle_pct", "100"), ("node", host), ("Stopping", engine.connections.isDraining ? "1" : "0"),
            ("Jobs", "\(engine.connections.openCount + listeners)"), ("Unstoppable Jobs", "0"), ("Listeners", "\(listeners)"),
            ("ActivePeers", "0"), ("ConnectedPeers", "0"), ("DroppedLogs", "0"), ("BusyPolling", "0"),
            ("FailedResolutions", "0"), ("TotalBytesOut", "\(bytesOut)"), ("TotalSplicdedBytesOut", "0"), ("BytesOutRate", "0"),
            ("DebugCommandsIssued", "0"), ("CumRecvLogs", "0"), ("Build info", Self.version), ("Memmax_bytes", "0"),
            ("PoolAlloc_bytes", "0"), ("PoolUsed_bytes", "0"),
            ("Start_time_sec", "\(Int(Date().timeIntervalSince1970) - uptime)"), ("Tainted", "0"),
        ]
        fields = counts + pipes + rates + unused + rest
    }

    var text: String { fields.map { "\($0.0): \($0.1)\n" }.joined() }

    /// `0d 0h00m08s`.
    static func uptimeText(_ seconds: Int) -> String {
        let days = seconds / 86400, hours = seconds / 3600 % 24, minutes = seconds / 60 % 60, rest = seconds % 60
        return "\(days)d \(hours)h" + String(format: "%02dm%02ds", minutes, rest)
    }
}

/// The process's limits as `show info` and `show stat` report them.
enum ProcessLimits {
    /// The open-file limit (`ulimit -n`).
    static var openFiles: Int {
        var limit = rlimit()
        getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
        return Int(clamping: limit.rlim_cur)
    }

    /// The configured global `maxconn`, else the open-file limit (HAProxy derives its default from it too).
    static func hardMaxconn(_ engine: EngineContext) -> Int { engine.plan.global.maxconn ?? openFiles }

    /// A frontend's session limit: its `maxconn`, else the global one.
    static func frontendLimit(_ engine: EngineContext, _ frontend: String) -> Int {
        engine.connections.frontendCounts(frontend).limit ?? engine.connections.globalLimit ?? hardMaxconn(engine)
    }

    /// A backend's `fullconn` as HAProxy computes it when unset: a tenth of the limits of the frontends that use it.
    static func backendLimit(_ engine: EngineContext, _ backend: String) -> Int {
        let users = engine.plan.frontends.filter { frontend in
            frontend.name == backend || frontend.defaultBackend == backend || frontend.backendRules.contains { $0.backend == backend }
        }
        return max(1, users.reduce(0) { $0 + frontendLimit(engine, $1.name) } / 10)
    }
}
