// generated from Sources/ConfigCheck/Rules, do not edit.
// Regenerate: WEIR_REGENERATE=1 swift test --filter RuleCatalogTests

/// Every rule type of the catalog, by kind.
enum RuleRegistry {
    static let syntax: [any SyntaxRule.Type] = [
        LineContinuation.self,
    ]
    static let haproxy: [any HAProxyRule.Type] = [
        ACLHostCaseSensitive.self,
        ACLHostIgnoresPort.self,
        ACLPathWithoutSlash.self,
        ACLUndefined.self,
        ACLUnused.self,
        BackendModeMismatch.self,
        BackendUndefined.self,
        CookieWithoutHTTPMode.self,
        DefaultsRulesInheritance.self,
        FetchProxyUndefined.self,
        GlobalMaxconnBelowFrontends.self,
        HTTPModeRequired.self,
        HttpchkHiddenHeaders.self,
        LogFormatOverridden.self,
        PeersLocalPeerMissing.self,
        PeersUndefined.self,
        PortRangeNotAllowed.self,
        ProgramWithoutMasterWorker.self,
        ProxyNameDuplicate.self,
        ResolversUndefined.self,
        RuleUnreachable.self,
        SCFetchUntracked.self,
        SampleExpressionSyntax.self,
        ServerFailoverTime.self,
        ServerFetchNeedsBackend.self,
        ServerMaxconnWithoutTimeoutQueue.self,
        ServerNameDuplicate.self,
        ServerUndefined.self,
        SpoeConfigMissing.self,
        StatsAdminWithoutAuth.self,
        StatsAuthPlaintext.self,
        StickTableDataMissing.self,
        StickTableMissing.self,
        TableUndefined.self,
        TimeoutMissing.self,
        TimeoutServerBelowCheckInterval.self,
        UlimitNTooLow.self,
        UserlistUndefined.self,
        WebsocketTimeoutTunnelMissing.self,
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
