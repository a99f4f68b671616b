import ConfigDiagnostics
import KeepalivedConfig

/// A tracked check on the MASTER whose failure does not bring it below the BACKUP.
struct VRRPFailoverIneffective: PairRule {
    static let description = RuleDescription(
        id: "vrrp-failover-ineffective", severity: .warning, domain: .pair,
        summary: "When a check the MASTER tracks fails, its VRRP priority stays at or above the BACKUP's, so the virtual address never moves.",
        rationale: """
            Keepalived moves a virtual address by priority. A tracked script or interface with a positive weight \
            adds it while the check succeeds; a negative weight subtracts it while the check fails; a weight of 0 \
            (the default) puts the instance in FAULT, which always gives the address up. A weight on the \
            `track_script` line replaces the script's, and an address owner (priority 255) ignores weights. So \
            for each check the MASTER tracks, weir computes the priority the MASTER advertises when that check \
            alone fails, and compares it with the best priority of the other nodes: if it is not lower, the \
            BACKUP never preempts and the address stays on the node whose service is down. The classic case: \
            MASTER 101 tracking `chk_haproxy` with `weight 2` (103 while haproxy runs), BACKUP 100 without the \
            script; when haproxy dies the MASTER falls back to 101, still above 100. A BACKUP with `nopreempt` \
            never takes the address from a running MASTER either, whatever the priorities; only a FAULT moves it.
            """,
        fix: "Give the check a negative weight larger than the gap (`weight -20`), or track the script on every node with a weight larger than the gap, or use weight 0 so a failure means FAULT.",
        triggering: [
            .pair(a: (haproxy: PairExamples.haproxy, keepalived: """
                    vrrp_script chk_haproxy {
                        script "/usr/bin/pgrep haproxy"
                        interval 2
                        weight 2
                    }

                    """ + PairExamples.instance(state: "MASTER", priority: 101)
                        .replacingOccurrences(of: "}\n}\n", with: "}\n    track_script {\n        ↓chk_haproxy\n    }\n}\n")),
                  b: (haproxy: PairExamples.haproxy, keepalived: PairExamples.instance(state: "BACKUP", priority: 100))),
        ],
        nonTriggering: [
            .pair(a: (haproxy: PairExamples.haproxy, keepalived: """
                    vrrp_script chk_haproxy {
                        script "/usr/bin/pgrep haproxy"
                        interval 2
                        weight -20
                    }

                    """ + PairExamples.instance(state: "MASTER", priority: 101)
                        .replacingOccurrences(of: "}\n}\n", with: "}\n    track_script {\n        chk_haproxy\n    }\n}\n")),
                  b: (haproxy: PairExamples.haproxy, keepalived: PairExamples.instance(state: "BACKUP", priority: 100))),
        ])

    static func message(_ instance: String, master: String, item: FailoverPriority.Tracked, from healthy: Int, to failing: Int,
                        other: String, otherPriority: Int) -> String {
        let comparison = failing == otherPriority ? "equal to" : "still above"
        return "when \(item.kind) '\(item.entry.name)' fails on \(master) (MASTER of \(instance)), its priority goes from "
            + "\(healthy) to \(failing), \(comparison) \(otherPriority) on \(other): the virtual address stays on the node "
            + "whose check failed"
    }

    static func nopreempt(_ instance: String, master: String, item: FailoverPriority.Tracked, other: String) -> String {
        "when \(item.kind) '\(item.entry.name)' fails on \(master) (MASTER of \(instance)), its priority drops, but \(other) "
            + "has 'nopreempt' and never takes the address from a running MASTER: only a FAULT (weight 0) moves it"
    }

    static func remedy(master: FailoverPriority, item: FailoverPriority.Tracked, otherBase: Int, otherHealthy: Int) -> DiagnosticNote {
        let negative = -(max(master.without(item) - otherHealthy, 0) + 1)
        let both = max(master.base - otherBase + 1, 1)
        return DiagnosticNote(message: "fix: 'weight \(negative)' or lower on this check (or weight 0 for FAULT), "
            + "or track it on every node with 'weight \(both)' or more")
    }

    func check(_ nodes: [NodeCheckContext], _ findings: inout Findings) {
        // Each keepalived.conf's scripts by name, worked out once (a file is known by its path).
        var scriptTables: [String: [String: VRRPScript]] = [:]
        for node in nodes {
            for context in node.keepalived {
                scriptTables[context.syntax.files.first?.path ?? ""] = FailoverPriority.scripts(of: context.configuration)
            }
        }
        for paired in nodes.pairedInstances where paired.members.count > 1 {
            let priorities = paired.members.map {
                FailoverPriority($0.instance, scripts: scriptTables[$0.context.syntax.files.first?.path ?? ""] ?? [:])
            }
            // The MASTER is the member configured so, else the one with the highest priority.
            let masterIndex = paired.members.firstIndex { $0.instance.state?.uppercased() == "MASTER" }
                ?? priorities.indices.max { priorities[$0].healthy < priorities[$1].healthy }!
            let master = paired.members[masterIndex], masterPriority = priorities[masterIndex]
            let others = paired.members.indices.filter { $0 != masterIndex }
            guard let best = others.max(by: { priorities[$0].healthy < priorities[$1].healthy }) else { continue }
            for item in masterPriority.tracked {
                guard let failing = masterPriority.failing(item) else { continue }
                let range = master.context.range(of: item.entry.location)
                let detection = item.detection.map { [DiagnosticNote(message: "noticed after fall × interval = \(Self.seconds($0))")] } ?? []
                if let blocking = others.first(where: { paired.members[$0].instance.noPreempt }) {
                    findings.report(Self.nopreempt(paired.name, master: master.node.label, item: item,
                                                   other: paired.members[blocking].node.label), at: range, notes: detection)
                    continue
                }
                guard failing >= priorities[best].healthy else { continue }
                let otherBase = priorities[best].base
                findings.report(Self.message(paired.name, master: master.node.label, item: item, from: masterPriority.healthy,
                                             to: failing, other: paired.members[best].node.label,
                                             otherPriority: priorities[best].healthy),
                                at: range,
                                notes: detection + [Self.remedy(master: masterPriority, item: item, otherBase: otherBase,
                                                                otherHealthy: priorities[best].healthy)])
            }
        }
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value))s" : "\(value)s"
    }
}
