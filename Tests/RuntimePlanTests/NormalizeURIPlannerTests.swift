import HAProxyConfig
import RuntimePlan
import XCTest

/// `http-request normalize-uri` is read once (`URINormalizerSpec`) and planned as HAProxy 2.6 reads it, quirk
/// included; `expose-experimental-directives` is no longer listed; arguments HAProxy refuses are errors.
final class NormalizeURIPlannerTests: XCTestCase {
    func testNormalizersArePlannedWithTheirOptions() throws {
        let plan = try XCTUnwrap(compilePlan("""
            global
                expose-experimental-directives
            defaults
                mode http
            frontend f
                bind 127.0.0.1:8080
                http-request normalize-uri path-strip-dotdot full
                http-request normalize-uri percent-decode-unreserved strict if { path_beg /a }
                http-request normalize-uri percent-to-uppercase if { path_beg /b }
                http-request normalize-uri query-sort-by-name
                default_backend b
            backend b
                server s 127.0.0.1:1

            """))
        XCTAssertEqual(plan.unsupported.map(\.directive), [])
        let rules = try XCTUnwrap(plan.frontends.first).httpRequestRules
        XCTAssertEqual(rules.map(\.action), Array(repeating: .normalizeURI, count: 4))
        XCTAssertEqual(rules.map(\.normalization),
                       [.pathStripDotDotFull, .percentDecodeUnreservedStrict, .pathMergeSlashes, .querySortByName],
                       "HAProxy 2.6 runs a normalizer that takes an option as path-merge-slashes when 'if' follows its name")
    }

    func testArgumentsHAProxyRefusesAreErrors() {
        for (line, message) in [("normalize-uri", "missing argument <normalizer>"),
                                ("normalize-uri path-strip-dotdot half", "unknown argument 'half' for 'path-strip-dotdot' normalizer"),
                                ("normalize-uri lowercase", "unknown normalizer 'lowercase'"),
                                ("normalize-uri path-merge-slashes full", "unexpected argument 'full' after the normalizer")] {
            let result = planResult("""
                defaults
                    mode http
                frontend f
                    bind 127.0.0.1:8080
                    http-request \(line)
                    default_backend b
                backend b
                    server s 127.0.0.1:1

                """)
            XCTAssertTrue(result.diagnostics.contains { $0.message.contains(message) }, "\(line): \(result.diagnostics.map(\.message))")
        }
    }

    func testNormalizersFollowHAProxysDocumentedExamples() {
        let examples: [(URINormalization, String, String?)] = [
            (.fragmentEncode, "/#foo", "/%23foo"), (.fragmentStrip, "/#foo", "/"),
            (.pathStripDot, "/.", "/"), (.pathStripDot, "/./bar/", "/bar/"), (.pathStripDot, "/a/./a", "/a/a"),
            (.pathStripDot, "/.well-known/", "/.well-known/"),
            (.pathStripDotDot, "/foo/../", "/"), (.pathStripDotDot, "/foo/../bar/", "/bar/"), (.pathStripDotDot, "/foo/bar/../", "/foo/"),
            (.pathStripDotDot, "/../bar/", "/../bar/"), (.pathStripDotDot, "/bar/../../", "/../"), (.pathStripDotDot, "/foo//../", "/foo/"),
            (.pathStripDotDot, "/foo/%2E%2E/", "/foo/%2E%2E/"), (.pathStripDotDotFull, "/../bar/", "/bar/"),
            (.pathStripDotDotFull, "/bar/../../", "/"), (.pathMergeSlashes, "//", "/"), (.pathMergeSlashes, "/foo//bar", "/foo/bar"),
            (.percentDecodeUnreserved, "/%61dmin", "/admin"), (.percentDecodeUnreserved, "/foo%3Fbar=baz", "/foo%3Fbar=baz"),
            (.percentDecodeUnreserved, "/%%36%36", "/%66"), (.percentDecodeUnreserved, "/%ZZ", "/%ZZ"),
            (.percentDecodeUnreservedStrict, "/%%36%36", nil), (.percentDecodeUnreservedStrict, "/%ZZ", nil),
            (.percentToUppercase, "/%6f", "/%6F"), (.percentToUppercase, "/%zz", "/%zz"), (.percentToUppercaseStrict, "/%zz", nil),
            (.querySortByName, "/?c=3&a=1&b=2", "/?a=1&b=2&c=3"), (.querySortByName, "/?aaa=3&a=1&aa=2", "/?a=1&aa=2&aaa=3"),
            (.querySortByName, "/?a=3&b=4&a=1&b=5&a=2", "/?a=3&a=1&a=2&b=4&b=5"),
        ]
        for (normalization, target, expected) in examples {
            XCTAssertEqual(URINormalizer.normalize(target, normalization), expected, "\(normalization.rawValue) \(target)")
        }
    }
}
