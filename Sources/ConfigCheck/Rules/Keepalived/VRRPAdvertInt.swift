import ConfigDiagnostics
import Foundation
import KeepalivedConfig

/// An `advert_int` keepalived cannot use as written.
struct VRRPAdvertInt: KeepalivedRule {
    static let description = RuleDescription(
        id: "vrrp-advert-int", severity: .error, domain: .keepalived,
        summary: "advert_int is out of range, or fractional where VRRPv2 needs whole seconds.",
        rationale: """
            VRRPv2 carries the advertisement interval in whole seconds: keepalived rounds a fractional advert_int \
            ("VRRPv2 advertisement interval 0.500000s must be an integer. rounding"), so failover is slower than \
            the configuration says. VRRPv3 counts in centiseconds up to 40.95 s. A value of 0 or above 255 s is \
            ignored ("Advert interval not valid") and the default of 1 s is used. The backup declares the master \
            dead after about three intervals. keepalived -t reports each case as a configuration error.
            """,
        fix: "Use whole seconds with VRRPv2 (advert_int 1), or `version 3` for sub-second intervals.",
        triggering: [
            .keepalived("""
                vrrp_instance VI_1 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 51
                    priority 100
                    advert_int ↓0.5
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
                    version 3
                    advert_int 0.5
                    virtual_ipaddress {
                        192.168.1.10/24
                    }
                }

                """),
        ])

    static func fractional(_ value: Double) -> String {
        "VRRPv2 advertises whole seconds: keepalived rounds advert_int \(format(value)) to \(format(value.rounded()))"
    }

    static func outOfRange(_ value: Double) -> String {
        "advert_int \(format(value)) is outside 0.01–255 seconds: keepalived ignores it and uses 1"
    }

    static func tooLongForVersion3(_ value: Double) -> String {
        "VRRPv3 advertises at most every 40.95 s: keepalived uses 40.95 instead of \(format(value))"
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    func check(_ context: KeepalivedCheckContext, _ findings: inout Findings) {
        for instance in context.configuration.instances {
            guard let value = instance.advertInterval,
                  let range = context.valueRange("advert_int", in: instance.location) else { continue }
            let version = context.vrrpVersion(of: instance)
            if value < 0.01 || value > 255 {
                findings.report(Self.outOfRange(value), at: range)
            } else if version == 3, value > 40.95 {
                findings.report(Self.tooLongForVersion3(value), at: range)
            } else if version == 2, value != value.rounded() {
                findings.report(Self.fractional(value), at: range)
            }
        }
    }
}
