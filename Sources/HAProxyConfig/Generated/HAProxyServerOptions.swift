// generated from Grammar/haproxy-server-options.tsv, do not edit.
// Regenerate: WEIR_REGENERATE=1 swift test --filter GeneratedGrammarTests

/// The text of `Grammar/haproxy-server-options.tsv`.
public let haproxyServerOptionsTSV: String = #"""
option	args	since	summary
addr	<string>	1.3	address used for health checks
agent-addr	<string>	1.8	address of the agent check
agent-check		1.5	enables the agent check
agent-inter	<time>	1.5	interval of agent checks
agent-port	<atol:0-65535>	1.5	TCP port of the agent check
agent-send	<string>	1.7	string sent to the agent
allow-0rtt		1.8	sends TLS 1.3 early data
alpn	<string>	1.5	ALPN protocols offered to the server
backup		1.3	uses the server only when all active ones are down
ca-file	<file>	1.5	CA certificates used to verify the server
check		1.3	enables health checks
check-alpn	<string>	2.0	ALPN protocols offered on health checks
check-proto	<string>	2.2	multiplexer protocol of health checks
check-send-proxy		1.5	sends a PROXY header on health checks
check-sni	<string>	1.8	SNI sent on TLS health checks
check-ssl		1.5	uses TLS for health checks
check-via-socks4		2.0	sends health checks through the SOCKS4 proxy
ciphers	<string>	1.5	TLS 1.2 cipher list
ciphersuites	<string>	1.9	TLS 1.3 cipher suites
cookie	<string>	1.3	persistence cookie value of the server
crl-file	<file>	1.5	certificate revocation list
crt	<file>	1.5	client certificate presented to the server
disabled		1.3	starts the server in maintenance
downinter	<time>	1.3	check interval while the server is down
enabled		1.3	starts the server enabled
error-limit	<int>	1.4	consecutive errors that trigger on-error
fall	<atol:1-2147483647>	1.3	failed checks before the server is marked down
fastinter	<time>	1.3	check interval while the server changes state
force-sslv3		1.5	uses SSLv3 only
force-tlsv10		1.5	uses TLSv1.0 only
force-tlsv11		1.5	uses TLSv1.1 only
force-tlsv12		1.5	uses TLSv1.2 only
force-tlsv13		1.8	uses TLSv1.3 only
id	<atol>	1.3	numeric ID of the server
init-addr	<string>	1.7	how the address is found at start-up (last, libc, none, IP)
inter	<time>	1.3	interval between health checks
log-proto	{legacy|octet-count}	2.2	framing of logs sent to a ring server
max-reuse	<sint>	2.0	requests sent over one connection before closing it
maxconn	<atol>	1.3	concurrent connections sent to the server
maxqueue	<atol>	1.3	requests queued for the server
minconn	<atol>	1.3	connection limit when the backend is lightly loaded
namespace	<string>	1.6	network namespace of the connections
no-agent-check		1.8	disables an inherited agent check
no-backup		1.8	cancels an inherited backup flag
no-check		1.8	disables inherited health checks
no-check-send-proxy		2.6	cancels an inherited check-send-proxy
no-check-ssl		1.8	cancels an inherited check-ssl
no-send-proxy		1.8	cancels an inherited send-proxy
no-send-proxy-v2		1.8	cancels an inherited send-proxy-v2
no-send-proxy-v2-ssl		1.8	cancels an inherited send-proxy-v2-ssl
no-send-proxy-v2-ssl-cn		1.8	cancels an inherited send-proxy-v2-ssl-cn
no-ssl		1.8	cancels an inherited ssl
no-ssl-reuse		1.6	does not reuse TLS sessions
no-sslv3		1.5	refuses SSLv3
no-tfo		2.1	cancels an inherited tfo
no-tls-tickets		1.5	disables TLS session tickets
no-tlsv10		1.5	refuses TLSv1.0
no-tlsv11		1.5	refuses TLSv1.1
no-tlsv12		1.5	refuses TLSv1.2
no-tlsv13		1.8	refuses TLSv1.3
non-stick		1.5	does not store this server in stick tables
npn	<string>	1.5	NPN protocols offered to the server
observe	{none|layer4|layer7}	1.4	watches live traffic to detect failures
on-error	{fastinter|fail-check|sudden-death|mark-down}	1.4	reaction to errors seen on traffic
on-marked-down	{shutdown-sessions}	1.5	action when the server goes down
on-marked-up	{shutdown-backup-sessions}	1.5	action when the server comes back
pool-low-conn	<atol>	2.2	idle connections kept before reusing them across threads
pool-max-conn	<sint>	1.9	idle connections kept for reuse
pool-purge-delay	<time>	1.9	interval at which idle connections are closed
port	<atol:0-65535>	1.3	TCP port of health checks
proto	<string>	1.9	forces the multiplexer protocol (h1, h2, fcgi)
proxy-v2-options	<string>	1.9	extra fields of PROXY v2 headers
redir	<string>	1.3	prefix of redirections sent instead of proxying
resolve-net	<string>	1.7	preferred networks for resolved addresses
resolve-opts	<string>	1.9	DNS resolution options
resolve-prefer	{ipv4|ipv6}	1.6	preferred address family when resolving
resolvers	<name>	1.6	resolvers section used to resolve the server name
rise	<atol:1-2147483647>	1.3	successful checks before the server is marked up
send-proxy		1.5	sends a PROXY v1 header
send-proxy-v2		1.5	sends a PROXY v2 header
send-proxy-v2-ssl		1.5	sends a PROXY v2 header with TLS details
send-proxy-v2-ssl-cn		1.5	sends a PROXY v2 header with TLS details and the client CN
slowstart	<time>	1.3	ramp-up time after the server comes back
sni	<string>	1.6	sample expression giving the SNI sent to the server
socks4	<addr>	2.0	SOCKS4 proxy used to reach the server
source	<string> [usesrc <string>] [interface <string>]	1.3	source address of connections to the server
ssl		1.5	uses TLS to the server
ssl-max-ver	{SSLv3|TLSv1.0|TLSv1.1|TLSv1.2|TLSv1.3}	1.8	highest TLS version used
ssl-min-ver	{SSLv3|TLSv1.0|TLSv1.1|TLSv1.2|TLSv1.3}	1.8	lowest TLS version used
ssl-reuse		1.8	cancels an inherited no-ssl-reuse
stick		1.8	cancels an inherited non-stick
tcp-ut	<time>	1.6	TCP user timeout of the connections
tfo		1.5	uses TCP Fast Open
tls-tickets		1.8	cancels an inherited no-tls-tickets
track	<string>	1.3	follows the state of another server ([backend/]server)
usesrc	*	2.6	only valid after source
verify	{none|required}	1.5	server certificate verification
verifyhost	<string>	1.5	host name expected in the server certificate
weight	<atol:0-256>	1.3	relative weight in load balancing
ws	{auto|h1|h2}	2.5	protocol used for WebSocket streams
"""#
