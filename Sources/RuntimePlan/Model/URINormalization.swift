/// What an `http-request normalize-uri` rule does to the request target (HAProxy 2.6's normalizers, the
/// options folded in). Run by `URINormalizer`.
public enum URINormalization: String, Sendable, Hashable, Codable, CaseIterable {
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
