@testable import ProxyEngine
import XCTest

/// `ClientConnectionStateMachine` as a table, without sockets: for every event,
/// every phase of the connection (the rows list the transitions; a phase not
/// listed for an event must give the event's default action and stay where it
/// is), then the request/response stories of an HTTP/1 connection as sequences.
final class ClientConnectionStateMachineTests: XCTestCase {
    private typealias Machine = ClientConnectionStateMachine
    private typealias State = ClientConnectionStateMachine.State

    /// Everything the machine answers to an event, in one comparable value.
    private enum Action: Equatable {
        case none
        case flag(Bool)
        case status(Int)
        case inputEnd(Machine.InputEndAction)
        case waitExpired(Machine.WaitExpiredAction)
        case serverClosed(Machine.ServerClosedAction)
        case serverTimeout(Machine.ServerTimeoutAction)
        case clientClosed(Machine.ClientClosedAction)
        case clientTimeout(Machine.ClientTimeoutAction)
        case exchangeEnd(Machine.ExchangeEndAction)
    }

    /// The machine's events (and the questions the handler asks it).
    private enum Event {
        case headIncomplete, headComplete
        case headInvalid(unsupportedTransferCoding: Bool)
        case waitExpired(bytesBuffered: Bool)
        case drain(bytesBuffered: Bool)
        case requestForwarded(bodyComplete: Bool)
        case requestBodyEnded, requestBodyInvalid
        case responseBytesArrived
        case finalResponseHead(untilClose: Bool)
        case responseHeadSent, retrying, responseBodyInvalid, serverClosed, serverTimedOut
        case errorPageCloses(clientKeepAlive: Bool)
        case poolsServerConnection(serverKeeps: Bool, serverWantsClose: Bool, backendCloses: Bool)
        case tunnelOpened
        case exchangeEnded(keepOpen: Bool, draining: Bool)
        case discardBody, discardedBodyEnded, clientInputEnded, closing, clientClosed
        case wantsInput(serverWritable: Bool?)
        case requestComplete, responseStarted
        case clientTimeoutApplies(serverTimeout: Bool)
        case clientTimedOut(serverTimeout: Bool, reading: Bool)
    }

    private static func apply(_ event: Event, to machine: inout Machine) -> Action {
        switch event {
        case .headIncomplete: return .flag(machine.headIncomplete())
        case .headComplete: machine.headComplete()
        case .headInvalid(let coding): return .status(machine.headInvalid(unsupportedTransferCoding: coding))
        case .waitExpired(let bytes): return .waitExpired(machine.waitExpired(bytesBuffered: bytes))
        case .drain(let bytes): return .flag(machine.closesOnDrain(bytesBuffered: bytes))
        case .requestForwarded(let complete): machine.requestForwarded(bodyComplete: complete)
        case .requestBodyEnded: machine.requestBodyEnded()
        case .requestBodyInvalid: return .status(machine.requestBodyInvalid())
        case .responseBytesArrived: machine.responseBytesArrived()
        case .finalResponseHead(let untilClose): machine.finalResponseHead(untilClose: untilClose)
        case .responseHeadSent: machine.responseHeadSent()
        case .retrying: machine.retrying()
        case .responseBodyInvalid: return .serverClosed(machine.responseBodyInvalid())
        case .serverClosed: return .serverClosed(machine.serverClosed())
        case .serverTimedOut: return .serverTimeout(machine.serverTimedOut())
        case .errorPageCloses(let keepAlive): return .flag(machine.errorPageCloses(clientKeepAlive: keepAlive))
        case .poolsServerConnection(let keeps, let wantsClose, let backendCloses):
            return .flag(machine.poolsServerConnection(serverKeeps: keeps, serverWantsClose: wantsClose, backendCloses: backendCloses))
        case .tunnelOpened: machine.tunnelOpened()
        case .exchangeEnded(let keepOpen, let draining): return .exchangeEnd(machine.exchangeEnded(keepOpen: keepOpen, draining: draining))
        case .discardBody: return .flag(machine.discardBody())
        case .discardedBodyEnded: machine.discardedBodyEnded()
        case .clientInputEnded: return .inputEnd(machine.clientInputEnded())
        case .closing: machine.closing()
        case .clientClosed: return .clientClosed(machine.clientClosed())
        case .wantsInput(let writable): return .flag(machine.wantsInput(serverWritable: writable))
        case .requestComplete: return .flag(machine.requestComplete)
        case .responseStarted: return .flag(machine.responseStarted)
        case .clientTimeoutApplies(let server): return .flag(machine.clientTimeoutApplies(serverTimeout: server))
        case .clientTimedOut(let server, let reading): return .clientTimeout(machine.clientTimedOut(serverTimeout: server, reading: reading))
        }
        return .none
    }

    private static func machine(_ state: State, served: Bool = true, inputClosed: Bool = false) -> Machine {
        Machine(state: state, servedOne: served, clientInputClosed: inputClosed)
    }

    // The phases every event is tried in.
    private static let first = machine(.waitingHead(.first), served: false)
    private static let idle = machine(.waitingHead(.idle))
    private static let started = machine(.waitingHead(.started))
    /// A request whose body streams, the server silent / partway through a head / answering early.
    private static let bodyAwaited = machine(.forwarding(.streaming, .awaited))
    private static let bodyHeads = machine(.forwarding(.streaming, .heads))
    private static let bodyAnswered = machine(.forwarding(.streaming, .body(untilClose: false, headSent: true)))
    /// A whole request: awaiting the response, partway through its head, its head held, its body streaming, a body until close.
    private static let awaited = machine(.forwarding(.complete, .awaited))
    private static let heads = machine(.forwarding(.complete, .heads))
    private static let headHeld = machine(.forwarding(.complete, .body(untilClose: false, headSent: false)))
    private static let streaming = machine(.forwarding(.complete, .body(untilClose: false, headSent: true)))
    private static let untilClose = machine(.forwarding(.complete, .body(untilClose: true, headSent: true)))
    private static let discarding = machine(.discarding)
    private static let tunnel = machine(.tunnel)
    private static let closing = machine(.closing)

    private static let phases = [first, idle, started, bodyAwaited, bodyHeads, bodyAnswered, awaited, heads, headHeld,
                                 streaming, untilClose, discarding, tunnel, closing]
    private static let requestStreaming = [bodyAwaited, bodyHeads, bodyAnswered]
    private static let requestWhole = [awaited, heads, headHeld, streaming, untilClose]
    private static let waitingHead = [first, idle, started]

    /// One event: what every phase not in `rows` gives (`defaultNext` nil: it stays as it is), and the rows.
    private struct EventTable {
        let event: Event
        let defaultAction: Action
        var defaultNext: ((Machine) -> Machine)? = nil
        let rows: [(from: Machine, action: Action, to: Machine)]
    }

    private static func with(_ machine: Machine, _ state: State? = nil, served: Bool? = nil, inputClosed: Bool? = nil) -> Machine {
        Machine(state: state ?? machine.state, servedOne: served ?? machine.servedOne,
                clientInputClosed: inputClosed ?? machine.clientInputClosed)
    }

    private static var table: [EventTable] { [
        // A part of a head: an idle keep-alive connection's next request begins (its wait becomes the request wait).
        EventTable(event: .headIncomplete, defaultAction: .flag(false),
                   rows: [(idle, .flag(true), started)]),
        EventTable(event: .headComplete, defaultAction: .none, rows: [(idle, .none, started)]),
        // A malformed head: 400 (422 for a transfer coding haproxy does not handle), then close (see `exchangeEnded`).
        EventTable(event: .headInvalid(unsupportedTransferCoding: false), defaultAction: .status(400), rows: []),
        EventTable(event: .headInvalid(unsupportedTransferCoding: true), defaultAction: .status(422), rows: []),
        // `timeout http-request` / `http-keep-alive`: 408 for a first request or a begun one, silence for an idle connection.
        EventTable(event: .waitExpired(bytesBuffered: false), defaultAction: .waitExpired(.none), rows: [
            (first, .waitExpired(.requestTimeout), first),
            (idle, .waitExpired(.closeSilently), idle),
            (started, .waitExpired(.closeSilently), started),
            (discarding, .waitExpired(.closeAfterWrites), discarding),
        ]),
        EventTable(event: .waitExpired(bytesBuffered: true), defaultAction: .waitExpired(.none), rows: [
            (first, .waitExpired(.requestTimeout), first),
            (idle, .waitExpired(.requestTimeout), idle),
            (started, .waitExpired(.requestTimeout), started),
            (discarding, .waitExpired(.closeAfterWrites), discarding),
        ]),
        // Soft stop: an idle keep-alive connection closes, a first request is still answered.
        EventTable(event: .drain(bytesBuffered: false), defaultAction: .flag(false), rows: [
            (idle, .flag(true), idle), (started, .flag(true), started),
            (with(first, served: true), .flag(true), with(first, served: true)),
        ]),
        EventTable(event: .drain(bytesBuffered: true), defaultAction: .flag(false), rows: []),
        EventTable(event: .requestForwarded(bodyComplete: false), defaultAction: .none,
                   defaultNext: { with($0, .forwarding(.streaming, .awaited)) }, rows: []),
        EventTable(event: .requestForwarded(bodyComplete: true), defaultAction: .none,
                   defaultNext: { with($0, .forwarding(.complete, .awaited)) }, rows: []),
        EventTable(event: .requestBodyEnded, defaultAction: .none, rows: [
            (bodyAwaited, .none, awaited), (bodyHeads, .none, heads), (bodyAnswered, .none, streaming),
        ]),
        EventTable(event: .requestBodyInvalid, defaultAction: .status(400), rows: []),
        EventTable(event: .responseBytesArrived, defaultAction: .none, rows: [
            (bodyAwaited, .none, bodyHeads), (awaited, .none, heads),
        ]),
        EventTable(event: .finalResponseHead(untilClose: false), defaultAction: .none, rows:
            (requestStreaming + requestWhole).map { ($0, .none, with($0, .forwarding($0.requestComplete ? .complete : .streaming,
                                                                                     .body(untilClose: false, headSent: false)))) }),
        EventTable(event: .finalResponseHead(untilClose: true), defaultAction: .none, rows:
            (requestStreaming + requestWhole).map { ($0, .none, with($0, .forwarding($0.requestComplete ? .complete : .streaming,
                                                                                     .body(untilClose: true, headSent: false)))) }),
        EventTable(event: .responseHeadSent, defaultAction: .none, rows: [
            (headHeld, .none, streaming),
            (machine(.forwarding(.complete, .body(untilClose: true, headSent: false))), .none, untilClose),
            (machine(.forwarding(.streaming, .body(untilClose: false, headSent: false))), .none, bodyAnswered),
        ]),
        // `retry-on`: the response so far is forgotten, the request is sent again.
        EventTable(event: .retrying, defaultAction: .none, rows:
            requestStreaming.map { ($0, .none, bodyAwaited) } + requestWhole.map { ($0, .none, awaited) }),
        // A response body that breaks its framing: 502 while its head is held, else the client is closed.
        EventTable(event: .responseBodyInvalid, defaultAction: .serverClosed(.abortClient), rows: [
            (headHeld, .serverClosed(.badGateway), headHeld),
            (machine(.forwarding(.complete, .body(untilClose: true, headSent: false))), .serverClosed(.badGateway),
             machine(.forwarding(.complete, .body(untilClose: true, headSent: false)))),
        ]),
        // The server closes: retry or 502 before any byte, 502 inside a head, abort mid-body, the end of a body until close.
        EventTable(event: .serverClosed, defaultAction: .serverClosed(.badGateway), rows: [
            (bodyAwaited, .serverClosed(.retryOrBadGateway), bodyAwaited),
            (awaited, .serverClosed(.retryOrBadGateway), awaited),
            (bodyAnswered, .serverClosed(.abortClient), bodyAnswered),
            (headHeld, .serverClosed(.abortClient), headHeld),
            (streaming, .serverClosed(.abortClient), streaming),
            (untilClose, .serverClosed(.completeResponse), untilClose),
        ]),
        // `timeout server`: retry or 504 before any byte (sH), abort once the response began (sD).
        EventTable(event: .serverTimedOut, defaultAction: .serverTimeout(.none), rows: [
            (bodyAwaited, .serverTimeout(.retryOrGatewayTimeout), bodyAwaited),
            (awaited, .serverTimeout(.retryOrGatewayTimeout), awaited),
        ] + [bodyHeads, bodyAnswered, heads, headHeld, streaming, untilClose].map { ($0, .serverTimeout(.abortClient), $0) }),
        // An error page ending an exchange closes when the client does not keep alive, or the body is not all read.
        EventTable(event: .errorPageCloses(clientKeepAlive: true), defaultAction: .flag(false), rows:
            requestStreaming.map { ($0, .flag(true), $0) }),
        EventTable(event: .errorPageCloses(clientKeepAlive: false), defaultAction: .flag(true), rows: []),
        EventTable(event: .poolsServerConnection(serverKeeps: true, serverWantsClose: false, backendCloses: false),
                   defaultAction: .flag(true), rows: requestStreaming.map { ($0, .flag(false), $0) }),
        EventTable(event: .poolsServerConnection(serverKeeps: false, serverWantsClose: false, backendCloses: false),
                   defaultAction: .flag(false), rows: []),
        EventTable(event: .poolsServerConnection(serverKeeps: true, serverWantsClose: true, backendCloses: false),
                   defaultAction: .flag(false), rows: []),
        EventTable(event: .poolsServerConnection(serverKeeps: true, serverWantsClose: false, backendCloses: true),
                   defaultAction: .flag(false), rows: []),
        EventTable(event: .tunnelOpened, defaultAction: .none, defaultNext: { with($0, .tunnel) }, rows: []),
        // Keep-alive: the next head is awaited; close, a stopping engine or a half-closed client: close after the answer.
        EventTable(event: .exchangeEnded(keepOpen: true, draining: false), defaultAction: .exchangeEnd(.awaitNextRequest),
                   defaultNext: { with($0, .waitingHead(.idle), served: true) }, rows:
                       phases.map { with($0, inputClosed: true) }.map {
                           ($0, .exchangeEnd(.closeAfterWrites), with($0, .closing, served: true))
                       }),
        EventTable(event: .exchangeEnded(keepOpen: false, draining: false), defaultAction: .exchangeEnd(.closeAfterWrites),
                   defaultNext: { with($0, .closing, served: true) }, rows: []),
        EventTable(event: .exchangeEnded(keepOpen: true, draining: true), defaultAction: .exchangeEnd(.closeAfterWrites),
                   defaultNext: { with($0, .closing, served: true) }, rows: []),
        EventTable(event: .discardBody, defaultAction: .flag(false), rows: waitingHead.map { ($0, .flag(true), with($0, .discarding)) }),
        EventTable(event: .discardedBodyEnded, defaultAction: .none, rows: [(discarding, .none, idle)]),
        // The client's FIN: a whole request is still answered, a cut one aborts, otherwise the connection closes.
        EventTable(event: .clientInputEnded, defaultAction: .inputEnd(.close), defaultNext: { with($0, inputClosed: true) }, rows:
            requestWhole.map { ($0, .inputEnd(.awaitResponse), with($0, inputClosed: true)) }
            + requestStreaming.map { ($0, .inputEnd(.abortExchange), with($0, inputClosed: true)) }),
        EventTable(event: .closing, defaultAction: .none, defaultNext: { with($0, .closing) }, rows: []),
        // The client closes: an exchange in progress is aborted (CH before the response, CD during it).
        EventTable(event: .clientClosed, defaultAction: .clientClosed(.none), defaultNext: { with($0, .closing) }, rows:
            [bodyAwaited, awaited].map { ($0, .clientClosed(.abortExchange(duringData: false)), with($0, .closing)) }
            + [bodyHeads, bodyAnswered, heads, headHeld, streaming, untilClose].map {
                ($0, .clientClosed(.abortExchange(duringData: true)), with($0, .closing))
            }),
        // A pipelined request waits while a whole request awaits its answer; a body streams as fast as the server takes it.
        EventTable(event: .wantsInput(serverWritable: true), defaultAction: .flag(true), rows: requestWhole.map { ($0, .flag(false), $0) }),
        EventTable(event: .wantsInput(serverWritable: false), defaultAction: .flag(true), rows:
            (requestWhole + requestStreaming).map { ($0, .flag(false), $0) }),
        EventTable(event: .wantsInput(serverWritable: nil), defaultAction: .flag(true), rows:
            (requestWhole + requestStreaming).map { ($0, .flag(false), $0) }),
        EventTable(event: .requestComplete, defaultAction: .flag(true), rows: requestStreaming.map { ($0, .flag(false), $0) }),
        // `timeout client` runs while a body streams, only without `timeout server` (haproxy suspends it
        // while the server's runs): a client that stalls mid-body is closed (cD), unless held back by the server.
        EventTable(event: .clientTimeoutApplies(serverTimeout: false), defaultAction: .flag(false), rows:
            requestStreaming.map { ($0, .flag(true), $0) }),
        EventTable(event: .clientTimeoutApplies(serverTimeout: true), defaultAction: .flag(false), rows: []),
        EventTable(event: .clientTimedOut(serverTimeout: false, reading: true), defaultAction: .clientTimeout(.none), rows:
            requestStreaming.map { ($0, .clientTimeout(.abortExchange), $0) }),
        EventTable(event: .clientTimedOut(serverTimeout: false, reading: false), defaultAction: .clientTimeout(.none), rows:
            requestStreaming.map { ($0, .clientTimeout(.rearm), $0) }),
        EventTable(event: .clientTimedOut(serverTimeout: true, reading: true), defaultAction: .clientTimeout(.none), rows: []),
        EventTable(event: .responseStarted, defaultAction: .flag(false), rows:
            [bodyHeads, bodyAnswered, heads, headHeld, streaming, untilClose].map { ($0, .flag(true), $0) }),
    ] }

    func testEveryEventInEveryPhase() {
        var checked = 0
        for entry in Self.table {
            var starts = Self.phases
            for row in entry.rows where !starts.contains(row.from) { starts.append(row.from) }
            for start in starts {
                let row = entry.rows.first { $0.from == start }
                let expectedAction = row?.action ?? entry.defaultAction
                let expectedNext = row?.to ?? entry.defaultNext?(start) ?? start
                var machine = start
                let action = Self.apply(entry.event, to: &machine)
                XCTAssertEqual(action, expectedAction, "\(entry.event) in \(start)")
                XCTAssertEqual(machine, expectedNext, "\(entry.event) in \(start)")
                checked += 1
            }
        }
        // Every event of the machine is in the table, each tried in every phase.
        XCTAssertGreaterThanOrEqual(checked, Self.table.count * Self.phases.count)
    }

    /// Plays `steps` from `start`, checking each action and the phase at the end.
    private func play(_ start: Machine, _ steps: [(Event, Action)], ends state: State,
                      file: StaticString = #filePath, line: UInt = #line) {
        var machine = start
        for (event, expected) in steps {
            XCTAssertEqual(Self.apply(event, to: &machine), expected, "\(event)", file: file, line: line)
        }
        XCTAssertEqual(machine.state, state, file: file, line: line)
    }

    func testAMalformedHeadIsAnswered400ThenClosed() {
        play(Self.first, [(.headIncomplete, .flag(false)), (.headInvalid(unsupportedTransferCoding: false), .status(400)),
                          (.exchangeEnded(keepOpen: false, draining: false), .exchangeEnd(.closeAfterWrites)),
                          (.wantsInput(serverWritable: nil), .flag(true))], ends: .closing)
    }

    func testKeepAliveThenAPipelinedRequestWaitsForTheFirstResponse() {
        play(Self.first, [(.headComplete, .none), (.requestForwarded(bodyComplete: true), .none),
                          // The pipelined request's bytes are not read while the first response is pending.
                          (.wantsInput(serverWritable: true), .flag(false)),
                          (.responseBytesArrived, .none), (.finalResponseHead(untilClose: false), .none), (.responseHeadSent, .none),
                          (.poolsServerConnection(serverKeeps: true, serverWantsClose: false, backendCloses: false), .flag(true)),
                          (.exchangeEnded(keepOpen: true, draining: false), .exchangeEnd(.awaitNextRequest)),
                          (.wantsInput(serverWritable: nil), .flag(true)),
                          (.waitExpired(bytesBuffered: false), .waitExpired(.closeSilently))], ends: .waitingHead(.idle))
    }

    func testAClientThatClosesDuringItsBodyAbortsTheExchange() {
        play(Self.first, [(.requestForwarded(bodyComplete: false), .none), (.wantsInput(serverWritable: true), .flag(true)),
                          (.clientInputEnded, .inputEnd(.abortExchange)),
                          (.clientClosed, .clientClosed(.abortExchange(duringData: false)))], ends: .closing)
    }

    func testAServerThatClosesMidResponse() {
        // Before a byte: 502 (or a retry); inside the body: the client is closed (SD); a body until close: complete.
        play(Self.idle, [(.requestForwarded(bodyComplete: true), .none), (.serverClosed, .serverClosed(.retryOrBadGateway)),
                         (.retrying, .none), (.responseBytesArrived, .none), (.serverClosed, .serverClosed(.badGateway)),
                         (.finalResponseHead(untilClose: false), .none), (.responseHeadSent, .none),
                         (.serverClosed, .serverClosed(.abortClient)), (.clientClosed, .clientClosed(.abortExchange(duringData: true)))],
             ends: .closing)
        play(Self.idle, [(.requestForwarded(bodyComplete: true), .none), (.responseBytesArrived, .none),
                         (.finalResponseHead(untilClose: true), .none), (.serverClosed, .serverClosed(.completeResponse)),
                         (.exchangeEnded(keepOpen: false, draining: false), .exchangeEnd(.closeAfterWrites))], ends: .closing)
    }

    func testAHalfClosedClientStillGetsItsAnswerThenTheConnectionCloses() {
        play(Self.first, [(.requestForwarded(bodyComplete: true), .none), (.clientInputEnded, .inputEnd(.awaitResponse)),
                          (.responseBytesArrived, .none), (.finalResponseHead(untilClose: false), .none),
                          (.exchangeEnded(keepOpen: true, draining: false), .exchangeEnd(.closeAfterWrites))], ends: .closing)
    }

    func testALocalAnswerDropsTheBodyThenReadsTheNextHead() {
        play(Self.first, [(.headComplete, .none), (.exchangeEnded(keepOpen: true, draining: false), .exchangeEnd(.awaitNextRequest)),
                          (.discardBody, .flag(true)), (.wantsInput(serverWritable: nil), .flag(true)),
                          (.discardedBodyEnded, .none), (.headIncomplete, .flag(true)),
                          (.waitExpired(bytesBuffered: true), .waitExpired(.requestTimeout))], ends: .waitingHead(.started))
    }

    func testAnUpgradeBecomesATunnel() {
        play(Self.idle, [(.requestForwarded(bodyComplete: true), .none), (.responseBytesArrived, .none), (.tunnelOpened, .none),
                         (.wantsInput(serverWritable: nil), .flag(true)), (.serverTimedOut, .serverTimeout(.none)),
                         (.clientInputEnded, .inputEnd(.close))], ends: .tunnel)
    }
}
