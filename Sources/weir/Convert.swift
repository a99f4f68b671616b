import ArgumentParser
import ConfigCheck
import ConfigDiagnostics
import ConfigYAML
import Foundation
import HAProxyConfig
import KeepalivedConfig
import Yams

/// `weir convert`: site YAML to haproxy.cfg and back.
struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert a site YAML to haproxy.cfg and keepalived.conf, or either of them to YAML.",
        discussion: """
            A .yaml/.yml input becomes haproxy.cfg; anything else is read as haproxy.cfg (or keepalived.conf, \
            detected from its content) and becomes YAML (the format is described in weir-yaml(5)); a \
            keepalived.conf becomes the 'keepalived' and 'nodes' parts of a site YAML with one node, named \
            after its router_id. The result is checked before it is written: any error \
            (located in the input, YAML errors at the YAML's own line and column) stops the conversion and \
            nothing is written. Output files are written atomically. Without -o the result goes to standard \
            output. A YAML with 'keepalived' and 'nodes' also gives one keepalived.conf per node: -o names a \
            directory, which receives haproxy.cfg and NODE/keepalived.conf; when a node has its own 'haproxy:' \
            settings (laid over the shared ones), each node gets NODE/haproxy.cfg instead. The nodes are checked \
            against each other (weir lint --node) before anything is written.
            """
    )

    /// What to produce.
    enum Target: String, ExpressibleByArgument, CaseIterable {
        case haproxy, yaml
    }

    @OptionGroup var output: OutputOptions

    @Option(name: .long, help: "What to produce: haproxy or yaml (default: the other format than the input).")
    var to: Target?

    @Option(name: .shortAndLong, help: "Write the result to this file (atomically) instead of standard output; a directory for a YAML with a Keepalived pair.")
    var out: String?

    @Argument(help: "The file to convert.")
    var input: String

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let source: SourceFile
        switch SourceLoader.load(input) {
        case .success(let loaded): source = loaded
        case .failure(let diagnostic):
            report([diagnostic], sources: [:], environment: environment)
            throw ExitCode(2)
        }
        let isYAML = input.hasSuffix(".yaml") || input.hasSuffix(".yml")
        let target = to ?? (isYAML ? .haproxy : .yaml)
        if (target == .haproxy) != isYAML {
            throw ValidationError("'\(input)' is \(isYAML ? "YAML" : "configuration") already: use --to \(isYAML ? "haproxy" : "yaml")")
        }
        guard target == .haproxy else {
            let isKeepalived = !HAProxyReader.looksLikeHAProxy(source)
                && (KeepalivedParser.looksLikeKeepalived(source) || input.hasSuffix(".conf"))
            let result = isKeepalived ? keepalivedToYAML(source, environment) : toYAML(source, environment)
            try finish(result.text.map { [(out, $0)] } ?? [], result.diagnostics, source, environment)
            return
        }
        let root: Node
        switch SiteDocument.compose(source) {
        case .success(let node): root = node
        case .failure(let diagnostic): return try finish([], [diagnostic], source, environment)
        }
        let (nodes, pairDiagnostics) = KeepalivedPairReader().read(root, in: source)
        guard !nodes.isEmpty else {
            let (haproxy, diagnostics) = fromYAML(root, source, environment)
            try finish(haproxy.map { [(out, $0)] } ?? [], diagnostics + pairDiagnostics, source, environment)
            return
        }
        guard let directory = out else {
            throw ValidationError("this YAML describes a Keepalived pair: give a directory with -o")
        }
        try convertPair(root, nodes, pairDiagnostics, source, directory, environment)
    }

    /// Writes a pair: each node's keepalived.conf, and one shared haproxy.cfg,
    /// or one per node when a node has its own `haproxy:` settings. Every
    /// node is checked with the cross-node rules before anything is written.
    private func convertPair(_ root: Node, _ nodes: [(name: String, text: String)], _ pairDiagnostics: [Diagnostic],
                             _ source: SourceFile, _ directory: String, _ environment: [String: String]) throws {
        var diagnostics = pairDiagnostics
        var outputs: [(String?, String)] = []
        var generated: [String: GeneratedConfig] = [:]
        let documents = NodeDocuments.split(root)
        for (name, document) in documents ?? [("", root)] {
            let (config, readDiagnostics) = HAProxyYAMLReader().read(document, in: source)
            diagnostics += readDiagnostics
            guard let config else { continue }
            let path = directory + (name.isEmpty ? "" : "/" + name) + "/haproxy.cfg"
            generated[path] = config
            outputs.append((path, config.text))
        }
        var lintNodes: [LintNode] = []
        for node in nodes {
            let path = directory + "/" + node.name + "/keepalived.conf"
            outputs.append((path, node.text))
            let haproxy = documents == nil ? directory + "/haproxy.cfg" : directory + "/" + node.name + "/haproxy.cfg"
            lintNodes.append(LintNode(name: node.name,
                                      haproxy: generated[haproxy].map { [SourceFile(path: haproxy, text: $0.text)] } ?? [],
                                      keepalived: [SourceFile(path: path, text: node.text)]))
        }
        let result = Linter(variables: VariableResolver(environment: environment), configID: nil).lint(lintNodes)
        diagnostics += result.diagnostics.map { diagnostic in
            generated[diagnostic.range.file].map { $0.relocate(diagnostic) } ?? diagnostic
        }
        try finish(outputs, diagnostics, source, environment, generatedSources: result.sources)
    }

    /// Reports the diagnostics; writes the outputs only when there is no error.
    private func finish(_ outputs: [(path: String?, text: String)], _ diagnostics: [Diagnostic], _ source: SourceFile,
                        _ environment: [String: String], generatedSources: [String: SourceFile] = [:]) throws {
        if !diagnostics.isEmpty {
            report(diagnostics, sources: generatedSources.merging([source.path: source]) { $1 }, environment: environment)
        }
        guard !diagnostics.contains(atLeast: .error), !outputs.isEmpty else { throw ExitCode(1) }
        for (path, text) in outputs {
            guard let path else {
                Terminal.writeOutput(text)
                continue
            }
            let directory = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
            if !directory.isEmpty { try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
            if case .failure(let diagnostic) = AtomicWriter.write(text, to: path) {
                report([diagnostic], sources: [:], environment: environment)
                throw ExitCode(2)
            }
        }
    }

    private func fromYAML(_ root: Node, _ source: SourceFile, _ environment: [String: String])
        -> (text: String?, diagnostics: [Diagnostic])
    {
        let (generated, diagnostics) = HAProxyYAMLReader().read(root, in: source)
        guard let generated, !diagnostics.contains(atLeast: .error) else { return (nil, diagnostics) }
        let check = Linter(variables: VariableResolver(environment: environment))
            .lint([LintNode(haproxy: [SourceFile(path: source.path + " (generated)", text: generated.text)])])
        return (generated.text, diagnostics + check.diagnostics.map(generated.relocate))
    }

    private func toYAML(_ source: SourceFile, _ environment: [String: String]) -> (text: String?, diagnostics: [Diagnostic]) {
        let checked = Linter(variables: VariableResolver(environment: environment)).lint([LintNode(haproxy: [source])])
        guard !checked.diagnostics.contains(atLeast: .error), let syntax = checked.haproxy.first?.syntax else {
            return (nil, checked.diagnostics)
        }
        do {
            return (try HAProxyYAMLWriter().write(syntax), checked.diagnostics)
        } catch {
            let start = SourceLocation(offset: 0, line: 1, column: 1)
            return (nil, [Diagnostic(.error, RuleID("yaml-syntax"), "cannot write YAML: \(error)",
                                     at: SourceRange(file: source.path, start: start, end: start))])
        }
    }

    private func keepalivedToYAML(_ source: SourceFile, _ environment: [String: String])
        -> (text: String?, diagnostics: [Diagnostic])
    {
        let checked = Linter(configID: Terminal.shortHostName).lint([LintNode(keepalived: [source])])
        guard !checked.diagnostics.contains(atLeast: .error) else { return (nil, checked.diagnostics) }
        let parsed = KeepalivedParser(configID: Terminal.shortHostName).parse(source)
        do {
            return (try KeepalivedYAMLWriter().write(parsed.syntax), checked.diagnostics)
        } catch {
            let start = SourceLocation(offset: 0, line: 1, column: 1)
            return (nil, [Diagnostic(.error, RuleID("yaml-syntax"), "cannot write YAML: \(error)",
                                     at: SourceRange(file: source.path, start: start, end: start))])
        }
    }

    private func report(_ diagnostics: [Diagnostic], sources: [String: SourceFile], environment: [String: String]) {
        let terminal = Terminal(environment: environment)
        let colour = output.color == .always || (output.color == .auto && isatty(STDERR_FILENO) == 1 && terminal.supportsColour)
        let context = RenderContext(sources: sources, useColour: colour, toolVersion: WeirVersion.current,
                                    ruleSummary: { RuleCatalog.description(of: $0)?.summary })
        FileHandle.standardError.write(Data(output.format.render(diagnostics, context: context).utf8))
    }
}
