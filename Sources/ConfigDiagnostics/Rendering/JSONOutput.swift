import Foundation

/// The JSON encoding shared by the JSON and SARIF renderers: sorted keys,
/// two-space indentation, unescaped slashes, a final newline.
enum JSONOutput {
    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        // Only strings, integers, arrays and objects of them: nothing can fail.
        let data = try! encoder.encode(value)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
