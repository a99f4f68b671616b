import Foundation

extension ProxyPair {
    /// Sends `request` to haproxy and to the engine; nil when both answered alike (the same observation
    /// and the same raw response once normalised), else a description of both answers. With
    /// `requireAnswer`, an empty answer from haproxy is a disagreement too (the case must exercise something).
    func disagreement(_ request: String, requireAnswer: Bool = false) -> String? {
        let (haproxy, engine) = exchange(Array(request.utf8))
        let left = HTTPRuleLanguageDifferentialTests.normalised(haproxy.raw)
        let right = HTTPRuleLanguageDifferentialTests.normalised(engine.raw)
        guard haproxy != engine || left != right || (requireAnswer && haproxy.raw.isEmpty) else { return nil }
        return "\(request.debugDescription):\n  haproxy \(haproxy)\n  engine  \(engine)\n"
            + "  haproxy raw \(left.debugDescription)\n  engine raw  \(right.debugDescription)"
    }
}
