import ConfigDiagnostics
import HAProxyConfig
import KeepalivedConfig

/// Reads the inputs of one `weir lint` run and collects every diagnostic.
struct LintSession {
    /// The result of a run: diagnostics, the sources they point into, and
    /// whether an input could not be read.
    struct Outcome {
        var diagnostics: [Diagnostic] = []
        var sources: [String: SourceFile] = [:]
        var hadInputError = false

        /// 2 on an I/O error, 1 on errors (or warnings with `strict`), else 0.
        func exitStatus(strict: Bool) -> Int32 {
            if hadInputError { return 2 }
            return diagnostics.contains(atLeast: strict ? .warning : .error) ? 1 : 0
        }
    }

    let forcedFormat: ConfigFormat?
    let environment: [String: String]
    let overrides: [String: String]
    /// The Keepalived config id that selects `@ID` lines.
    let configID: String

    func lint(_ paths: [String]) -> Outcome {
        var outcome = Outcome()
        var haproxyFiles: [SourceFile] = []
        var keepalivedFiles: [SourceFile] = []
        for path in paths {
            for file in load(path, into: &outcome) {
                outcome.sources[file.path] = file
                switch format(of: file) {
                case .haproxy: haproxyFiles.append(file)
                case .keepalived: keepalivedFiles.append(file)
                }
            }
        }
        if !haproxyFiles.isEmpty {
            let reader = HAProxyReader(variables: VariableResolver(environment: environment, overrides: overrides))
            outcome.diagnostics += reader.read(haproxyFiles).diagnostics
        }
        for file in keepalivedFiles {
            let result = KeepalivedParser(configID: configID).parse(file)
            outcome.diagnostics += result.diagnostics
            for included in result.includedFiles { outcome.sources[included.path] = included }
        }
        return outcome
    }

    private func load(_ path: String, into outcome: inout Outcome) -> [SourceFile] {
        if path == "-" { return [SourceLoader.loadStandardInput()] }
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
