import ArgumentParser
import ConfigDiagnostics
import Foundation
import HAProxyConfig
import KeepalivedConfig

/// `weir fmt`: rewrite configuration files in the canonical layout.
struct Fmt: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rewrite haproxy.cfg and keepalived.conf files in the canonical layout.",
        discussion: """
            Indentation (four spaces per level), one space between words, aligned columns for consecutive \
            acl, timeout, use_backend and server lines, blank-line runs folded to one. Words, comments and \
            the order of lines are kept; lines that cannot be parsed are left as they are. Files are \
            rewritten atomically. With --check nothing is written and the exit status is 1 when a file \
            would change; --diff prints what would change. '-' formats standard input to standard output.
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var verbosity: VerbosityOptions

    @Flag(name: .long, help: "Write nothing; exit with status 1 if a file is not formatted.")
    var check = false

    @Flag(name: .long, help: "Print a unified diff of the changes instead of writing them.")
    var diff = false

    @Argument(help: "Files to format ('-' for standard input).")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one file to format") }
    }

    func run() throws {
        var failed = false
        var unformatted: [String] = []
        let terminal = Terminal(environment: ProcessInfo.processInfo.environment)
        for path in files {
            let source: SourceFile
            if path == "-" {
                source = SourceLoader.loadStandardInput()
            } else {
                switch SourceLoader.load(path) {
                case .success(let loaded): source = loaded
                case .failure(let diagnostic):
                    FileHandle.standardError.write(Data((diagnostic.message + "\n").utf8))
                    failed = true
                    continue
                }
            }
            let formatted = format(source)
            let original = String(decoding: source.bytes, as: UTF8.self)
            if path == "-" && !check && !diff {
                terminal.write(formatted)
                continue
            }
            guard formatted != original else { continue }
            unformatted.append(path)
            if diff {
                terminal.write(UnifiedDiff.render(old: original, new: formatted, oldName: path, newName: path))
            } else if !check, case .failure(let diagnostic) = AtomicWriter.write(formatted, to: path) {
                FileHandle.standardError.write(Data((diagnostic.message + "\n").utf8))
                failed = true
            }
        }
        // The list of files that would change is a warning: --quiet or --min-severity error leave it out.
        if check && verbosity.threshold(default: .note) <= .warning {
            for path in unformatted { FileHandle.standardError.write(Data("not formatted: \(path)\n".utf8)) }
        }
        if failed { throw ExitCode(2) }
        if check && !unformatted.isEmpty { throw ExitCode(1) }
    }

    private func format(_ source: SourceFile) -> String {
        let isKeepalived: Bool
        switch input.forcedFormat {
        case .haproxy: isKeepalived = false
        case .keepalived: isKeepalived = true
        case nil:
            isKeepalived = !source.path.hasSuffix(".cfg") && !HAProxyReader.looksLikeHAProxy(source)
                && (KeepalivedParser.looksLikeKeepalived(source) || source.path.hasSuffix(".conf"))
        }
        if isKeepalived { return KeepalivedFormatter().format(source) }
        let reader = HAProxyReader(variables: VariableResolver(
            environment: ProcessInfo.processInfo.environment, overrides: input.overrides))
        let syntax = reader.read([source]).syntax
        return HAProxyFormatter().format(syntax.files[0], sectionKeywords: reader.registry.sectionKeywords)
    }
}
