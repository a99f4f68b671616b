import ConfigDiagnostics
import KeepalivedConfig

/// An `auth_pass` longer than the 8 characters VRRP carries.
struct VRRPAuthPassLength: KeepalivedRule {
    static let description = RuleDescription(
        id: "vrrp-auth-pass-length", severity: .error, domain: .keepalived,
        summary: "auth_pass is longer than 8 characters, and keepalived cuts it.",
        rationale: """
            VRRPv2 authentication carries 8 bytes of password. keepalived keeps the first 8 characters \
            ("Truncating auth_pass to 8 characters"), so the rest protects nothing, and two nodes whose passwords \
            differ only after the eighth character still accept each other. Simple password authentication is \
            clear text on the wire in any case. keepalived -t reports the truncation as a configuration error.
            """,
        fix: "Use at most 8 characters, the same on every node.",
        triggering: [
            .keepalived("""
                vrrp_instance VI_1 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 51
                    priority 100
                    authentication {
                        auth_type PASS
                        auth_pass ↓s3cr3t-passw0rd
                    }
                    virtual_ipaddress {
                        192.168.1.10/24
                    }
                }

                """),
        ],
        nonTriggering: [
            .keepalived("""
                vrrp_instance VI_1 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 51
                    priority 100
                    authentication {
                        auth_type PASS
                        auth_pass s3cr3t12
                    }
                    virtual_ipaddress {
                        192.168.1.10/24
                    }
                }

                """),
        ])

    static let limit = 8

    static func message(_ password: String) -> String {
        "auth_pass has \(password.utf8.count) characters; keepalived keeps only '\(String(decoding: password.utf8.prefix(limit), as: UTF8.self))'"
    }

    func check(_ context: KeepalivedCheckContext, _ findings: inout Findings) {
        for instance in context.configuration.instances {
            guard let authentication = instance.authentication, let password = authentication.password,
                  password.utf8.count > Self.limit,
                  let range = context.valueRange("auth_pass", in: authentication.location) else { continue }
            findings.report(Self.message(password), at: range)
        }
    }
}
