// generated from Sources/ConfigCheck/Rules, do not edit.
// Regenerate: WEIR_REGENERATE=1 swift test --filter RuleCatalogTests

/// Every rule type of the catalog, by kind.
enum RuleRegistry {
    static let syntax: [any SyntaxRule.Type] = [
        LineContinuation.self,
    ]
    static let haproxy: [any HAProxyRule.Type] = [
        ACLUndefined.self,
        BackendModeMismatch.self,
        BackendUndefined.self,
        CookieWithoutHTTPMode.self,
        DefaultsRulesInheritance.self,
        HTTPModeRequired.self,
        HttpchkHiddenHeaders.self,
        LogFormatOverridden.self,
        PeersLocalPeerMissing.self,
        PortRangeNotAllowed.self,
        ProgramWithoutMasterWorker.self,
        ProxyNameDuplicate.self,
        SampleExpressionSyntax.self,
        ServerFetchNeedsBackend.self,
        ServerNameDuplicate.self,
        SpoeConfigMissing.self,
        TimeoutMissing.self,
    ]
    static let keepalived: [any KeepalivedRule.Type] = [
        IPRulePreferenceMissing.self,
        VRRPAHInitialMaster.self,
        VRRPGarpIntervalRange.self,
        VRRPRouteUntracked.self,
        VRRPScriptCommandMissing.self,
        VRRPSyncGroupMemberUndefined.self,
        VirtualServerFwmarkProtocol.self,
    ]
    static let node: [any NodeRule.Type] = [
        NonlocalBindNeeded.self,
        VIPNotBound.self,
    ]
    static let pair: [any PairRule.Type] = [
        HAProxyNodesDiffer.self,
        PeersMismatch.self,
        PeersNodeMissing.self,
        VRRPInstanceUnpaired.self,
        VRRPMasterCount.self,
        VRRPPairMismatch.self,
        VRRPPriorityTie.self,
    ]
}
