/// The subset of the SARIF 2.1.0 object model that weir writes. Property
/// names are the specification's; absent optionals are left out.
enum SARIF {
    struct Log: Encodable {
        let schema: String
        let version: String
        let runs: [Run]

        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, runs
        }
    }

    struct Run: Encodable {
        let tool: Tool
        let columnKind: String
        let results: [Result]
    }

    struct Tool: Encodable {
        let driver: Driver
    }

    struct Driver: Encodable {
        let name: String
        let version: String
        let informationUri: String?
        let rules: [ReportingDescriptor]
    }

    struct ReportingDescriptor: Encodable {
        let id: String
        let shortDescription: Text?
    }

    /// A `message`, `multiformatMessageString` or `artifactContent`: all
    /// three are `{"text": …}` as weir writes them.
    struct Text: Encodable {
        let text: String
    }

    struct Result: Encodable {
        let ruleId: String
        let ruleIndex: Int
        let level: String
        let message: Text
        let locations: [Location]
        let relatedLocations: [Location]?
        let fixes: [Fix]?
    }

    struct Location: Encodable {
        let id: Int?
        let message: Text?
        let physicalLocation: PhysicalLocation
    }

    struct PhysicalLocation: Encodable {
        let artifactLocation: ArtifactLocation
        let region: Region
    }

    struct ArtifactLocation: Encodable {
        let uri: String
    }

    /// A text region; the end column is one past the last character, so an
    /// empty region (start equals end) is an insertion point.
    struct Region: Encodable {
        let startLine: Int
        let startColumn: Int
        let endLine: Int
        let endColumn: Int
    }

    struct Fix: Encodable {
        let description: Text?
        let artifactChanges: [ArtifactChange]
    }

    struct ArtifactChange: Encodable {
        let artifactLocation: ArtifactLocation
        let replacements: [Replacement]
    }

    struct Replacement: Encodable {
        let deletedRegion: Region
        let insertedContent: Text?
    }
}
