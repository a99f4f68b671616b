@testable import ProxyEngine
import XCTest

/// `ServerConnectionStateMachine` as a table, without sockets: every event in
/// every phase (with and without a read held back), then a connection's life
/// from its opening through the pool to its close.
final class ServerConnectionStateMachineTests: XCTestCase {
    private typealias Machine = ServerConnectionStateMachine

    private enum Event {
        case assigned, released, bytesRead, channelClosed, clientWritable
        case readRequested(clientWritable: Bool?)
        case reusable(channelActive: Bool, poolRoom: Bool?)
    }

    private enum Action: Equatable {
        case none
        case flag(Bool)
        case read(Machine.ReadAction)
    }

    private static func apply(_ event: Event, to machine: inout Machine) -> Action {
        switch event {
        case .assigned: machine.assigned()
        case .released: machine.released()
        case .bytesRead: return .read(machine.bytesRead())
        case .channelClosed: return .flag(machine.channelClosed())
        case .clientWritable: return .flag(machine.clientWritable())
        case .readRequested(let writable): return .flag(machine.readRequested(clientWritable: writable))
        case .reusable(let active, let room): return .flag(machine.reusable(channelActive: active, poolRoom: room))
        }
        return .none
    }

    private static let unowned = Machine(state: .unowned, readHeldBack: false)
    private static let serving = Machine(state: .serving, readHeldBack: false)
    private static let held = Machine(state: .serving, readHeldBack: true)
    private static let closed = Machine(state: .closed, readHeldBack: false)
    private static let heldClosed = Machine(state: .closed, readHeldBack: true)

    /// (event, from, action, to): every event in each of the five phases.
    private static let table: [(Event, Machine, Action, Machine)] = [
        (.assigned, unowned, .none, serving), (.assigned, serving, .none, serving), (.assigned, held, .none, held),
        (.assigned, closed, .none, closed), (.assigned, heldClosed, .none, heldClosed),
        (.released, unowned, .none, unowned), (.released, serving, .none, unowned),
        (.released, held, .none, Machine(state: .unowned, readHeldBack: true)),
        (.released, closed, .none, closed), (.released, heldClosed, .none, heldClosed),
        // A pooled connection that speaks breaks the framing: it is closed.
        (.bytesRead, unowned, .read(.close), unowned), (.bytesRead, serving, .read(.deliver), serving),
        (.bytesRead, held, .read(.deliver), held), (.bytesRead, closed, .read(.close), closed),
        (.bytesRead, heldClosed, .read(.close), heldClosed),
        // Only a client being served hears of the close.
        (.channelClosed, unowned, .flag(false), closed), (.channelClosed, serving, .flag(true), closed),
        (.channelClosed, held, .flag(true), heldClosed), (.channelClosed, closed, .flag(false), closed),
        (.channelClosed, heldClosed, .flag(false), heldClosed),
        // Backpressure: reads wait while the client cannot take more, and resume once it can.
        (.readRequested(clientWritable: true), serving, .flag(true), serving),
        (.readRequested(clientWritable: false), serving, .flag(false), held),
        (.readRequested(clientWritable: false), held, .flag(false), held),
        (.readRequested(clientWritable: nil), unowned, .flag(true), unowned),
        (.readRequested(clientWritable: nil), closed, .flag(true), closed),
        (.clientWritable, held, .flag(true), serving), (.clientWritable, serving, .flag(false), serving),
        (.clientWritable, unowned, .flag(false), unowned), (.clientWritable, closed, .flag(false), closed),
        (.clientWritable, heldClosed, .flag(true), closed),
        // Reuse: open, active, and room in the pool when it goes back.
        (.reusable(channelActive: true, poolRoom: nil), unowned, .flag(true), unowned),
        (.reusable(channelActive: true, poolRoom: true), unowned, .flag(true), unowned),
        (.reusable(channelActive: true, poolRoom: false), unowned, .flag(false), unowned),
        (.reusable(channelActive: false, poolRoom: nil), unowned, .flag(false), unowned),
        (.reusable(channelActive: true, poolRoom: true), closed, .flag(false), closed),
        (.reusable(channelActive: true, poolRoom: nil), serving, .flag(true), serving),
    ]

    func testEveryEventInEveryPhase() {
        for (index, (event, from, action, to)) in Self.table.enumerated() {
            var machine = from
            XCTAssertEqual(Self.apply(event, to: &machine), action, "row \(index): \(event) in \(from)")
            XCTAssertEqual(machine, to, "row \(index): \(event) in \(from)")
        }
    }

    func testALifeThroughThePool() {
        var machine = Machine()
        let steps: [(Event, Action)] = [
            (.readRequested(clientWritable: nil), .flag(true)), (.assigned, .none), (.bytesRead, .read(.deliver)),
            (.readRequested(clientWritable: false), .flag(false)), (.clientWritable, .flag(true)), (.released, .none),
            (.reusable(channelActive: true, poolRoom: true), .flag(true)), (.bytesRead, .read(.close)),
            (.channelClosed, .flag(false)), (.reusable(channelActive: true, poolRoom: nil), .flag(false)),
        ]
        for (event, expected) in steps { XCTAssertEqual(Self.apply(event, to: &machine), expected, "\(event)") }
        XCTAssertEqual(machine.state, .closed)
    }
}
