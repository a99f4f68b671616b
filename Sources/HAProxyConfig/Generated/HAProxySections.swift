// generated from Grammar/haproxy-sections.tsv, do not edit.
// Regenerate: WEIR_REGENERATE=1 swift test --filter GeneratedGrammarTests

/// The text of `Grammar/haproxy-sections.tsv`.
public let haproxySectionsTSV: String = #"""
section	name	summary
backend	required	proxy holding the servers that connections are sent to
cache	required	small HTTP object cache
defaults	optional	default settings inherited by the proxies that follow (or that name it)
fcgi-app	required	FastCGI application that backends can use
frontend	required	proxy that accepts client connections
global	none	process-wide settings
http-errors	required	named set of error pages
listen	required	proxy that is both a frontend and a backend
log-forward	required	syslog relay receiving and forwarding log messages
mailers	required	SMTP servers used for email alerts
peers	required	instances that synchronize stick tables
program	required	external program started and watched by the master process
resolvers	required	DNS servers used to resolve server names at run time
ring	required	in-memory ring buffer for logs or traces, optionally forwarded
userlist	required	users and groups for HTTP authentication
"""#
