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
            output. A haproxy.cfg or keepalived.conf produced is in the canonical layout ('weir fmt --check' \
            accepts it).

            A YAML with 'keepalived' and 'nodes' describes a pair: it gives one keepalived.conf per node and \
            haproxy.cfg, shared or, when a node has its own 'haproxy:' settings (laid over the shared ones), one \
            per node. --output-directory DIR writes them all as DIR/haproxy.cfg (or DIR/NODE/haproxy.cfg) and \
            DIR/NODE/keepalived.conf; --node NAME prints (or writes to -o FILE) that node's haproxy.cfg alone, \
            or its keepalived.conf with --to keepalived. The nodes are checked against each other (weir lint \
            --node) before anything is written.
            """
    )

    /// What to produce.
    enum Target: String, ExpressibleByArgument, CaseIterable {
        case haproxy, keepalived, yaml
    }

    @OptionGroup var output: OutputOptions
    @OptionGroup var checks: CheckArguments
    @OptionGroup var verbosity: VerbosityOptions

    @Option(name: .long, help: ArgumentHelp(
        "What to produce: haproxy, keepalived (one node's, with --node) or yaml (default: the other format than the input).",
        valueName: "FORMAT"))
    var to: Target?

    @Option(name: .shortAndLong, help: ArgumentHelp(
        "Write the result to this file (atomically) instead of standard output.", valueName: "FILE"))
    var out: String?

    @Option(name: .long, help: ArgumentHelp(
        "Write every file of a YAML with a Keepalived pair under this directory.", valueName: "DIR"))
    var outputDirectory: String?

    @Option(name: .long, help: ArgumentHelp(
        "Of a YAML with a Keepalived pair, produce only this node's haproxy.cfg (or keepalived.conf with --to keepalived).",
        valueName: "NAME"))
    var node: String?

    @Argument(help: "The file to convert.")
    var input: String

    func validate() throws {
        if out != nil && outputDirectory != nil { throw ValidationError("-o and --output-directory exclude each other") }
        if node != nil && outputDirectory != nil { throw ValidationError("--node and --output-directory exclude each other") }
        if to == .keepalived && node == nil { throw ValidationError("--to keepalived needs --node NAME") }
        if let out, FileManager.default.isDirectory(out) {
            throw ValidationError("'\(out)' is a directory: -o names the file to write (a pair's files go to --output-directory)")
        }
    }

    /// Prints diagnostics as every command does (notes hidden unless asked for).
    private var printer: DiagnosticPrinter {
        DiagnosticPrinter(output: output, verbosity: verbosity, defaultThreshold: .warning)
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let source: SourceFile
        switch SourceLoader.load(input) {
        case .success(let loaded): source = loaded
        case .failure(let diagnostic):
            report([diagnostic], sources: [:])
            throw ExitCode(2)
        }
        let options = try checks.resolved().options
        let isYAML = input.hasSuffix(".yaml") || input.hasSuffix(".yml")
        let target = to ?? (isYAML ? .haproxy : .yaml)
        if (target != .yaml) != isYAML {
            throw ValidationError("'\(input)' is \(isYAML ? "YAML" : "configuration") already: use --to \(isYAML ? "haproxy" : "yaml")")
        }
        guard target != .yaml else {
            let isKeepalived = !HAProxyReader.looksLikeHAProxy(source)
                && (KeepalivedParser.looksLikeKeepalived(source) || input.hasSuffix(".conf"))
            if node != nil || outputDirectory != nil {
                throw ValidationError("--node and --output-directory are for a YAML with a Keepalived pair")
            }
            let result = isKeepalived ? keepalivedToYAML(source, options) : toYAML(source, environment, options)
            try finish(result.text.map { [(out, $0)] } ?? [], result.diagnostics, source)
            return
        }
        let root: Node
        switch SiteDocument.compose(source) {
        case .success(let node): root = node
        case .failure(let diagnostic): return try finish([], [diagnostic], source)
        }
        let (nodes, pairDiagnostics) = KeepalivedPairReader().read(root, in: source)
        guard !nodes.isEmpty else {
            // A pair whose keepalived part is wrong is reported at its YAML lines, not taken for a haproxy-only YAML.
            if pairDiagnostics.contains(where: { $0.severity == .error }) { return try finish([], pairDiagnostics, source) }
            if node != nil || outputDirectory != nil {
                throw ValidationError("'\(input)' has no 'nodes': --node and --output-directory are for a Keepalived pair")
            }
            let (haproxy, diagnostics) = fromYAML(root, source, environment, options)
            try finish(haproxy.map { [(out, $0)] } ?? [], diagnostics + pairDiagnostics, source)
            return
        }
        let names = nodes.map(\.name)
        if let node, !names.contains(node) {
            throw ValidationError("no node named '\(node)' in '\(input)' (nodes: \(names.joined(separator: ", ")))")
        }
        if node == nil && outputDirectory == nil {
            let perNode = NodeDocuments.split(root) != nil
            throw ValidationError("""
                '\(input)' describes a Keepalived pair (nodes: \(names.joined(separator: ", "))); it converts to \
                \(perNode ? "NODE/haproxy.cfg" : "haproxy.cfg") and NODE/keepalived.conf for each node: write them \
                with --output-directory DIR, or one node's file with --node NAME [--to keepalived] [-o FILE]
                """)
        }
        try convertPair(root, nodes, pairDiagnostics, source, environment, options, target: target)
    }

    /// Converts a pair: each node's keepalived.conf, and one shared
    /// haproxy.cfg, or one per node when a node has its own `haproxy:`
    /// settings. Every node is checked with the cross-node rules before
    /// anything is written; then either every file goes under
    /// `--output-directory`, or the one file `--node` and `--to` select goes
    /// to `-o` or standard output.
    private func convertPair(_ root: Node, _ nodes: [(name: String, text: String)], _ pairDiagnostics: [Diagnostic],
                             _ source: SourceFile, _ environment: [String: String], _ options: CheckOptions,
                             target: Target) throws {
        let directory = outputDirectory.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        func place(_ relative: String) -> String { directory.map { $0 + "/" + relative } ?? relative }
        var diagnostics = pairDiagnostics
        var outputs: [(path: String, text: String)] = []
        var generated: [String: GeneratedConfig] = [:]
        let documents = NodeDocuments.split(root)
        for (name, document) in documents ?? [("", root)] {
            let (config, readDiagnostics) = HAProxyYAMLReader().read(document, in: source)
            diagnostics += readDiagnostics
            guard let config else { continue }
            let path = place((name.isEmpty ? "" : name + "/") + "haproxy.cfg")
            generated[path] = config
            outputs.append((path, CanonicalLayout.haproxy(config.text, path: path)))
        }
        var lintNodes: [LintNode] = []
        for node in nodes {
            let path = place(node.name + "/keepalived.conf")
            outputs.append((path, CanonicalLayout.keepalived(node.text, path: path)))
            let haproxy = place(documents == nil ? "haproxy.cfg" : node.name + "/haproxy.cfg")
            lintNodes.append(LintNode(name: node.name,
                                      haproxy: generated[haproxy].map { [SourceFile(path: haproxy, text: $0.text)] } ?? [],
                                      keepalived: [SourceFile(path: path, text: node.text)]))
        }
        let result = Linter(variables: VariableResolver(environment: environment), configID: nil, options: options).lint(lintNodes)
        diagnostics += result.diagnostics.map { diagnostic in
            generated[diagnostic.range.file].map { $0.relocate(diagnostic) } ?? diagnostic
        }
        var selected: [(String?, String)] = outputs.map { ($0.path, $0.text) }
        if let node {
            let wanted = target == .keepalived
                ? place(node + "/keepalived.conf") : place(documents == nil ? "haproxy.cfg" : node + "/haproxy.cfg")
            selected = outputs.filter { $0.path == wanted }.map { (out, $0.text) }
        }
        try finish(selected, diagnostics, source, generatedSources: result.sources)
    }

    /// Reports the diagnostics; writes the outputs only when there is no error.
    private func finish(_ outputs: [(path: String?, text: String)], _ diagnostics: [Diagnostic], _ source: SourceFile,
                        generatedSources: [String: SourceFile] = [:]) throws {
        // Files the nodes share are checked once per node: a finding about them is printed once.
        var seen = Set<Diagnostic>()
        let unique = diagnostics.filter { seen.insert($0).inserted }
        if !unique.isEmpty {
            report(unique, sources: generatedSources.merging([source.path: source]) { $1 })
        }
        // With --strict a warning stops the conversion too.
        guard !diagnostics.contains(atLeast: output.strict ? .warning : .error), !outputs.isEmpty else { throw ExitCode(1) }
        var files: [(path: String, bytes: [UInt8])] = []
        for (path, text) in outputs {
            guard let path else {
                Terminal.writeOutput(text)
                continue
            }
            let directory = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
            if !directory.isEmpty { try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
            files.append((path, Array(text.utf8)))
        }
        // A pair's files are one change: all of them are replaced, or none when one cannot be written.
        if case .failure(let diagnostic) = AtomicWriter.writeAll(files) {
            report([diagnostic], sources: [:])
            throw ExitCode(2)
        }
    }

    private func fromYAML(_ root: Node, _ source: SourceFile, _ environment: [String: String], _ options: CheckOptions)
        -> (text: String?, diagnostics: [Diagnostic])
    {
        let (generated, diagnostics) = HAProxyYAMLReader().read(root, in: source)
        guard let generated, !diagnostics.contains(atLeast: .error) else { return (nil, diagnostics) }
        let path = source.path + " (generated)"
        let check = Linter(variables: VariableResolver(environment: environment), options: options)
            .lint([LintNode(haproxy: [SourceFile(path: path, text: generated.text)])])
        return (CanonicalLayout.haproxy(generated.text, path: path), diagnostics + check.diagnostics.map(generated.relocate))
    }

    private func toYAML(_ source: SourceFile, _ environment: [String: String], _ options: CheckOptions)
        -> (text: String?, diagnostics: [Diagnostic])
    {
        let checked = Linter(variables: VariableResolver(environment: environment), options: options)
            .lint([LintNode(haproxy: [source])])
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

    private func keepalivedToYAML(_ source: SourceFile, _ options: CheckOptions) -> (text: String?, diagnostics: [Diagnostic]) {
        let checked = Linter(configID: Terminal.shortHostName, options: options).lint([LintNode(keepalived: [source])])
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

    private func report(_ diagnostics: [Diagnostic], sources: [String: SourceFile]) {
        printer.print(diagnostics, sources: sources)
    }
}
