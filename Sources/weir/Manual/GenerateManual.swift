import ArgumentParser
import ConfigDiagnostics
import Foundation

/// `weir generate-manual` (hidden): rewrites the parts of the man pages that
/// come from the command tree, so that they cannot drift from `--help`.
///
/// Each page under the directory (`weir.1`, `weir-lint.1`, ...) is mdoc
/// written by hand around marked blocks: the lines between
/// `.\" weir:generated NAME` and `.\" weir:end` are replaced with the
/// block NAME made from the command tree: `synopsis`, `options`, or
/// `subcommands` (the root page's list).
struct GenerateManual: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-manual",
        abstract: "Regenerate the synopsis and options of the man pages from the command tree.",
        shouldDisplay: false
    )

    @Flag(name: .long, help: "Write nothing; exit with status 1 and name the pages that are out of date.")
    var check = false

    @Argument(help: "The directory of the man pages.")
    var directory: String = "Man"

    func run() throws {
        var stale: [String] = []
        for command in try CommandTree.load().pages {
            let path = directory + "/" + command.pageName + ".1"
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ValidationError("no man page '\(path)' for '\(command.fullName)'")
            }
            let page = String(decoding: data, as: UTF8.self)
            let updated = try ManualBlocks.replace(in: page, path: path, with: ManualSections(command: command))
            guard updated != page else { continue }
            stale.append(path)
            if check { continue }
            if case .failure(let diagnostic) = AtomicWriter.write(updated, to: path) {
                throw ValidationError(diagnostic.message)
            }
        }
        if check && !stale.isEmpty {
            for path in stale { FileHandle.standardError.write(Data("out of date: \(path)\n".utf8)) }
            throw ExitCode(1)
        }
    }
}

/// The marked blocks of a hand-written page.
enum ManualBlocks {
    static let begin = ".\\\" weir:generated "
    static let end = ".\\\" weir:end"

    /// The page with every marked block replaced by the section it names.
    static func replace(in page: String, path: String, with sections: ManualSections) throws -> String {
        var output: [Substring] = []
        var skipping = false
        var found = false
        for line in page.split(separator: "\n", omittingEmptySubsequences: false) {
            if skipping {
                if line == end { skipping = false; output.append(line) }
                continue
            }
            output.append(line)
            guard line.hasPrefix(begin) else { continue }
            let name = line.dropFirst(begin.count)
            let generated: [String]
            switch name {
            case "synopsis": generated = sections.synopsis
            case "options": generated = sections.options
            case "subcommands": generated = sections.subcommandList
            default: throw ValidationError("\(path): unknown generated block '\(name)'")
            }
            output += generated.map { Substring($0) }
            skipping = true
            found = true
        }
        if skipping { throw ValidationError("\(path): '\(begin)...' without '\(end)'") }
        if !found { throw ValidationError("\(path): no '\(begin)NAME' block") }
        return output.joined(separator: "\n")
    }
}
