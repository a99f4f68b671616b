@testable import ProxyEngine
import XCTest

/// `ByteRelayStateMachine` as a table, without sockets: every event in each
/// phase of a tunnel side (input open or ended, write side open or shut, a read
/// held back or not), with the partner's phase where the event depends on it.
final class ByteRelayStateMachineTests: XCTestCase {
    private typealias Machine = ByteRelayStateMachine

    private enum Event {
        case readRequested(partnerWritable: Bool)
        case partnerWritable
        case endInput(partner: Machine.Partner)
        case joined(partner: Machine.Partner)
        case outputWasShut
        case idleExpired(partnerJoined: Bool)
        case usesFinTimeout(hasFinTimeout: Bool)
        case idleTimerRuns
    }

    private enum Action: Equatable {
        case none
        case flag(Bool)
        case end(Machine.EndAction)
        case idle(Machine.IdleAction)
    }

    private static func apply(_ event: Event, to machine: inout Machine) -> Action {
        switch event {
        case .readRequested(let writable): return .flag(machine.readRequested(partnerWritable: writable))
        case .partnerWritable: return .flag(machine.partnerWritable())
        case .endInput(let partner): return .end(machine.endInput(partner: partner))
        case .joined(let partner): return .end(machine.joined(partner: partner))
        case .outputWasShut: machine.outputWasShut()
        case .idleExpired(let joined): return .idle(machine.idleExpired(partnerJoined: joined))
        case .usesFinTimeout(let has): return .flag(machine.usesFinTimeout(hasFinTimeout: has))
        case .idleTimerRuns: return .flag(machine.idleTimerRuns)
        }
        return .none
    }

    private static func machine(ended: Bool = false, shut: Bool = false, held: Bool = false) -> Machine {
        Machine(inputEnded: ended, outputShut: shut, readHeldBack: held)
    }

    /// The eight phases of a side.
    private static var phases: [Machine] {
        [false, true].flatMap { ended in [false, true].flatMap { shut in [false, true].map { held in machine(ended: ended, shut: shut, held: held) } } }
    }

    /// What each event gives in a phase, and the phase after it.
    private static func expected(_ event: Event, _ from: Machine) -> (Action, Machine) {
        let ended = from.inputEnded, shut = from.outputShut, held = from.readHeldBack
        switch event {
        case .readRequested(true): return (.flag(true), from)
        case .readRequested(false): return (.flag(false), machine(ended: ended, shut: shut, held: true))
        // A held read goes ahead once the partner can take more, unless nothing more is read on this side.
        case .partnerWritable:
            return held && !ended ? (.flag(true), machine(ended: ended, shut: shut)) : (.flag(false), from)
        // An end is passed on once: a write-side shut for an open partner, both closed when its input ended too.
        case .endInput(let partner):
            guard !ended else { return (.end(.none), from) }
            let action: Machine.EndAction = partner == .absent ? .none : partner == .open ? .shutPartnerOutput : .closeBoth
            return (.end(action), machine(ended: true, shut: shut, held: held))
        case .joined(let partner):
            guard ended else { return (.end(.none), from) }
            return (.end(partner == .absent ? .none : partner == .open ? .shutPartnerOutput : .closeBoth), from)
        case .outputWasShut: return (.none, machine(ended: ended, shut: true, held: held))
        case .idleExpired(let joined):
            return (.idle(ended ? .none : joined ? .endInput : .close), from)
        // `timeout client-fin` / `server-fin` is the limit once the write side is shut, when set.
        case .usesFinTimeout(let has): return (.flag(shut && has), from)
        case .idleTimerRuns: return (.flag(!ended), from)
        }
    }

    private static let events: [Event] = [
        .readRequested(partnerWritable: true), .readRequested(partnerWritable: false), .partnerWritable,
        .endInput(partner: .absent), .endInput(partner: .open), .endInput(partner: .inputEnded),
        .joined(partner: .absent), .joined(partner: .open), .joined(partner: .inputEnded), .outputWasShut,
        .idleExpired(partnerJoined: false), .idleExpired(partnerJoined: true),
        .usesFinTimeout(hasFinTimeout: false), .usesFinTimeout(hasFinTimeout: true), .idleTimerRuns,
    ]

    func testEveryEventInEveryPhase() {
        for event in Self.events {
            for from in Self.phases {
                var machine = from
                let (action, next) = Self.expected(event, from)
                XCTAssertEqual(Self.apply(event, to: &machine), action, "\(event) in \(from)")
                XCTAssertEqual(machine, next, "\(event) in \(from)")
            }
        }
    }

    /// Some rows spelled out, so the rules above are read against cases.
    func testNamedRows() {
        let rows: [(Event, Machine, Action, Machine)] = [
            // The client's FIN: the server's write side is shut, the other direction flows on.
            (.endInput(partner: .open), Self.machine(), .end(.shutPartnerOutput), Self.machine(ended: true)),
            // The second FIN: both close.
            (.endInput(partner: .inputEnded), Self.machine(shut: true), .end(.closeBoth), Self.machine(ended: true, shut: true)),
            // A FIN read before the partner joined is passed on at the join.
            (.endInput(partner: .absent), Self.machine(), .end(.none), Self.machine(ended: true)),
            (.joined(partner: .open), Self.machine(ended: true), .end(.shutPartnerOutput), Self.machine(ended: true)),
            // An idle side before the server is connected closes; after, it ends its direction.
            (.idleExpired(partnerJoined: false), Self.machine(), .idle(.close), Self.machine()),
            (.idleExpired(partnerJoined: true), Self.machine(), .idle(.endInput), Self.machine()),
            (.usesFinTimeout(hasFinTimeout: true), Self.machine(shut: true), .flag(true), Self.machine(shut: true)),
        ]
        for (event, from, action, to) in rows {
            var machine = from
            XCTAssertEqual(Self.apply(event, to: &machine), action, "\(event) in \(from)")
            XCTAssertEqual(machine, to, "\(event) in \(from)")
        }
    }
}
