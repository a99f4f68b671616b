/// The parts of a man page (mdoc) made from the command tree: the synopsis,
/// the options, and for `weir` itself the list of subcommands.
struct ManualSections {
    let command: CommandTree.Command

    /// `.Nm weir lint` then one `.Op` per option and the positional arguments.
    var synopsis: [String] {
        var lines = [".Nm " + command.fullName]
        for argument in command.documentedArguments {
            var words = Self.macroWords(argument)
            if argument.isRepeating && argument.kind == .positional { words += " ..." }
            lines.append(argument.isOptional ? ".Op " + words : "." + words)
        }
        if let subcommands = command.subcommands, !subcommands.isEmpty { lines.append(".Ar subcommand") }
        return lines
    }

    /// A tagged list of the arguments: their spellings and value, the help
    /// text, its discussion, the accepted values and the default.
    var options: [String] {
        let arguments = command.documentedArguments
        guard !arguments.isEmpty else { return [] }
        var lines = [".Bl -tag -width Ds"]
        for argument in arguments {
            lines.append(".It " + Self.macroWords(argument, allNames: true))
            if let abstract = argument.abstract, !abstract.isEmpty { lines.append(Self.text(abstract)) }
            if let discussion = argument.discussion, !discussion.isEmpty {
                lines.append(".Pp")
                lines.append(Self.text(discussion))
            }
            if let values = argument.allValues, !values.isEmpty, argument.abstract.map({ !values.allSatisfy($0.contains) }) ?? true {
                lines.append("One of " + values.map { "\\fB\($0)\\fR" }.joined(separator: ", ") + ".")
            }
            if let value = argument.defaultValue, !value.isEmpty { lines.append("Default: \\fB" + Self.escape(value) + "\\fR.") }
        }
        lines.append(".El")
        return lines
    }

    /// For `weir` itself: each subcommand with its man page and abstract.
    var subcommandList: [String] {
        let visible = (command.subcommands ?? []).filter { $0.shouldDisplay != false && $0.commandName != "help" }
        guard !visible.isEmpty else { return [] }
        var lines = [".Bl -tag -width Ds"]
        for subcommand in visible {
            lines.append(".It Cm \(subcommand.commandName)")
            if let abstract = subcommand.abstract { lines.append(Self.text(abstract)) }
            lines.append("See")
            lines.append(".Xr \(subcommand.pageName) 1 .")
        }
        lines.append(".El")
        return lines
    }

    /// `Fl -format Ar format`, `Fl o , Fl -out Ar FILE` (all spellings), or `Ar input`.
    static func macroWords(_ argument: CommandTree.Argument, allNames: Bool = false) -> String {
        let value = quoted(argument.valueName ?? "value")
        switch argument.kind {
        case .positional:
            return "Ar " + value
        case .flag, .option:
            let names = allNames ? (argument.names ?? []) : [argument.preferredName].compactMap { $0 }
            let flags = names.map { "Fl " + quoted(String($0.spelled.dropFirst())) }.joined(separator: " , ")
            return argument.kind == .option ? flags + " Ar " + value : flags
        }
    }

    /// A macro argument: quoted when it holds a space, with roff's escapes.
    static func quoted(_ word: String) -> String {
        let escaped = escape(word).replacingOccurrences(of: "\"", with: "\\(dq")
        return escaped.contains(" ") ? "\"" + escaped + "\"" : escaped
    }

    /// A text line: backslashes escaped, non-ASCII dots spelt out, and a
    /// leading dot or quote protected so roff does not read a request.
    static func text(_ line: String) -> String {
        let escaped = escape(line)
        return escaped.first == "." || escaped.first == "'" ? "\\&" + escaped : escaped
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\e").replacingOccurrences(of: "…", with: "...")
            .replacingOccurrences(of: "\n", with: " ")
    }
}
