import ArgumentParser
import ConfigCheck
import ConfigDiagnostics
import Foundation

/// Which rules run: `--disable`, `--enable` and the project file.
struct CheckArguments: ParsableArguments {
    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("Turn a rule off (repeatable).", valueName: "ID"))
    var disable: [String] = []

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp(
        "Turn a rule on, also one that is off by default or disabled in .weir.yaml (repeatable).", valueName: "ID"))
    var enable: [String] = []

    @Flag(name: .long, help: "Ignore .weir.yaml.")
    var noProjectFile = false

    func validate() throws {
        for id in disable + enable where RuleCatalog.description(of: RuleID(id)) == nil {
            throw ValidationError("unknown rule id '\(id)' (see 'weir explain --list')")
        }
    }

    /// The rule settings of `.weir.yaml` (unless `--no-project-file`) with the
    /// command line's laid over them. A broken project file is printed and
    /// stops the command with status 2.
    func resolved() throws -> (options: CheckOptions, strict: Bool, targetVersion: HAProxyVersion?) {
        var project = ProjectFile()
        if !noProjectFile, let path = ProjectFile.find(from: FileManager.default.currentDirectoryPath) {
            switch SourceLoader.load(path).flatMap(ProjectFile.read) {
            case .success(let found): project = found
            case .failure(let diagnostic):
                let context = RenderContext(sources: [:], useColour: false, toolVersion: WeirVersion.current)
                FileHandle.standardError.write(Data(DiagnosticFormat.text.render([diagnostic], context: context).utf8))
                throw ExitCode(2)
            }
        }
        return (project.options.merging(options), project.strict, project.targetVersion)
    }

    /// The command line's part of the options.
    var options: CheckOptions {
        CheckOptions(disabled: Set(disable.map { RuleID($0) }), enabled: Set(enable.map { RuleID($0) }))
    }
}
