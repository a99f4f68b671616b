import ConfigDiagnostics
import HAProxyConfig

/// A fetch or converter argument of the right type whose value HAProxy's check for that keyword refuses
/// (`field(0,:)`, `json(latin1)`, `uuid(7)`, `add(ten)`).
struct SampleArgumentValueInvalid: HAProxyRule {
    static let description = RuleDescription(
        id: "sample-argument-value-invalid", severity: .error, domain: .haproxy,
        summary: "A fetch or converter argument has the right type but a value HAProxy refuses (`field(0,:)`, `json(latin1)`, `add(ten)`, `uuid(7)`).",
        rationale: """
            Some fetches and converters check their arguments' values when HAProxy reads the configuration, and \
            refuse it: `field` and `word` count fields from 1 and need a separator; `be2dec` and `be2hex` take \
            0 or 1 as their truncate flag; `json` takes `ascii`, `utf8`, `utf8s`, `utf8p` or `utf8ps`; \
            `json_query` a non-empty path and `int` as its only output type (so do `jwt_header_query` and \
            `jwt_payload_query`); the arithmetic converters (`add`, `sub`, `mul`, `div`, `mod`, `and`, `or`, \
            `xor`) an integer or a variable name (`txn.count`); the `bool` fetch `true`, `false`, `1` or `0`; \
            `date` the unit `s`, `ms` or `us`; `fc_rtt` and `fc_rttvar` `us` or `ms`; `strcmp` a variable name; `uuid` only version 4; \
            `jwt_verify` an algorithm it knows (`HS256` … `PS512`, `none`) or a variable; `mqtt_field_value` an \
            MQTT packet type (`CONNECT` … `AUTH`, or 1 to 15); `protobuf` and `ungrpc` a field type such as \
            `int32` or `double`; `fix_tag_value` a tag number or a name it knows (`MsgType`, `CheckSum`…); \
            `debug` a sink that exists (`stdout`, `stderr`, `buf0` or a `ring` section); `add_item` a variable or a \
            suffix; the constant `meth` fetch an HTTP token. sample-arguments checks the number and \
            types of arguments; this rule their values.
            """,
        fix: "Use a value the keyword's documentation lists.",
        triggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind 127.0.0.1:8080
                    http-request set-header X-A ↓%[req.hdr(x-list),field(0,:)]
                    http-request set-header X-B ↓%[req.hdr(x-count),add(ten)]
                    http-request set-header X-C ↓%[uuid(7)]
                    http-request set-header X-D ↓%[req.hdr(authorization),jwt_verify(HS999,secret)]
                    http-request set-header X-E ↓%[req.body,protobuf(1,int128)]
                    http-request set-header X-F ↓%[req.hdr(x-a),debug(pfx,nowhere)]
                    http-request set-header X-G ↓%[req.hdr(x-b),add_item(",")]
                    default_backend app
                backend app
                    server a 127.0.0.1:9000

                """),
        ],
        nonTriggering: [
            .haproxy("""
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind 127.0.0.1:8080
                    http-request set-var(txn.step) int(2)
                    http-request set-header X-A %[req.hdr(x-list),field(2,:)]
                    http-request set-header X-B %[req.hdr(x-count),add(txn.step),mul(-3)]
                    http-request set-header X-C %[uuid(4)]
                    http-request set-header X-D %[date(0,ms)]
                    http-request set-header X-E %[req.hdr(x-json),json_query('$.id',int)]
                    default_backend app
                backend app
                    server a 127.0.0.1:9000

                """),
        ])

    /// The arithmetic converters, whose argument is an integer or a variable.
    static let arithmetic: Set<String> = ["add", "sub", "mul", "div", "mod", "and", "or", "xor"]
    /// The scopes a variable name starts with.
    static let scopes = ["proc.", "sess.", "txn.", "req.", "res.", "check."]

    func check(_ context: HAProxyCheckContext, _ findings: inout Findings) {
        let sinks = Self.builtInSinks.union(context.configuration.otherSections.filter { $0.kind == "ring" }.compactMap(\.name))
        for site in context.sampleSites {
            guard case .success(let expressions) = site.parsed else { continue }
            for expression in expressions {
                for (position, element) in expression.elements.enumerated() {
                    guard let arguments = element.arguments,
                          let problem = Self.problem(element.name, converter: position > 0, arguments.map(Self.unquoted), sinks: sinks)
                    else { continue }
                    findings.report("\(position > 0 ? "converter" : "fetch method") '\(element.name)': \(problem)", at: site.range)
                }
            }
        }
    }

    /// What HAProxy's check of `name` says of these arguments, or nil.
    static func problem(_ name: String, converter: Bool, _ arguments: [String], sinks: Set<String> = SampleArgumentValueInvalid.builtInSinks) -> String? {
        func argument(_ index: Int) -> String? { index < arguments.count ? arguments[index] : nil }
        func integer(_ index: Int) -> Int? { argument(index).flatMap { Int($0) } }
        if !converter {
            switch name {
            case "bool":
                guard let value = argument(0)?.lowercased(), !["true", "false", "1", "0"].contains(value) else { return nil }
                return "Expects 'true', 'false', '0' or '1'"
            case "date", "date_us":
                guard let unit = argument(1), !unit.isEmpty, !["s", "ms", "us"].contains(unit) else { return nil }
                return "expects 's', 'ms' or 'us', got '\(unit)'"
            case "fc_rtt", "fc_rttvar":
                guard let unit = argument(0), !unit.isEmpty, unit != "us", unit != "ms" else { return nil }
                return "expects 'us' or 'ms', got '\(unit)'"
            case "uuid":
                guard let version = integer(0), version != 4 else { return nil }
                return "Unsupported UUID version: '\(version)'"
            case "meth":
                guard let method = argument(0), !method.allSatisfy(isToken) else { return nil }
                return "expects valid method."
            default: return nil
            }
        }
        switch name {
        case "field", "word":
            if integer(0) == 0 { return "Unexpected value 0 for index" }
            if let separators = argument(1), separators.isEmpty { return "Empty separators list" }
        case "be2dec", "be2hex":
            let chunk = integer(1) ?? 0, truncate = integer(2) ?? 0
            if name == "be2dec", !(1...8).contains(chunk) { return "chunk_size out of [1..8] range (\(chunk))" }
            if name == "be2hex", chunk <= 0, !(argument(0) ?? "").isEmpty || truncate != 0 {
                return "chunk_size needs to be positive (\(chunk))"
            }
            if truncate != 0, truncate != 1 { return "Unsupported truncate value (\(truncate))" }
        case "strcmp", "secure_memcmp":
            if (argument(0) ?? "").isEmpty { return "missing variable name" }
        case "json":
            if let code = argument(0), !["", "ascii", "utf8", "utf8s", "utf8p", "utf8ps"].contains(code) {
                return "Unexpected input code type. Allowed value are 'ascii', 'utf8', 'utf8s', 'utf8p' and 'utf8ps'"
            }
        case "json_query", "jwt_header_query", "jwt_payload_query":
            if name == "json_query", (argument(0) ?? "").isEmpty { return "json_path must not be empty" }
            if let type = argument(1), !type.isEmpty, type != "int" { return "output_type only supports \"int\" as argument" }
        case "jwt_verify":
            guard let algorithm = argument(0), !scopes.contains(where: algorithm.hasPrefix),
                  !jwtAlgorithms.contains(algorithm) else { return nil }
            return "unknown JWT algorithm: \(algorithm)"
        case "mqtt_field_value":
            guard let type = argument(0), UInt8(type).map({ !(1...15).contains($0) }) ?? !mqttTypes.contains(type.uppercased())
            else { return nil }
            return "Unknown MQTT type '\(type)'"
        case "protobuf", "ungrpc":
            guard let type = argument(1), !protobufTypes.contains(type) else { return nil }
            return "Wrong protocol buffer type '\(type)'"
        case "fix_tag_value":
            guard let tag = argument(0), !(tag.allSatisfy { $0.isASCII && $0.isNumber } && (Int(tag) ?? 0) > 0),
                  !fixTags.contains(tag.lowercased()) else { return nil }
            return "Unknown FIX tag name '\(tag)'"
        case "debug":
            let sink = argument(1).flatMap { $0.isEmpty ? nil : $0 } ?? "buf0"
            if !sinks.contains(sink) { return "No such sink '\(sink)'" }
        case "add_item":
            if (argument(1) ?? "").isEmpty, (argument(2) ?? "").isEmpty { return "one of the optional arguments has to be nonempty" }
        case _ where arithmetic.contains(name):
            guard let value = argument(0), !value.isEmpty, !scopes.contains(where: value.hasPrefix) else { return nil }
            let digits = value.hasPrefix("-") || value.hasPrefix("+") ? value.dropFirst() : Substring(value)
            if digits.isEmpty || !digits.allSatisfy({ $0.isASCII && $0.isNumber }) { return "expects an integer or a variable name" }
        default: break
        }
        return nil
    }

    /// The sinks every HAProxy has; `ring` sections add theirs.
    static let builtInSinks: Set<String> = ["stdout", "stderr", "buf0"]
    /// The algorithms `jwt_verify` knows (jwt_parse_alg).
    static let jwtAlgorithms: Set<String> = ["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "ES256", "ES384",
                                             "ES512", "PS256", "PS384", "PS512", "none"]
    /// The MQTT packet types by name (mqtt_typeid, compared without case).
    static let mqttTypes: Set<String> = ["CONNECT", "CONNACK", "PUBLISH", "PUBACK", "PUBREC", "PUBREL", "PUBCOMP",
                                         "SUBSCRIBE", "SUBACK", "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP",
                                         "DISCONNECT", "AUTH"]
    /// The field types of `protobuf` and `ungrpc` (protobuf_type).
    static let protobufTypes: Set<String> = ["int32", "uint32", "sint32", "int64", "uint64", "sint64", "bool", "enum",
                                             "fixed32", "sfixed32", "float", "fixed64", "sfixed64", "double"]
    /// The FIX tags `fix_tag_value` knows by name (fix_tagid, compared without case).
    static let fixTags: Set<String> = ["msgtype", "checksum", "bodylength", "targetcompid", "beginstring",
                                       "sendercompid"]

    /// A character of an HTTP token (RFC 7230 `tchar`).
    static func isToken(_ character: Character) -> Bool {
        (character.isASCII && (character.isLetter || character.isNumber)) || "!#$%&'*+-.^_`|~".contains(character)
    }

    /// An argument without the quotes around it.
    static func unquoted(_ text: String) -> String {
        guard text.count >= 2, let first = text.first, first == text.last, first == "'" || first == "\"" else { return text }
        return String(text.dropFirst().dropLast())
    }
}
