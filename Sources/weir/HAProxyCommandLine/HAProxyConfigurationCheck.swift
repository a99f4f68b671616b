import ConfigCheck
import ConfigDiagnostics
import Foundation
import HAProxyConfig

/// Reads the files and directories given with `-f` in HAProxy's order and
/// checks them with weir's checker, printing what it finds the way
/// `haproxy -c` does: `[ALERT]` for errors, `[WARNING]` for warnings, then
/// one `Error(s) found in configuration file` line per file with errors.
struct HAProxyConfigurationCheck {
    /// A configuration that has no errors.
    struct Checked {
        var parsed: HAProxyConfiguration
        /// The files read, in order.
        var files: [String]
        var hadWarnings: Bool
        /// Something HAProxy listens on: a bind of a frontend that is not
        /// `disabled`, a peers section, a `log-forward` bind or a `stats
        /// socket`. HAProxy refuses to start without one.
        var hasListener: Bool {
            let statsSocket = parsed.global?.directives.contains {
                $0.keyword == "stats socket" || ($0.keyword == "stats" && $0.arguments.first == "socket")
            } ?? false
            let logForward = parsed.otherSections.contains { section in
                section.kind == "log-forward" && section.directives.contains { ["bind", "dgram-bind"].contains($0.keyword) }
            }
            let frontend = parsed.frontends.contains { proxy in
                !proxy.binds.isEmpty && !proxy.directives.contains { $0.keyword == "disabled" }
            }
            return statsSocket || logForward || frontend || !parsed.peers.isEmpty
        }
    }

    let messages: HAProxyMessages
    let variables: [String: String]
    /// `-dW`: a warning stops the start.
    let zeroWarning: Bool
    /// `-W`/`-Ws` on the command line: master-worker mode without `master-worker` in the file, so `program`
    /// sections are allowed (haproxy checks the mode, not the keyword).
    var masterWorker = false

    /// The checked configuration, or nil when an error was printed.
    func check(_ paths: [String]) -> Checked? {
        var sources: [SourceFile] = []
        for path in paths {
            guard let files = files(of: path) else { return nil }
            sources += files
        }
        let result = Linter(variables: VariableResolver(environment: variables), options: CheckOptions())
            .lint([LintNode(haproxy: sources)])
        let diagnostics = result.diagnostics.sortedForOutput().filter {
            $0.severity >= .warning && !(masterWorker && $0.rule.rawValue == "program-without-master-worker")
        }
        for diagnostic in diagnostics {
            messages.print(diagnostic.severity == .error ? .alert : .warning, Self.text(of: diagnostic))
        }
        let failed = sources.map(\.path).filter { path in
            diagnostics.contains { $0.severity == .error && $0.range.file == path }
        }
        if diagnostics.contains(atLeast: .error) {
            for path in failed { messages.print(.alert, "config : Error(s) found in configuration file : \(path)") }
            messages.print(.alert, "config : Fatal errors found in configuration.")
            return nil
        }
        if zeroWarning, !diagnostics.isEmpty {
            messages.print(.alert, "config : Some warnings were found and 'zero-warning' is set. Aborting.")
            return nil
        }
        guard let parsed = result.haproxy.first?.configuration else { return nil }
        return Checked(parsed: parsed, files: sources.map(\.path), hadWarnings: !diagnostics.isEmpty)
    }

    /// A diagnostic in HAProxy's words: `config : parsing [FILE:LINE] : message`, with weir's rule id.
    static func text(of diagnostic: Diagnostic) -> String {
        "config : parsing [\(diagnostic.range.file):\(diagnostic.range.start.line)] : \(diagnostic.message) [\(diagnostic.rule)]"
    }

    /// The files one `-f` names: the file, or a directory's `*.cfg` files in byte order.
    private func files(of path: String) -> [SourceFile]? {
        var status = stat()
        guard stat(path, &status) == 0 else {
            messages.print(.alert, "config : Cannot open configuration file/directory \(path) : \(String(cString: strerror(errno)))")
            return nil
        }
        let names: [String]
        switch ConfigFileList.expand(path) {
        case .success(let expanded): names = expanded
        case .failure(let diagnostic):
            messages.print(.alert, "config : Cannot open configuration file/directory \(path) : \(diagnostic.message)")
            return nil
        }
        var sources: [SourceFile] = []
        for name in names {
            switch SourceLoader.load(name) {
            case .success(let source): sources.append(source)
            case .failure(let diagnostic):
                messages.print(.alert, "config : Cannot open configuration file/directory \(name) : \(diagnostic.message)")
                return nil
            }
        }
        return sources
    }
}
