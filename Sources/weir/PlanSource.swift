import ConfigCheck
import ConfigDiagnostics
import ConfigYAML
import Foundation
import HAProxyConfig
import RuntimePlan
import RuntimePlanner

/// Gets a plan from what the user named: a plan.json is read, a haproxy.cfg
/// or site YAML is read, checked with the rules `options` enable and
/// compiled. Diagnostics go to standard error as `weir lint` prints them, in
/// reading order, those below the printer's threshold counted in one line.
struct PlanSource {
    let printer: DiagnosticPrinter
    let options: CheckOptions
    /// `--strict` or `strict: true` in `.weir.yaml`: a warning stops the compilation too.
    let strict: Bool
    let environment = ProcessInfo.processInfo.environment

    /// The plan source of a command with the shared output, verbosity and rule options.
    init(output: OutputOptions, verbosity: VerbosityOptions, checks: CheckArguments) throws {
        printer = DiagnosticPrinter(output: output, verbosity: verbosity, defaultThreshold: .warning)
        let resolved = try checks.resolved()
        options = resolved.options
        strict = output.strict || resolved.strict
    }

    /// The plan, or the exit status to stop with (1: errors in the configuration, 2: unreadable input).
    func load(_ path: String) -> Result<RuntimePlan, ExitStatus> {
        if path.hasSuffix(".json") {
            guard let data = FileManager.default.contents(atPath: path) else {
                report([SourceLoader.unreadable(path, reason: "cannot read the file")], [:])
                return .failure(.inputError)
            }
            switch PlanCoding.decode(data) {
            case .success(let plan): return .success(plan)
            case .failure(let error):
                FileHandle.standardError.write(Data("weir: \(path): \(error)\n".utf8))
                return .failure(.errors)
            }
        }
        return compile(path)
    }

    /// Reads and compiles a haproxy.cfg or site YAML.
    func compile(_ path: String) -> Result<RuntimePlan, ExitStatus> {
        let source: SourceFile
        switch SourceLoader.load(path) {
        case .success(let loaded): source = loaded
        case .failure(let diagnostic):
            report([diagnostic], [:])
            return .failure(.inputError)
        }
        var config = source
        var relocate: (Diagnostic) -> Diagnostic = { $0 }
        var diagnostics: [Diagnostic] = []
        if path.hasSuffix(".yaml") || path.hasSuffix(".yml") {
            let (generated, yamlDiagnostics) = HAProxyYAMLReader().read(source)
            diagnostics += yamlDiagnostics
            guard let generated, !yamlDiagnostics.contains(atLeast: .error) else {
                report(diagnostics, [source.path: source])
                return .failure(.errors)
            }
            config = SourceFile(path: source.path + " (generated)", text: generated.text)
            relocate = generated.relocate
        }
        let checked = Linter(variables: VariableResolver(environment: environment), options: options)
            .lint([LintNode(haproxy: [config])])
        diagnostics += checked.diagnostics.map(relocate)
        guard !diagnostics.contains(atLeast: .error), let parsed = checked.haproxy.first else {
            report(diagnostics, [source.path: source])
            return .failure(.errors)
        }
        let planned = Planner(fileOrder: [config.path]).plan(parsed.configuration)
        diagnostics += planned.diagnostics.map(relocate)
        if !diagnostics.isEmpty { report(diagnostics, [source.path: source].merging([config.path: config]) { first, _ in first }) }
        guard let plan = planned.plan, !(strict && diagnostics.contains(atLeast: .warning)) else { return .failure(.errors) }
        return .success(plan)
    }

    func report(_ diagnostics: [Diagnostic], _ sources: [String: SourceFile]) {
        printer.print(diagnostics, sources: sources)
    }
}

/// The exit statuses weir documents.
enum ExitStatus: Int32, Error {
    case errors = 1
    case inputError = 2
}
