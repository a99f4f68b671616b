/// The HAProxy build that `.if` conditions are evaluated against
/// (`version_atleast()`, `feature()`, `openssl_version_atleast()`…).
/// The default is Debian bookworm's haproxy 2.6.12 package.
public struct BuildProfile: Sendable, Hashable {
    public var version: String
    /// Enabled build features, without the leading `+`.
    public var features: Set<String>
    public var sslLibraryName: String
    public var sslLibraryVersion: String

    public init(version: String, features: Set<String>, sslLibraryName: String, sslLibraryVersion: String) {
        self.version = version
        self.features = features
        self.sslLibraryName = sslLibraryName
        self.sslLibraryVersion = sslLibraryVersion
    }

    /// Debian bookworm's haproxy 2.6.12 with OpenSSL 3.0.
    public static let debianBookworm = BuildProfile(
        version: "2.6.12",
        features: [
            "ACCEPT4", "BACKTRACE", "CPU_AFFINITY", "CRYPT_H", "DL", "EPOLL", "GETADDRINFO", "LIBCRYPT",
            "LINUX_SPLICE", "LINUX_TPROXY", "LUA", "NETFILTER", "NS", "OPENSSL", "OT", "PCRE2", "PCRE2_JIT",
            "POLL", "PRCTL", "PROMEX", "RT", "SLZ", "SYSTEMD", "TFO", "THREAD", "THREAD_DUMP", "TPROXY",
        ],
        sslLibraryName: "OpenSSL",
        sslLibraryVersion: "3.0.0"
    )

    /// Compares dotted versions numerically (`2.6.12` > `2.6.9`); a
    /// `-dev`/`-rc` suffix sorts before the release.
    public static func compare(_ lhs: String, _ rhs: String) -> Int {
        func parts(_ version: String) -> ([Int], Bool) {
            let main = version.split(separator: "-", maxSplits: 1)
            let numbers = (main.first ?? "").split(separator: ".").map { Int($0.prefix { $0.isNumber }) ?? 0 }
            return (numbers, main.count > 1)
        }
        let (a, aPre) = parts(lhs)
        let (b, bPre) = parts(rhs)
        for index in 0..<max(a.count, b.count) {
            let x = index < a.count ? a[index] : 0
            let y = index < b.count ? b[index] : 0
            if x != y { return x < y ? -1 : 1 }
        }
        if aPre != bPre { return aPre ? -1 : 1 }
        return 0
    }
}
