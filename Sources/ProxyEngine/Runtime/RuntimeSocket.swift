import NIOCore
import NIOPosix
import RuntimePlan

/// The listeners of `stats socket`: HAProxy's runtime API on a Unix path
/// (with its file's mode and owner) or a TCP address, one `CLISessionHandler` per client.
enum RuntimeSocket {
    /// `export`: the listeners `_getsocks` sends, for a socket with `expose-fd listeners` (nil: it sends none).
    /// `admission`: the `stats maxconn` limit all the sockets share.
    static func open(_ socket: StatsSocketPlan, engine: EngineContext, group: EventLoopGroup, admission: CLIAdmission,
                     export: ListenerExport?, received: ReceivedListeners? = nil, peers: [PeersService] = []) async throws -> Channel {
        let idle = TimeAmount.milliseconds(Int64(engine.plan.global.statsTimeoutMs ?? 10_000))
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 64)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let session = CLISessionHandler(commands: RuntimeCommands(engine: engine, peers: peers), level: socket.level,
                                                    idleTimeout: idle, export: socket.exposesListeners == true ? export : nil)
                    let sessionBox = NIOLoopBound(session, eventLoop: channel.eventLoop)
                    let admitted = admission.admit(channel) {
                        // A place freed: the session starts now, and reads what the client sent meanwhile.
                        try? channel.pipeline.syncOperations.addHandler(sessionBox.value)
                        channel.setOption(.autoRead, value: true).whenFailure { _ in channel.close(promise: nil) }
                    }
                    if admitted {
                        try channel.pipeline.syncOperations.addHandler(session)
                    } else {
                        try channel.syncOptions?.setOption(.autoRead, value: false)
                    }
                }
            }
        return try await ListenerSocket.open(socket.listen, with: bootstrap, received: received)
    }
}

/// One client of the runtime API. Without `prompt` it runs the commands of
/// the first line (separated by `;`) and closes; after `prompt` it answers
/// line after line, each output followed by an empty line and the `> `
/// prompt, until `quit`. Commands run one at a time, in order.
final class CLISessionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let commands: RuntimeCommands
    private var level: StatsSocketPlan.Level
    private let idleTimeout: TimeAmount
    private var input = ""
    private var interactive = false
    private var busy = false
    private var closing = false
    private var idleTimer: Scheduled<Void>?
    private let opened = NIODeadline.now()
    private let export: ListenerExport?

    init(commands: RuntimeCommands, level: StatsSocketPlan.Level, idleTimeout: TimeAmount, export: ListenerExport?) {
        self.commands = commands
        self.level = level
        self.idleTimeout = idleTimeout
        self.export = export
    }

    func channelActive(context: ChannelHandlerContext) {
        armIdleTimer(context)
        context.fireChannelActive()
    }

    /// A session admitted after waiting for a place (`stats maxconn`) starts on an active channel.
    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { armIdleTimer(context) }
    }

    func channelInactive(context: ChannelHandlerContext) {
        idleTimer?.cancel()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = unwrapInboundIn(data)
        input += String(buffer: bytes)
        armIdleTimer(context)
        processLines(context)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) { context.close(promise: nil) }

    private func armIdleTimer(_ context: ChannelHandlerContext) {
        idleTimer?.cancel()
        let channel = context.channel
        idleTimer = context.eventLoop.scheduleTask(in: idleTimeout) { channel.close(promise: nil) }
    }

    /// Runs the next complete line, if no command is running.
    private func processLines(_ context: ChannelHandlerContext) {
        guard !busy, !closing, let newline = input.firstIndex(of: "\n") else { return }
        var line = String(input[..<newline])
        input.removeSubrange(...newline)
        if line.hasSuffix("\r") { line.removeLast() }
        busy = true
        runLine(CLILine.commands(in: line)[...], context)
    }

    /// Runs the commands of one line in turn, then closes (one-shot) or prompts (interactive).
    private func runLine(_ pending: ArraySlice<[String]>, _ context: ChannelHandlerContext) {
        guard let words = pending.first else { return lineDone(context) }
        let rest = pending.dropFirst()
        switch words.first {
        case "quit":
            closing = true
            context.writeAndFlush(wrapOutboundOut(ByteBuffer()), promise: nil)
            context.close(promise: nil)
            return
        case "_getsocks":
            // A new process taking the listeners (-x); the session ends with the transfer, as HAProxy's.
            closing = true
            idleTimer?.cancel()
            if let export {
                export.send(to: context.channel).whenComplete { _ in }
            } else {
                context.close(promise: nil)
            }
            return
        case "prompt":
            interactive.toggle()
            return write("\n", context) { self.runLine(rest, context) }
        case "user", "operator":
            if let lowered = StatsSocketPlan.Level(rawValue: words[0]), lowered < level { level = lowered }
            return write("\n", context) { self.runLine(rest, context) }
        default:
            break
        }
        let session = CLISessionInfo(id: ObjectIdentifier(self), opened: opened,
                                     proto: context.channel.remoteAddress?.ipAddress == nil ? "unix_stream" : "tcpv4",
                                     source: context.channel.remoteAddress.flatMap { address in
                                         address.ipAddress.map { "\($0):\(address.port ?? 0)" }
                                     } ?? "unix:1")
        commands.run(words, level: level, on: context.eventLoop, session: session).assumeIsolated().whenComplete { result in
            let output = (try? result.get()) ?? ""
            let ended = output.hasSuffix(CLIText.withoutEmptyLine) ? String(output.dropLast()) : output + "\n"
            self.write(ended, context) { self.runLine(rest, context) }
        }
    }

    /// Writes one command's output, followed in interactive mode by the prompt (HAProxy prompts after each command).
    private func write(_ text: String, _ context: ChannelHandlerContext, then next: @escaping () -> Void) {
        guard !closing else { return }
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: interactive ? text + "> " : text)), promise: nil)
        next()
    }

    private func lineDone(_ context: ChannelHandlerContext) {
        busy = false
        if interactive {
            processLines(context)
        } else {
            closing = true
            context.writeAndFlush(wrapOutboundOut(ByteBuffer())).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        }
    }
}

/// Splits a CLI line as HAProxy does: commands at `;`, words at spaces and
/// tabs, a backslash making the next character literal.
enum CLILine {
    static func commands(in line: String) -> [[String]] {
        var commands: [[String]] = [], words: [String] = [], word = ""
        var escaped = false
        func endWord() {
            if !word.isEmpty { words.append(word) }
            word = ""
        }
        for character in line {
            if escaped {
                word.append(character)
                escaped = false
                continue
            }
            switch character {
            case "\\": escaped = true
            case " ", "\t": endWord()
            case ";":
                endWord()
                commands.append(words)
                words = []
            default: word.append(character)
            }
        }
        endWord()
        commands.append(words)
        return commands.filter { !$0.isEmpty }
    }
}
