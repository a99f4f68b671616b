import ConfigDiagnostics
import Foundation
import HAProxyConfig

/// A `crt` file whose certificate expires within 30 days.
struct CRTExpiring: HAProxyRule {
    static let description = RuleDescription(
        id: "crt-expiring", severity: .warning, domain: .haproxy,
        summary: "A certificate expires within 30 days.",
        rationale: """
            A certificate that expires soon still works, but renewal that failed silently is a common cause of \
            outages. Weir warns 30 days ahead, the usual renewal window of automated certificate authorities.
            """,
        fix: "Renew the certificate, or check that automatic renewal runs and reloads haproxy.",
        triggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :443 ssl crt ↓"${WEIR_CERTS}/expiring.pem"
                    timeout client 5s
                    default_backend app
                backend app
                    mode http
                    timeout connect 5s
                    timeout server 5s
                    server a 127.0.0.1:8080

                """),
        ],
        nonTriggering: [
            .haproxy("""
                frontend web
                    mode http
                    bind :443 ssl crt "${WEIR_CERTS}/valid.pem"
                    timeout client 5s
                    default_backend app
                backend app
                    mode http
                    timeout connect 5s
                    timeout server 5s
                    server a 127.0.0.1:8080

                """),
            .haproxy("""
                frontend web
                    mode http
                    bind :443 ssl crt "${WEIR_CERTS}/expired.pem"
                    timeout client 5s
                    default_backend app
                backend app
                    mode http
                    timeout connect 5s
                    timeout server 5s
                    server a 127.0.0.1:8080

                """),
        ])

    /// How long before expiry the rule warns.
    static let window: TimeInterval = 30 * 24 * 3600

    static func message(_ path: String, expiry: Date, days: Int) -> String {
        "the certificate in '\(path)' expires on \(format(expiry)), in \(days) day\(days == 1 ? "" : "s")"
    }

    /// A date as YYYY-MM-DD in UTC.
    static func format(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        let now = context.environment.now
        for (reference, file) in context.certificateFiles {
            guard let expiry = file.bundle?.certificate?.notValidAfter, expiry > now,
                  expiry.timeIntervalSince(now) < Self.window else { continue }
            let days = Int((expiry.timeIntervalSince(now) / 86400).rounded())
            findings.report(Self.message(file.path, expiry: expiry, days: days), at: reference.range)
        }
    }
}
