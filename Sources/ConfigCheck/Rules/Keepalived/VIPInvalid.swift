import ConfigDiagnostics
import KeepalivedConfig

/// A `virtual_ipaddress` line keepalived cannot use as written.
struct VIPInvalid: KeepalivedRule {
    static let description = RuleDescription(
        id: "vip-invalid", severity: .error, domain: .keepalived,
        summary: "A virtual address is malformed, of the wrong family, or has options keepalived does not know.",
        rationale: """
            A line of `virtual_ipaddress` is `ADDRESS[/PREFIX] [dev IFACE] [scope SCOPE] [label LABEL] \
            [brd ADDRESS] [peer ADDRESS] …`. keepalived skips an address it cannot parse ("VRRP parsed invalid IP \
            … skipping IP") and one whose family differs from the instance's first address ("address family must \
            match VRRP instance"), so the VIP is never brought up. A prefix length beyond 32 (128 for \
            IPv6) is replaced by the full length, a label of 16 characters or more removes the address, and an \
            unknown option word is ignored ("Unknown configuration entry … for ip address"). keepalived -t \
            reports each of these as a configuration error.
            """,
        fix: "Write the address as ADDRESS/PREFIX followed by known options (dev, scope, label, brd, peer, …).",
        triggering: [
            .keepalived("""
                vrrp_instance VI_1 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 51
                    priority 100
                    virtual_ipaddress {
                        192.168.1.10/24 dev eth0 label eth0:vip
                        ↓192.168.1.300/24
                        ↓192.168.1.11/33
                        ↓2001:db8::10/64
                        192.168.1.12/24 dev eth0 ↓metric
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
                    virtual_ipaddress {
                        192.168.1.10/24 dev eth0 label eth0:vip scope global
                        192.168.1.11 brd 192.168.1.255 dev eth0 noprefixroute
                    }
                }

                """),
        ])

    /// Options followed by a value.
    static let valued: Set<String> = ["dev", "scope", "broadcast", "brd", "label", "peer", "preferred_lft"]
    /// Options that stand alone.
    static let flags: Set<String> = ["home", "-nodad", "mngtmpaddr", "noprefixroute", "autojoin", "no_track", "use_vmac"]
    /// Linux interface names are at most 15 characters.
    static let labelLimit = 15

    static func malformed(_ text: String) -> String { "'\(text)' is not an IP address: keepalived skips it" }
    static func prefix(_ length: String, family: IPAddressFamily) -> String {
        "prefix length /\(length) is not valid for \(family.name) (0–\(family.maximumPrefix)): keepalived uses /\(family.maximumPrefix)"
    }
    static func family(_ address: String, expected: IPAddressFamily) -> String {
        "'\(address)' is not \(expected.name) like the instance's first address: keepalived skips it"
    }
    static func label(_ label: String) -> String {
        "label '\(label)' is longer than \(labelLimit) characters: keepalived removes the address"
    }
    static func unknownOption(_ word: String) -> String { "'\(word)' is not an option of a virtual address: keepalived ignores it" }

    func check(_ context: KeepalivedCheckContext, _ findings: inout Findings) {
        for instance in context.configuration.instances {
            guard let instanceBlock = context.block(of: instance) else { continue }
            if let block = instanceBlock.child("virtual_ipaddress") { check(block, sameFamily: true, context, &findings) }
            if let block = instanceBlock.child("virtual_ipaddress_excluded") {
                check(block, sameFamily: false, context, &findings)
            }
        }
    }

    /// Checks the lines of an address block; only advertised addresses must share the instance's family.
    private func check(_ block: KeepalivedNode, sameFamily: Bool, _ context: KeepalivedCheckContext,
                       _ findings: inout Findings) {
        var instanceFamily: IPAddressFamily?
        for line in block.children ?? [] {
            let words = [line.keyword] + line.arguments
            let parts = words[0].text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            let range = context.range(of: words[0])
            guard let family = IPAddressFamily(address: String(parts[0])) else {
                findings.report(Self.malformed(words[0].text), at: range)
                continue
            }
            if parts.count > 1, Int(parts[1]).map({ $0 < 0 || $0 > family.maximumPrefix }) ?? true {
                findings.report(Self.prefix(String(parts[1]), family: family), at: range)
            }
            if sameFamily, let expected = instanceFamily, expected != family {
                findings.report(Self.family(words[0].text, expected: expected), at: range)
                continue
            }
            instanceFamily = instanceFamily ?? family
            checkOptions(Array(words.dropFirst()), context, &findings)
        }
    }

    private func checkOptions(_ words: [KeepalivedWord], _ context: KeepalivedCheckContext, _ findings: inout Findings) {
        var index = 0
        while index < words.count {
            let word = words[index].text
            if Self.valued.contains(word) {
                if word == "label", index + 1 < words.count, words[index + 1].text.utf8.count > Self.labelLimit {
                    findings.report(Self.label(words[index + 1].text), at: context.range(of: words[index + 1]))
                }
                index += 2
            } else {
                if !Self.flags.contains(word) {
                    findings.report(Self.unknownOption(word), at: context.range(of: words[index]))
                }
                index += 1
            }
        }
    }
}
