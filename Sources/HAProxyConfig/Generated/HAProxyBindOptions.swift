// generated from Grammar/haproxy-bind-options.tsv, do not edit.
// Regenerate: WEIR_REGENERATE=1 swift test --filter GeneratedGrammarTests

/// The text of `Grammar/haproxy-bind-options.tsv`.
public let haproxyBindOptionsTSV: String = #"""
option	args	since	summary
accept-netscaler-cip	<int>	1.7	accepts NetScaler Client IP headers with this magic number
accept-proxy		1.5	requires a PROXY protocol header on each connection
allow-0rtt		1.8	accepts TLS 1.3 early data
alpn	<string>	1.5	ALPN protocols offered, comma-separated
backlog	<atol>	1.3	length of the kernel accept queue
ca-file	<file>	1.5	CA certificates used to verify client certificates
ca-ignore-err	<string>	1.5	CA verification errors to ignore
ca-sign-file	<file>	1.6	CA used to sign generated certificates
ca-sign-pass	<string>	1.7	passphrase of the signing CA key
ca-verify-file	<file>	2.2	CA certificates used only to verify, not sent to clients
ciphers	<string>	1.5	TLS 1.2 cipher list
ciphersuites	<string>	1.9	TLS 1.3 cipher suites
crl-file	<file>	1.5	certificate revocation list
crt	<file>	1.5	certificate file or directory
crt-ignore-err	<string>	1.5	certificate verification errors to ignore
crt-list	<file>	1.5	file listing certificates with per-certificate options
curves	<string>	1.8	ECDHE curves offered
defer-accept		1.5	accepts a connection only once data arrives
ecdhe	<string>	1.5	named curve used for ECDHE
expose-fd	<string>	1.8	exposes listening sockets on this CLI socket ('listeners')
force-sslv3		1.5	accepts SSLv3 only
force-tlsv10		1.5	accepts TLSv1.0 only
force-tlsv11		1.5	accepts TLSv1.1 only
force-tlsv12		1.5	accepts TLSv1.2 only
force-tlsv13		1.8	accepts TLSv1.3 only
generate-certificates		1.6	generates certificates for unknown SNI names
gid	<int>	1.5	group ID of a UNIX socket
group	<name>	1.5	group of a UNIX socket
id	<int>	1.3	numeric ID of the listening socket
interface	<string>	1.3	network interface the socket is bound to
level	{user|operator|admin}	1.5	privilege level of a CLI socket
maxconn	<atol>	1.3	concurrent connections on this socket
mode	<string>	1.3	octal permissions of a UNIX socket
mss	<string>	1.5	TCP maximum segment size
name	<string>	1.5	name of the listening socket
namespace	<string>	1.6	network namespace of the socket
nice	<sint>	1.5	scheduling priority of the connections
no-ca-names		1.8	does not send the CA names in certificate requests
no-sslv3		1.5	refuses SSLv3
no-tls-tickets		1.5	disables TLS session tickets
no-tlsv10		1.5	refuses TLSv1.0
no-tlsv11		1.5	refuses TLSv1.1
no-tlsv12		1.5	refuses TLSv1.2
no-tlsv13		1.8	refuses TLSv1.3
npn	<string>	1.5	NPN protocols offered
prefer-client-ciphers		1.8	follows the client's cipher preference
process	<string>	1.5	process or threads the socket belongs to
proto	<string>	1.9	forces the multiplexer protocol (h1, h2, ...)
severity-output	{none|number|string}	1.8	how a CLI socket prefixes messages with their severity
shards	<string>	2.5	number of sockets the bind line is split into
ssl		1.5	enables TLS on the socket
ssl-max-ver	{SSLv3|TLSv1.0|TLSv1.1|TLSv1.2|TLSv1.3}	1.8	highest TLS version accepted
ssl-min-ver	{SSLv3|TLSv1.0|TLSv1.1|TLSv1.2|TLSv1.3}	1.8	lowest TLS version accepted
strict-sni		1.5	refuses handshakes whose SNI matches no certificate
tcp-ut	<time>	1.6	TCP user timeout of the connections
tfo		1.5	enables TCP Fast Open
thread	<string>	2.5	threads the socket belongs to
tls-ticket-keys	<file>	1.6	file of TLS ticket keys
transparent		1.3	binds a foreign address (transparent proxy)
uid	<int>	1.5	user ID of a UNIX socket
user	<name>	1.5	owner of a UNIX socket
v4v6		1.5	accepts both IPv4 and IPv6 on an IPv6 socket
v6only		1.5	accepts only IPv6 on an IPv6 socket
verify	{none|optional|required}	1.5	client certificate verification
"""#
