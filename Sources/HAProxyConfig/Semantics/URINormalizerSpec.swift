/// An `http-request normalize-uri NORMALIZER [OPTION]` rule's arguments read once, as HAProxy 2.6 reads them
/// (`parse_http_normalize_uri`): the normalizer, with `full` for `path-strip-dotdot` and `strict` for the two
/// percent normalizers, or what HAProxy refuses in them. The planner compiles the engine's normalizer from it.
///
/// HAProxy 2.6 has a quirk kept here: when `path-strip-dotdot`, `percent-to-uppercase` or
/// `percent-decode-unreserved` is followed directly by the rule's `if`/`unless`, it never records the
/// normalizer, and the rule runs as `path-merge-slashes` (the first normalizer, numbered 0 like an unset action).
public struct URINormalizerSpec: Sendable, Hashable {
    /// The normalizers of HAProxy 2.6, named as written (the options folded in).
    public enum Normalizer: String, Sendable, Hashable, CaseIterable {
        case pathMergeSlashes = "path-merge-slashes"
        case pathStripDot = "path-strip-dot"
        case pathStripDotDot = "path-strip-dotdot"
        case pathStripDotDotFull = "path-strip-dotdot full"
        case querySortByName = "query-sort-by-name"
        case percentToUppercase = "percent-to-uppercase"
        case percentToUppercaseStrict = "percent-to-uppercase strict"
        case percentDecodeUnreserved = "percent-decode-unreserved"
        case percentDecodeUnreservedStrict = "percent-decode-unreserved strict"
        case fragmentStrip = "fragment-strip"
        case fragmentEncode = "fragment-encode"
    }

    /// The normalizer the rule runs; nil when HAProxy refuses the arguments (see `problem`).
    public var normalizer: Normalizer?
    /// HAProxy's message for arguments it refuses.
    public var problem: String?

    /// Reads the words after `normalize-uri` up to the condition (`["path-strip-dotdot", "full"]`);
    /// `conditional` tells whether an `if`/`unless` follows them.
    public init(arguments: [String], conditional: Bool) {
        guard let name = arguments.first, !name.isEmpty else {
            problem = "missing argument <normalizer>"
            return
        }
        let next = arguments.count > 1 ? arguments[1] : ""
        var taken = 1
        switch name {
        case "path-merge-slashes", "path-strip-dot", "query-sort-by-name", "fragment-strip", "fragment-encode":
            normalizer = Normalizer(rawValue: name)
        case "path-strip-dotdot", "percent-to-uppercase", "percent-decode-unreserved":
            let option = name == "path-strip-dotdot" ? "full" : "strict"
            if next == option {
                normalizer = Normalizer(rawValue: name + " " + option)
                taken = 2
            } else if next.isEmpty {
                normalizer = conditional ? .pathMergeSlashes : Normalizer(rawValue: name)
            } else {
                problem = "unknown argument '\(next)' for '\(name)' normalizer"
            }
        default:
            problem = "unknown normalizer '\(name)'"
        }
        // A word left after the normalizer and its option is not the start of a condition: HAProxy refuses the line.
        if problem == nil, arguments.count > taken {
            normalizer = nil
            problem = "unexpected argument '\(arguments[taken])' after the normalizer"
        }
    }
}
