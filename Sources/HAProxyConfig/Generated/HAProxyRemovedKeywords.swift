// generated from Grammar/haproxy-removed-keywords.tsv, do not edit.
// Regenerate: WEIR_REGENERATE=1 swift test --filter GeneratedGrammarTests

/// The text of `Grammar/haproxy-removed-keywords.tsv`.
public let haproxyRemovedKeywordsTSV: String = #"""
keyword	sections	removed	replacement	fix	message
# Directives HAProxy 2.6 refuses with a message naming their replacement; `message` is HAProxy 2.6.12's own text.
appsession	defaults,frontend,listen,backend	1.6			'appsession' is not supported anymore since HAProxy 1.6.
block	defaults,frontend,listen,backend	2.1	http-request deny	keyword	The 'block' directive is not supported anymore since HAProxy 2.1. Use 'http-request deny' which uses the exact same syntax.
clitimeout	defaults,frontend,listen,backend	2.1	timeout client	keyword	the 'clitimeout' directive is not supported anymore since HAProxy 2.1. Use 'timeout client'.
contimeout	defaults,frontend,listen,backend	2.1	timeout connect	keyword	the 'contimeout' directive is not supported anymore since HAProxy 2.1. Use 'timeout connect'.
monitor-net	defaults,frontend,listen,backend	2.4			'monitor-net' doesn't exist anymore. Please use 'http-request return status 200 if { src <net> }' instead.
nbproc	global	2.5			nbproc is not supported any more since HAProxy 2.5. Threads will automatically be used on multi-processor machines if available.
option forceclose	defaults,frontend,listen,backend	2.0	option httpclose	keyword	option 'forceclose' is not supported any more since HAProxy 2.0, please just remove it, or use 'option httpclose' if absolutely needed.
option http_proxy	defaults,frontend,listen,backend	2.5			option 'http_proxy' is not supported any more since HAProxy 2.5. This option stopped working in HAProxy 1.9 and usually had nasty side effects. It can be more reliably implemented with combinations of 'http-request set-dst' and 'http-request set-uri', and even 'http-request do-resolve' if DNS resolution is desired.
redispatch	defaults,frontend,listen,backend	2.1	option redispatch	keyword	keyword 'redispatch' directive is not supported anymore since HAProxy 2.1. Use 'option redispatch'.
reqadd	defaults,frontend,listen,backend	2.1	http-request add-header	header	The 'reqadd' directive is not supported anymore since HAProxy 2.1. Use 'http-request add-header' instead.
reqallow	defaults,frontend,listen,backend	2.1	http-request allow		The 'reqallow' directive is not supported anymore since HAProxy 2.1. Use 'http-request allow' instead.
reqdel	defaults,frontend,listen,backend	2.1	http-request del-header		The 'reqdel' directive is not supported anymore since HAProxy 2.1. Use 'http-request del-header' instead.
reqdeny	defaults,frontend,listen,backend	2.1	http-request deny		The 'reqdeny' not supported anymore since HAProxy 2.1. Use 'http-request deny' instead.
reqiallow	defaults,frontend,listen,backend	2.1	http-request allow		The 'reqiallow' directive is not supported anymore since HAProxy 2.1. Use 'http-request allow' instead.
reqidel	defaults,frontend,listen,backend	2.1	http-request del-header		The 'reqidel' directive is not supported anymore since HAProxy 2.1. Use 'http-request del-header' instead.
reqideny	defaults,frontend,listen,backend	2.1	http-request deny		The 'reqideny' directive is not supported anymore since HAProxy 2.1. Use 'http-request deny' instead.
reqipass	defaults,frontend,listen,backend	2.1			The 'reqipass' directive is not supported anymore since HAProxy 2.1.
reqirep	defaults,frontend,listen,backend	2.1	http-request replace-header		The 'reqirep' directive is not supported anymore since HAProxy 2.1. Use 'http-request replace-header' instead.
reqitarpit	defaults,frontend,listen,backend	2.1	http-request tarpit		The 'reqitarpit' directive is not supported anymore since HAProxy 2.1. Use 'http-request tarpit' instead.
reqpass	defaults,frontend,listen,backend	2.1			The 'reqpass' not supported anymore since HAProxy 2.1.
reqrep	defaults,frontend,listen,backend	2.1	http-request replace-path		The 'reqrep' directive is not supported anymore since HAProxy 2.1. Use 'http-request replace-path', 'http-request replace-uri' or 'http-request replace-header' instead.
reqtarpit	defaults,frontend,listen,backend	2.1	http-request tarpit		The 'reqtarpit' directive is not supported anymore since HAProxy 2.1. Use 'http-request tarpit' instead.
rspadd	defaults,frontend,listen,backend	2.1	http-response add-header	header	The 'rspadd' directive is not supported anymore since HAProxy 2.1. Use 'http-response add-header' instead.
rspdel	defaults,frontend,listen,backend	2.1	http-response del-header		The 'rspdel' directive is not supported anymore since HAProxy 2.1. Use 'http-response del-header' .
rspdeny	defaults,frontend,listen,backend	2.1	http-response deny		The 'rspdeny' directive is not supported anymore since HAProxy 2.1. Use 'http-response deny' instead.
rspidel	defaults,frontend,listen,backend	2.1	http-response del-header		The 'rspidel' directive is not supported anymore since HAProxy 2.1. Use 'http-response del-header' instead.
rspideny	defaults,frontend,listen,backend	2.1	http-response deny		The 'rspideny' directive is not supported anymore since HAProxy 2.1. Use 'http-response deny' instead.
rspirep	defaults,frontend,listen,backend	2.1	http-response replace-header		The 'rspirep' directive is not supported anymore since HAProxy 2.1. Use 'http-response replace-header' instead.
rsprep	defaults,frontend,listen,backend	2.1	http-response replace-header		The 'rsprep' directive is not supported anymore since HAProxy 2.1. Use 'http-response replace-header' instead.
srvtimeout	defaults,frontend,listen,backend	2.1	timeout server	keyword	the 'srvtimeout' directive is not supported anymore since HAProxy 2.1. Use 'timeout server'.
tune.chksize	global	2.2			option 'tune.chksize' is not supported any more (tune.bufsize is used instead).

"""#
