// generated from Sources/ConfigCheck/Rules, do not edit.
// Regenerate: WEIR_REGENERATE=1 swift test --filter RuleCatalogTests

/// Every rule type of the catalog, by kind.
enum RuleRegistry {
    static let syntax: [any SyntaxRule.Type] = [
        AlertDirective.self,
        ConditionSyntax.self,
        ConditionTooDeep.self,
        ConditionUnbalanced.self,
        DefaultsUndefined.self,
        DirectiveArguments.self,
        ExtraArgument.self,
        InvalidArgument.self,
        InvalidHexEscape.self,
        InvalidName.self,
        InvalidVariableName.self,
        InvalidWordExpansion.self,
        KeywordIgnored.self,
        KeywordOutOfSection.self,
        KeywordWrongSection.self,
        LineContinuation.self,
        MissingArgument.self,
        MissingFinalNewline.self,
        ModifierNotAllowed.self,
        NoticeDirective.self,
        SectionNameMissing.self,
        StrayNULByte.self,
        TooManyWords.self,
        UnknownBindOption.self,
        UnknownDirective.self,
        UnknownKeyword.self,
        UnknownServerOption.self,
        UnmatchedQuote.self,
        UnmatchedVariableBrace.self,
        UnsetVariable.self,
        WarningDirective.self,
    ]
    static let haproxy: [any HAProxyRule.Type] = [
        ACLUndefined.self,
        BackendLoop.self,
        BackendModeMismatch.self,
        BackendUndefined.self,
        ConverterUnknown.self,
        CookieWithoutHTTPMode.self,
        DefaultsMixedReference.self,
        DefaultsRulesInheritance.self,
        ExternalCheckWithoutInsecureFork.self,
        FetchUnknown.self,
        HTTPModeRequired.self,
        HTTPReplyContentTypeIgnored.self,
        HttpchkHiddenHeaders.self,
        LogFormatOverridden.self,
        LogFormatWithoutLog.self,
        PeersLocalPeerMissing.self,
        PortRangeNotAllowed.self,
        ProgramWithoutMasterWorker.self,
        ProxyNameDuplicate.self,
        SampleArguments.self,
        SampleExpressionSyntax.self,
        ServerFetchNeedsBackend.self,
        ServerNameDuplicate.self,
        SpoeConfigMissing.self,
        TimeoutMissing.self,
    ]
    static let keepalived: [any KeepalivedRule.Type] = [
    ]
    static let node: [any NodeRule.Type] = [
    ]
    static let pair: [any PairRule.Type] = [
    ]
}
