import ArgumentParser
import Foundation
import RuntimePlan

/// `weir route`: where a request would go, without opening a socket.
struct Route: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show which rules and ACLs a request matches and which backend and server it reaches.",
        discussion: """
            Reads a plan.json, or compiles a haproxy.cfg or site YAML first. The request is routed through the \
            same code the engine uses. Directives of the frontend and backend that the engine does not run yet \
            (peers, logging, ...) are listed after the answer: they take no part in it. There is no live \
            stick table here: track-sc rules do nothing and sc_* fetches fail, as for an untracked counter. An unknown \
            --port or --frontend is an error. Exit status: 0 when the request reaches a backend, 3 when the rules \
            answer it directly (deny, redirect, return) or no backend applies, 1 or 2 on errors.
            """
    )

    @OptionGroup var output: OutputOptions
    @OptionGroup var checks: CheckArguments
    @OptionGroup var verbosity: VerbosityOptions

    @Option(name: .long, help: ArgumentHelp("The request line: 'METHOD TARGET [HTTP/1.x]'.", valueName: "REQUEST"))
    var request: String = "GET /"

    @Option(name: .long, help: ArgumentHelp("A request header (repeatable).", valueName: "'NAME: VALUE'"))
    var header: [String] = []

    @Option(name: .long, help: ArgumentHelp("The client address.", valueName: "ADDRESS"))
    var src: String = "127.0.0.1"

    @Option(name: .long, help: ArgumentHelp("The address the client connected to (default: the frontend's first bind).",
                                            valueName: "ADDRESS"))
    var dst: String?

    @Option(name: .long, help: ArgumentHelp("The port the client connected to; picks the frontend bound there (an error when none is).",
                                            valueName: "PORT"))
    var port: Int?

    @Option(name: .long, help: ArgumentHelp("The frontend to route through (default: the one bound on --port, else the first).",
                                            valueName: "NAME"))
    var frontend: String?

    @Flag(name: .long, help: "The client connection is TLS (ssl_fc is true).")
    var tls = false

    @Argument(help: "plan.json, haproxy.cfg or site YAML.")
    var plan: String

    func validate() throws {
        if request.split(separator: " ").count < 2 { throw ValidationError("--request needs 'METHOD TARGET'") }
        for line in header where !line.contains(":") { throw ValidationError("--header needs 'NAME: VALUE', got '\(line)'") }
    }

    func run() throws {
        let loaded: RuntimePlan
        switch try PlanSource(output: output, verbosity: verbosity, checks: checks).load(plan) {
        case .success(let value): loaded = value
        case .failure(let status): throw ExitCode(status.rawValue)
        }
        let explainer = RouteExplainer(plan: loaded)
        if frontend == nil, let port, !loaded.frontends.contains(where: { $0.binds.contains { $0.endpoint.inetPort == port } }) {
            let bound = loaded.frontends.map { proxy in
                proxy.name + " " + Set(proxy.binds.compactMap(\.endpoint.inetPort)).sorted().map(String.init).joined(separator: ",")
            }
            throw ValidationError("no frontend is bound to port \(port) (bound: \(bound.joined(separator: "; ")))")
        }
        guard let chosen = explainer.frontend(named: frontend, port: port) else {
            throw ValidationError(frontend.map { "no frontend named '\($0)'" } ?? "the plan has no frontend")
        }
        let words = request.split(separator: " ").map(String.init)
        let headers = header.map { line -> HTTPHeaderField in
            let colon = line.firstIndex(of: ":")!
            return HTTPHeaderField(name: String(line[..<colon]),
                                   value: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let endpoints = chosen.binds.map(\.endpoint)
        let bind = endpoints.first { port == nil || $0.inetPort == port } ?? endpoints.first
        var bindHost: String?, bindPort: Int?
        if case .inet(let host, let boundPort)? = bind {
            bindHost = host
            bindPort = boundPort
        }
        let facts = RequestFacts(method: words[0], target: words[1],
                                 version: words.count > 2 ? String(words[2].dropFirst("HTTP/".count)) : "1.1",
                                 headers: headers, source: src, sourcePort: 40000, destination: dst ?? bindHost,
                                 destinationPort: port ?? bindPort, tls: tls)
        let explanation = explainer.explain(facts, frontend: chosen)
        var proxies: Set<String> = [chosen.name]
        if case .backend(let name) = explanation.decision.outcome { proxies.insert(name) }
        let notRun = loaded.unsupported.filter { $0.proxy.map(proxies.contains) ?? false }
        Terminal.writeOutput(RouteReport.text(explanation, notRun: notRun))
        if case .backend = explanation.decision.outcome { return }
        throw ExitCode(3)
    }
}

/// The text `weir route` prints.
enum RouteReport {
    /// The route taken, then the directives of the proxies it went through that the engine does not run.
    static func text(_ explanation: RouteExplanation, notRun: [UnsupportedFeature] = []) -> String {
        var lines = ["frontend \(explanation.frontend)"]
        for step in explanation.decision.steps {
            let place = step.source.map { "  (\($0))" } ?? ""
            lines.append("  \(step.applied ? "applied" : "skipped") [\(step.proxy)] \(step.text)\(place)")
            for acl in step.acls { lines.append("      acl \(acl.name): \(acl.matched ? "true" : "false")") }
        }
        switch explanation.decision.outcome {
        case .backend(let name):
            lines.append("backend \(name)")
            lines.append("server \(explanation.server ?? "none")" + (explanation.serverNote.map { "  (\($0))" } ?? ""))
        case .respond(let status, _, _, _, let denied):
            lines.append("\(denied ? "denied" : "answered") with status \(status)")
        case .page(let status, let file, let denied):
            lines.append("\(denied ? "denied" : "answered") with status \(status) (\(file == nil ? "the proxy's error page" : "an error file"))")
        case .redirect(let status, let location, _):
            lines.append("redirected with status \(status) to \(location)")
        case .noBackend:
            lines.append("no backend: answered with status 503")
        case .reject:
            lines.append("rejected: the connection closes without an answer")
        }
        if !notRun.isEmpty {
            lines.append("not run by the engine yet, so not part of this answer:")
            let sorted = notRun.sorted { ($0.source.file, $0.source.line, $0.source.column) < ($1.source.file, $1.source.line, $1.source.column) }
            for feature in sorted {
                lines.append("  [\(feature.proxy ?? "global")] \(feature.directive)  (\(feature.source)) (\(feature.feature))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
