/// The part of the SARIF 2.1.0 JSON schema that weir's output touches,
/// transcribed by hand: for each object, the properties the schema allows
/// (every one of these objects has `additionalProperties: false`), the ones
/// it requires, and which definition each nested object or array follows.
/// `check` walks a decoded document and lists every violation.
enum SARIFShape {
    enum Definition {
        case log, run, tool, toolComponent, reportingDescriptor, multiformatMessageString, result,
            message, location, physicalLocation, artifactLocation, region, fix, artifactChange,
            replacement, artifactContent
    }

    private struct Rules {
        let allowed: Set<String>
        let required: Set<String>
        let children: [String: Definition]
    }

    private static func rules(_ definition: Definition) -> Rules {
        switch definition {
        case .log:
            Rules(allowed: ["$schema", "version", "runs", "inlineExternalProperties", "properties"],
                  required: ["version", "runs"], children: ["runs": .run])
        case .run:
            Rules(allowed: ["tool", "invocations", "conversion", "language", "versionControlProvenance",
                            "originalUriBaseIds", "artifacts", "logicalLocations", "graphs", "results",
                            "automationDetails", "runAggregates", "baselineGuid", "redactionTokens",
                            "defaultEncoding", "defaultSourceLanguage", "newlineSequences", "columnKind",
                            "externalPropertyFileReferences", "threadFlowLocations", "taxonomies", "addresses",
                            "translations", "policies", "webRequests", "webResponses", "specialLocations",
                            "properties"],
                  required: ["tool"], children: ["tool": .tool, "results": .result])
        case .tool:
            Rules(allowed: ["driver", "extensions", "properties"], required: ["driver"],
                  children: ["driver": .toolComponent])
        case .toolComponent:
            Rules(allowed: ["guid", "name", "organization", "product", "productSuite", "shortDescription",
                            "fullDescription", "fullName", "version", "semanticVersion", "dottedQuadFileVersion",
                            "releaseDateUtc", "downloadUri", "informationUri", "globalMessageStrings",
                            "notifications", "rules", "taxa", "locations", "language", "contents",
                            "isComprehensive", "localizedDataSemanticVersion",
                            "minimumRequiredLocalizedDataSemanticVersion", "associatedComponent",
                            "translationMetadata", "supportedTaxonomies", "properties"],
                  required: ["name"], children: ["rules": .reportingDescriptor])
        case .reportingDescriptor:
            Rules(allowed: ["id", "deprecatedIds", "guid", "deprecatedGuids", "name", "deprecatedNames",
                            "shortDescription", "fullDescription", "messageStrings", "defaultConfiguration",
                            "helpUri", "help", "relationships", "properties"],
                  required: ["id"], children: ["shortDescription": .multiformatMessageString])
        case .multiformatMessageString:
            Rules(allowed: ["text", "markdown", "properties"], required: ["text"], children: [:])
        case .result:
            Rules(allowed: ["ruleId", "ruleIndex", "rule", "kind", "level", "message", "analysisTarget",
                            "locations", "guid", "correlationGuid", "occurrenceCount", "partialFingerprints",
                            "fingerprints", "stacks", "codeFlows", "graphs", "graphTraversals",
                            "relatedLocations", "suppressions", "baselineState", "rank", "attachments",
                            "hostedViewerUri", "workItemUris", "provenance", "fixes", "taxa", "webRequest",
                            "webResponse", "properties"],
                  required: ["message"],
                  children: ["message": .message, "locations": .location, "relatedLocations": .location,
                             "fixes": .fix])
        case .message:
            // The schema requires `text` or `id`; weir always writes `text`.
            Rules(allowed: ["text", "markdown", "id", "arguments", "properties"], required: ["text"], children: [:])
        case .location:
            Rules(allowed: ["id", "physicalLocation", "logicalLocations", "message", "annotations",
                            "relationships", "properties"],
                  required: [], children: ["physicalLocation": .physicalLocation, "message": .message])
        case .physicalLocation:
            Rules(allowed: ["address", "artifactLocation", "region", "contextRegion", "properties"],
                  required: [], children: ["artifactLocation": .artifactLocation, "region": .region])
        case .artifactLocation:
            Rules(allowed: ["uri", "uriBaseId", "index", "description", "properties"], required: [], children: [:])
        case .region:
            Rules(allowed: ["startLine", "startColumn", "endLine", "endColumn", "charOffset", "charLength",
                            "byteOffset", "byteLength", "snippet", "message", "sourceLanguage", "properties"],
                  required: [], children: [:])
        case .fix:
            Rules(allowed: ["description", "artifactChanges", "properties"], required: ["artifactChanges"],
                  children: ["description": .message, "artifactChanges": .artifactChange])
        case .artifactChange:
            Rules(allowed: ["artifactLocation", "replacements", "properties"],
                  required: ["artifactLocation", "replacements"],
                  children: ["artifactLocation": .artifactLocation, "replacements": .replacement])
        case .replacement:
            Rules(allowed: ["deletedRegion", "insertedContent", "properties"], required: ["deletedRegion"],
                  children: ["deletedRegion": .region, "insertedContent": .artifactContent])
        case .artifactContent:
            Rules(allowed: ["text", "binary", "rendered", "properties"], required: [], children: [:])
        }
    }

    /// Every violation of the allowed and required properties in `value`,
    /// read as a `definition`, with a JSON-pointer-like path.
    static func check(_ value: Any, as definition: Definition, at path: String = "") -> [String] {
        guard let object = value as? [String: Any] else { return ["\(path): not an object"] }
        let rules = rules(definition)
        var problems: [String] = []
        for key in object.keys.sorted() where !rules.allowed.contains(key) {
            problems.append("\(path)/\(key): not allowed in \(definition)")
        }
        for key in rules.required.sorted() where object[key] == nil {
            problems.append("\(path)/\(key): required in \(definition)")
        }
        for (key, child) in rules.children.sorted(by: { $0.key < $1.key }) {
            switch object[key] {
            case nil: continue
            case let array as [Any]:
                for (index, element) in array.enumerated() {
                    problems += check(element, as: child, at: "\(path)/\(key)/\(index)")
                }
            case let nested?:
                problems += check(nested, as: child, at: "\(path)/\(key)")
            }
        }
        return problems
    }
}
