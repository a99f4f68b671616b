/// The runtime API's `show events [<sink>] [-w] [-n]` (src/sink.c
/// `cli_parse_show_events`): without a sink, HAProxy's list of sinks (its
/// built-in `stdout`, `stderr` and `buf0`, then the `ring` sections); with
/// a ring's name, the messages it keeps, one a line. The engine writes no
/// trace into `buf0`, which is always empty. `-w` (wait for more) ends
/// after the messages kept, as a one-shot command, with the session's empty
/// line (HAProxy keeps streaming, and a one-shot client sees no empty line);
/// `-n` shows only messages that come later, so none.
struct EventSinks {
    let rings: LogRings

    var list: String {
        var text = "Supported events sinks are listed below. Add -w(wait), -n(new). Any key to stop\n"
        let builtIn = [("stdout", "fd", "standard output (fd#1)"), ("stderr", "fd", "standard output (fd#2)"),
                       ("buf0", "buffer", "in-memory ring buffer")]
        for (name, type, description) in builtIn + rings.ordered.map({ ($0.plan.name, "buffer", $0.plan.description) }) {
            text += "    \(name.padding(toLength: max(10, name.count), withPad: " ", startingAt: 0)) : type=\(type), 0 dropped, \(description)\n"
        }
        return text
    }

    /// A sink's messages; HAProxy's messages (without the session's empty line) for an unknown sink or option,
    /// and for `stdout`/`stderr`, which keep nothing.
    func show(_ words: [String]) -> String {
        let name = words[0]
        guard ["stdout", "stderr", "buf0"].contains(name) || rings.byName[name] != nil else {
            return "No such event sink\n" + CLIText.withoutEmptyLine
        }
        if name == "stdout" || name == "stderr" { return "Nothing to report for this sink\n" + CLIText.withoutEmptyLine }
        let options = words.dropFirst()
        for option in options where !["-w", "-n", "-nw", "-wn"].contains(option) { return "unknown option\n" + CLIText.withoutEmptyLine }
        guard let ring = rings.byName[name], !options.contains(where: { $0.contains("n") }) else { return "" }
        return ring.text()
    }
}
