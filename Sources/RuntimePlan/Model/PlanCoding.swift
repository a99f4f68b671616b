import Foundation

/// Writes and reads plans as JSON: sorted keys and a fixed layout, so the
/// same configuration always gives the same bytes.
public enum PlanCoding {
    /// Why a JSON text is not a plan this version can run.
    public enum ReadError: Error, Sendable, Equatable, CustomStringConvertible {
        case unsupportedSchemaVersion(found: Int, expected: Int)
        case malformed(String)

        public var description: String {
            switch self {
            case .unsupportedSchemaVersion(let found, let expected):
                "plan schemaVersion \(found) is not supported (this weir reads \(expected)); compile the configuration again"
            case .malformed(let reason): "not a valid plan: \(reason)"
            }
        }
    }

    /// The plan as pretty-printed JSON with sorted keys, ending in a newline.
    public static func encode(_ plan: RuntimePlan) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Every plan value is encodable: a failure here is a programming error.
        let data = try! encoder.encode(plan)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Reads a plan, refusing other schema versions.
    public static func decode(_ data: Data) -> Result<RuntimePlan, ReadError> {
        struct VersionProbe: Decodable { var schemaVersion: Int }
        guard let probe = try? JSONDecoder().decode(VersionProbe.self, from: data) else {
            return .failure(.malformed("no schemaVersion"))
        }
        guard probe.schemaVersion == RuntimePlan.currentSchemaVersion else {
            return .failure(.unsupportedSchemaVersion(found: probe.schemaVersion, expected: RuntimePlan.currentSchemaVersion))
        }
        do {
            return .success(try JSONDecoder().decode(RuntimePlan.self, from: data))
        } catch {
            return .failure(.malformed("\(error)"))
        }
    }
}
