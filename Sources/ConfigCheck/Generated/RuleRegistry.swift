// generated from Sources/ConfigCheck/Rules, do not edit.
// Regenerate: WEIR_REGENERATE=1 swift test --filter RuleCatalogTests

/// Every rule type of the catalog, by kind.
enum RuleRegistry {
    static let syntax: [any SyntaxRule.Type] = [
        FileUnreadable.self,
        FileUnwritable.self,
        KeepalivedBlockExpected.self,
        KeepalivedExtraArgument.self,
        KeepalivedExtraBrace.self,
        KeepalivedInclude.self,
        KeepalivedInvalidArgument.self,
        KeepalivedMissingArgument.self,
        KeepalivedMissingBrace.self,
        KeepalivedTooDeep.self,
        KeepalivedUnknownKeyword.self,
        KeepalivedUnmatchedQuote.self,
        KeepalivedWrongBlock.self,
        LineContinuation.self,
        ProjectFile.self,
        YAMLMissingName.self,
        YAMLSyntax.self,
        YAMLUnexpectedType.self,
        YAMLUnknownKey.self,
    ]
    static let haproxy: [any HAProxyRule.Type] = [
        ACLUndefined.self,
        CRTExpired.self,
        CRTExpiring.self,
        CRTInvalid.self,
        CRTKeyMismatch.self,
        CRTKeyMissing.self,
        CRTMissing.self,
        SSLCaFileMissing.self,
        SSLCipherUnknown.self,
        SSLVerifyNone.self,
        SSLVersionUnknown.self,
    ]
    static let keepalived: [any KeepalivedRule.Type] = [
        VIPInvalid.self,
        VRRPAHMaster.self,
        VRRPAdvertInt.self,
        VRRPAuthIgnored.self,
        VRRPAuthPassLength.self,
        VRRPNopreemptMaster.self,
        VRRPPriorityOwner.self,
        VRRPScriptKillall.self,
        VRRPScriptSecurity.self,
        VRRPSyncGroupUndefined.self,
        VRRPTrackScriptUndefined.self,
        VRRPUnicastPeers.self,
        VRRPVRIDDuplicate.self,
    ]
    static let node: [any NodeRule.Type] = [
    ]
    static let pair: [any PairRule.Type] = [
    ]
}
