import ConfigCheck
import ConfigDiagnostics
import HAProxyConfig
import KeepalivedConfig

/// Reads the inputs of one `weir lint` run, groups them into nodes and
/// hands them to the linter.
struct LintSession {
    /// The result of a run: diagnostics, the sources they point into, and
    /// whether an input could not be read.
    struct Outcome {
        var diagnostics: [Diagnostic] = []
        var sources: [String: SourceFile] = [:]
        var hadInputError = false
        /// What the linter built (syntax trees, configurations, shared facts), for `ExitWithoutFreeing`.
        var built: LintResult?

        /// 2 on an I/O error, 1 on errors (or warnings with `strict`), else 0.
        func exitStatus(strict: Bool) -> Int32 {
            if hadInputError { return 2 }
            return diagnostics.contains(atLeast: strict ? .warning : .error) ? 1 : 0
        }
    }

    let forcedFormat: ConfigFormat?
    let linter: Linter

    /// Lints the files given without a node as one node, and each `--node` as its own.
    func lint(_ paths: [String], nodes: [NodeArgument] = []) -> Outcome {
        var outcome = Outcome()
        var lintNodes: [LintNode] = []
        if !paths.isEmpty { lintNodes.append(node(nil, paths, &outcome)) }
        for argument in nodes { lintNodes.append(node(argument.name, argument.paths, &outcome)) }
        let result = linter.lint(lintNodes)
        outcome.diagnostics = (outcome.diagnostics + result.diagnostics).sortedForOutput()
        outcome.sources.merge(result.sources) { $1 }
        outcome.built = result
        return outcome
    }

    private func node(_ name: String?, _ paths: [String], _ outcome: inout Outcome) -> LintNode {
        var node = LintNode(name: name)
        for path in paths {
            for file in load(path, into: &outcome) {
                outcome.sources[file.path] = file
                switch format(of: file) {
                case .haproxy: node.haproxy.append(file)
                case .keepalived: node.keepalived.append(file)
                }
            }
        }
        return node
    }

    private func load(_ path: String, into outcome: inout Outcome) -> [SourceFile] {
        if path == "-" {
            switch SourceLoader.loadStandardInput() {
            case .success(let file): return [file]
            case .failure(let diagnostic):
                outcome.diagnostics.append(diagnostic)
                outcome.hadInputError = true
                return []
            }
        }
        let expanded: [String]
        switch ConfigFileList.expand(path) {
        case .success(let files): expanded = files
        case .failure(let diagnostic):
            outcome.diagnostics.append(diagnostic)
            outcome.hadInputError = true
            return []
        }
        return expanded.compactMap { file in
            switch SourceLoader.load(file) {
            case .success(let source): return source
            case .failure(let diagnostic):
                outcome.diagnostics.append(diagnostic)
                outcome.hadInputError = true
                return nil
            }
        }
    }

    private func format(of file: SourceFile) -> ConfigFormat {
        if let forcedFormat { return forcedFormat }
        if file.path.hasSuffix(".cfg") { return .haproxy }
        if HAProxyReader.looksLikeHAProxy(file) { return .haproxy }
        if KeepalivedParser.looksLikeKeepalived(file) || file.path.hasSuffix(".conf") { return .keepalived }
        return .haproxy
    }
}

/// `--node NAME=FILE[,FILE…]`: the files one node of a cluster runs.
struct NodeArgument {
    let name: String
    let paths: [String]

    init?(argument: String) {
        let parts = argument.split(separator: "=", maxSplits: 1)
        guard parts.count == 2, !parts[0].isEmpty else { return nil }
        name = String(parts[0])
        paths = parts[1].split(separator: ",").map(String.init)
        if paths.isEmpty { return nil }
    }
}
