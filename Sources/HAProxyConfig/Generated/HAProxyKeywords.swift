// generated from Grammar/haproxy-keywords.tsv, do not edit.
// Regenerate: WEIR_REGENERATE=1 swift test --filter GeneratedGrammarTests

/// The text of `Grammar/haproxy-keywords.tsv`.
public let haproxyKeywordsTSV: String = #"""
keyword	sections	args	since	summary	ignored
accepted_payload_size	resolvers	<int>	1.8	largest DNS response (EDNS0 payload) the resolvers accept, in bytes
acl	defaults,frontend,listen,backend,fcgi-app	<name> *	1.3	declares a named condition: a criterion, flags and the values to match
backlog	defaults,frontend,listen,log-forward	<atol>	1.3	length of the kernel queue of not-yet-accepted connections	backend
balance	defaults,listen,backend	[{roundrobin|static-rr|leastconn|first|source|uri|url_param|hdr()|random|random()|rdp-cookie|rdp-cookie()|hash} *]	1.3	load-balancing algorithm of the servers, with its parameters	frontend
bind	frontend,listen,peers,log-forward	<addr> *	1.3	listening address(es) and port(s) of a frontend, followed by bind options	backend
bind-process		*	1.3	former process binding; has no effect since 2.5	defaults,frontend,listen,backend
busy-polling	global		1.9	keeps threads spinning on the poller instead of sleeping
ca-base	global	<file>	1.5	directory that relative CA and CRL file names are looked up in
capture cookie	frontend,listen	<string> len <int>	1.3	logs the value of a request or response cookie	backend
capture request header	frontend,listen	<string> len <int>	1.3	logs the value of a request header	backend
capture response header	frontend,listen	<string> len <int>	1.3	logs the value of a response header	backend
chroot	global	<file>	1.3	directory the process jails itself into after start-up
clitcpka-cnt	defaults,frontend,listen	<int>	2.3	number of unanswered TCP keepalive probes before dropping a client	backend
clitcpka-idle	defaults,frontend,listen	<time:s>	2.3	idle time before the first TCP keepalive probe on client connections	backend
clitcpka-intvl	defaults,frontend,listen	<time:s>	2.3	interval between TCP keepalive probes on client connections	backend
close-spread-time	global	<time|infinite>	2.6	window over which idle connections are closed after a soft stop
cluster-secret	global	<string>	2.6	secret shared by cluster nodes (used for QUIC tokens)
command	program	<string> *	2.0	command line that the master process runs for this program
compression algo	defaults,frontend,listen,backend	<string>...	1.5	compression algorithms offered, in order of preference
compression offload	frontend,listen,backend	*	1.5	strips Accept-Encoding so that only HAProxy compresses	defaults
compression type	defaults,frontend,listen,backend	<string>...	1.5	MIME types of the responses to compress
cookie	defaults,listen,backend	<name> *	1.3	cookie used for server persistence, with its insertion mode	frontend
cpu-map	global	*	1.5	pins processes or threads to CPUs
crt-base	global	<file>	1.5	directory that relative certificate file names are looked up in
daemon	global		1.3	runs in the background, detached from the terminal
declare capture	frontend,listen	{request|response} len <int>	1.6	reserves a capture slot filled by capture actions
default-bind	peers	*	2.0	default options of the bind line of a peers section
default-path	global	{current|config|parent|origin} [<file>]	2.4	what relative file names in the configuration are relative to
default-server	defaults,listen,backend,peers	*	1.4	default options for the servers that follow
default_backend	defaults,frontend,listen	<string>	1.3	backend used when no use_backend rule matches	backend
description	global,frontend,listen,backend,ring	*	1.3	free text describing the instance or section, shown on the stats page
dgram-bind	log-forward	<addr> *	2.3	UDP address on which a log-forward section receives syslog messages
disabled	defaults,frontend,listen,backend,peers		1.3	disables the section (proxy or peers) without removing it
dispatch	listen,backend	<addr>	1.3	fixed server address for a backend without servers (legacy)	frontend
docroot	fcgi-app	<file>	2.1	document root passed to the FastCGI application
dynamic-cookie-key	defaults,listen,backend	<string>	1.8	secret used to build dynamic persistence cookies	frontend
email-alert from	defaults,frontend,listen,backend	<string>	1.6	sender address of email alerts
email-alert level	defaults,frontend,listen,backend	<string>	1.6	minimum syslog level of the events that send an email alert
email-alert mailers	defaults,frontend,listen,backend	<name>	1.6	mailers section used to send email alerts
email-alert myhostname	defaults,frontend,listen,backend	<string>	1.6	host name announced to the mail server
email-alert to	defaults,frontend,listen,backend	<string>	1.6	recipient address of email alerts
enabled	defaults,frontend,listen,backend,peers		1.3	re-enables a section disabled in its defaults
error-log-format	defaults,frontend,listen	<string>	2.5	log format of connection-level errors (failed handshakes)	backend
errorfile	defaults,frontend,listen,backend,http-errors	<int> <file>	1.3	serves the content of a file instead of the built-in error page for a status
errorfiles	defaults,frontend,listen,backend	<name> *	2.2	imports error pages from an http-errors section
errorloc	defaults,frontend,listen,backend	<int> <string>	1.3	answers a status with a 302 redirect to a URL
errorloc302	defaults,frontend,listen,backend	<int> <string>	1.3	answers a status with a 302 redirect to a URL
errorloc303	defaults,frontend,listen,backend	<int> <string>	1.3	answers a status with a 303 redirect to a URL
expose-experimental-directives	global	*	2.4	allows keywords marked experimental
external-check	global		1.6	allows external checks to run programs
external-check command	defaults,frontend,listen,backend	<string>	1.6	program run by external checks
external-check path	defaults,frontend,listen,backend	<string>	1.6	PATH given to external check programs
fd-hard-limit	global	<atol>	2.6	upper bound on the number of file descriptors HAProxy will try to use
filter	frontend,listen,backend	<string> *	1.7	attaches a filter (compression, cache, spoe, trace, fcgi-app) to the proxy
force-persist	listen,backend	*	1.3	condition under which persistence is kept even on a down server	frontend
format	ring	{iso|local|raw|rfc3164|rfc5424|short|priority|timed}	2.2	message format of a ring buffer
fullconn	defaults,listen,backend	<atol>	1.3	backend load at which servers reach their maxconn (dynamic minconn)	frontend
gid	global	<int>	1.3	numeric group ID the process switches to
grace	global	<time>	1.3	delay before listeners are closed on a soft stop
group	global,userlist,program	<name> *	1.3	group to run as (global, program), or a user group (userlist)
h1-accept-payload-with-any-method	global		2.6	accepts an HTTP/1 body on GET, HEAD and DELETE requests
h1-case-adjust	global	<string> <string>	2.1	rewrites an HTTP/1 header name to a given letter case
h1-case-adjust-file	global	<file>	2.1	file of header names whose HTTP/1 letter case is rewritten
h2-workaround-bogus-websocket-clients	global		2.5	hides HTTP/2 WebSocket support from broken clients
hard-stop-after	global	<time>	1.8	deadline after which a stopping process is killed
hash-balance-factor	defaults,frontend,listen,backend	<int>	1.7	load factor limit of consistent hashing, in percent
hash-type	defaults,listen,backend	{consistent|map-based} [{sdbm|djb2|wt6|crc32}] [{avalanche}]	1.4	hash function and mapping used by hash-based balancing	frontend
hold nx	resolvers	<time>	1.7	how long an NXDOMAIN answer is kept
hold obsolete	resolvers	<time>	1.8	how long a vanished DNS record is kept
hold other	resolvers	<time>	1.7	how long other DNS error answers are kept
hold refused	resolvers	<time>	1.7	how long a refused DNS answer is kept
hold timeout	resolvers	<time>	1.7	how long a DNS timeout result is kept
hold valid	resolvers	<time>	1.6	how long a valid DNS answer is kept
http-after-response	defaults,frontend,listen,backend	*	2.2	rule on every HTTP response, errors included whose action has no row of its own: parameterized forms such as set-var(<var>) or sc-inc-gpc0(<n>), and actions registered by Lua
http-after-response add-header	defaults,frontend,listen,backend	<string> *	2.2	rule on every HTTP response, errors included: appends a header
http-after-response allow	defaults,frontend,listen,backend	*	2.2	rule on every HTTP response, errors included: stops evaluating rules and lets the message through
http-after-response capture	defaults,frontend,listen,backend	*	2.6	rule on every HTTP response, errors included: captures a sample into a capture slot
http-after-response del-header	defaults,frontend,listen,backend	<string> *	2.2	rule on every HTTP response, errors included: removes a header
http-after-response ot-group	defaults,frontend,listen,backend	*	2.6	rule on every HTTP response, errors included: runs an OpenTracing group
http-after-response replace-header	defaults,frontend,listen,backend	*	2.2	rule on every HTTP response, errors included: rewrites a header's value with a regex
http-after-response replace-value	defaults,frontend,listen,backend	*	2.2	rule on every HTTP response, errors included: rewrites comma-separated header values with a regex
http-after-response set-header	defaults,frontend,listen,backend	<string> *	2.2	rule on every HTTP response, errors included: sets a header, replacing existing ones
http-after-response set-status	defaults,frontend,listen,backend	*	2.2	rule on every HTTP response, errors included: changes the response status
http-after-response set-var()	defaults,frontend,listen,backend	*	2.2	rule on every HTTP response, errors included: sets a variable from a sample expression
http-after-response set-var-fmt()	defaults,frontend,listen,backend	*	2.5	rule on every HTTP response, errors included: sets a variable from a format string
http-after-response strict-mode	defaults,frontend,listen,backend	{on|off} *	2.2	rule on every HTTP response, errors included: whether failed rewrites are errors
http-after-response unset-var()	defaults,frontend,listen,backend	*	2.2	rule on every HTTP response, errors included: removes a variable
http-check	defaults,listen,backend	*	1.3	HTTP health check step with no row of its own: parameterized forms such as set-var(check.<name>)	frontend
http-check comment	defaults,listen,backend	*	2.2	HTTP health check step: comment shown when the check fails	frontend
http-check connect	defaults,listen,backend	*	2.2	HTTP health check step: opens a new connection for the health check	frontend
http-check disable-on-404	defaults,listen,backend		1.3	HTTP health check step: puts a server in maintenance when it answers 404	frontend
http-check expect	defaults,listen,backend	*	1.5	HTTP health check step: what the health check response must match	frontend
http-check send	defaults,listen,backend	*	2.2	HTTP health check step: request line, headers and body sent by the health check	frontend
http-check send-state	defaults,listen,backend		1.3	HTTP health check step: adds a header with the server state to checks	frontend
http-check set-var()	defaults,listen,backend	*	2.2	HTTP health check step: sets a variable from a sample expression	frontend
http-check set-var-fmt()	defaults,listen,backend	*	2.5	HTTP health check step: sets a variable from a format string	frontend
http-check unset-var()	defaults,listen,backend	*	2.2	HTTP health check step: removes a variable	frontend
http-error	defaults,frontend,listen,backend	*	2.2	defines the response returned for a given status
http-request	defaults,frontend,listen,backend	*	1.4	HTTP request rule whose action has no row of its own: parameterized forms such as set-var(<var>) or sc-inc-gpc0(<n>), and actions registered by Lua
http-request add-acl()	defaults,frontend,listen,backend	*	1.5	HTTP request rule: adds a key to an ACL file loaded in memory
http-request add-header	defaults,frontend,listen,backend	<string> *	1.5	HTTP request rule: appends a header
http-request allow	defaults,frontend,listen,backend	*	1.4	HTTP request rule: stops evaluating rules and lets the message through
http-request auth	defaults,frontend,listen,backend	*	1.5	HTTP request rule: asks the client to authenticate (401/407)
http-request cache-use	defaults,frontend,listen,backend	<name> *	1.8	HTTP request rule: serves the response from a cache
http-request capture	defaults,frontend,listen	*	1.6	HTTP request rule: captures a sample into a capture slot
http-request del-acl()	defaults,frontend,listen,backend	*	1.5	HTTP request rule: removes a key from an ACL file loaded in memory
http-request del-header	defaults,frontend,listen,backend	<string> *	1.5	HTTP request rule: removes a header
http-request del-map()	defaults,frontend,listen,backend	*	1.5	HTTP request rule: removes a key from a map file loaded in memory
http-request deny	defaults,frontend,listen,backend	*	1.4	HTTP request rule: rejects with an error status
http-request disable-l7-retry	defaults,frontend,listen,backend	*	2.0	HTTP request rule: disables layer-7 retries for this request
http-request do-resolve()	defaults,frontend,listen,backend	*	2.0	HTTP request rule: resolves a name and stores the address in a variable
http-request early-hint	defaults,frontend,listen,backend	<string> *	1.9	HTTP request rule: sends a 103 Early Hints header
http-request normalize-uri	defaults,frontend,listen,backend	*	2.4	HTTP request rule: normalizes the request URI
http-request ot-group	defaults,frontend,listen,backend	*	2.6	HTTP request rule: runs an OpenTracing group
http-request redirect	defaults,frontend,listen,backend	*	1.5	HTTP request rule: answers with a redirection
http-request reject	defaults,frontend,listen,backend	*	1.8	HTTP request rule: closes the connection without a response
http-request replace-header	defaults,frontend,listen,backend	*	1.5	HTTP request rule: rewrites a header's value with a regex
http-request replace-path	defaults,frontend,listen,backend	*	2.2	HTTP request rule: rewrites the path with a regex
http-request replace-pathq	defaults,frontend,listen,backend	*	2.3	HTTP request rule: rewrites the path and query string with a regex
http-request replace-uri	defaults,frontend,listen,backend	*	2.0	HTTP request rule: rewrites the URI with a regex
http-request replace-value	defaults,frontend,listen,backend	*	1.5	HTTP request rule: rewrites comma-separated header values with a regex
http-request return	defaults,frontend,listen,backend	*	2.2	HTTP request rule: answers with a custom response
http-request sc-inc-gpc()	defaults,frontend,listen,backend	*	2.5	HTTP request rule: increments a general purpose counter of a tracked entry
http-request sc-inc-gpc0()	defaults,frontend,listen,backend	*	1.6	HTTP request rule: increments counter gpc0 of a tracked entry
http-request sc-inc-gpc1()	defaults,frontend,listen,backend	*	1.9	HTTP request rule: increments counter gpc1 of a tracked entry
http-request sc-set-gpt()	defaults,frontend,listen,backend	*	2.5	HTTP request rule: sets a general purpose tag of a tracked entry
http-request sc-set-gpt0()	defaults,frontend,listen,backend	*	1.6	HTTP request rule: sets tag gpt0 of a tracked entry
http-request send-spoe-group	defaults,frontend,listen,backend	*	1.8	HTTP request rule: sends a group of SPOE messages
http-request set-dst	defaults,frontend,listen,backend	*	1.7	HTTP request rule: changes the destination address
http-request set-dst-port	defaults,frontend,listen,backend	*	1.7	HTTP request rule: changes the destination port
http-request set-header	defaults,frontend,listen,backend	<string> *	1.5	HTTP request rule: sets a header, replacing existing ones
http-request set-log-level	defaults,frontend,listen,backend	*	1.5	HTTP request rule: changes the log level of the stream
http-request set-map()	defaults,frontend,listen,backend	*	1.5	HTTP request rule: sets a key in a map file loaded in memory
http-request set-mark	defaults,frontend,listen,backend	*	1.5	HTTP request rule: sets the netfilter mark of the connection
http-request set-method	defaults,frontend,listen,backend	<string> *	1.6	HTTP request rule: changes the request method
http-request set-nice	defaults,frontend,listen,backend	*	1.5	HTTP request rule: changes the scheduling priority of the stream
http-request set-path	defaults,frontend,listen,backend	<string> *	1.6	HTTP request rule: changes the request path
http-request set-pathq	defaults,frontend,listen,backend	<string> *	2.3	HTTP request rule: changes the request path and query string
http-request set-priority-class	defaults,frontend,listen,backend	*	1.9	HTTP request rule: changes the queue priority class
http-request set-priority-offset	defaults,frontend,listen,backend	*	1.9	HTTP request rule: changes the queue priority offset
http-request set-query	defaults,frontend,listen,backend	<string> *	1.6	HTTP request rule: changes the query string
http-request set-src	defaults,frontend,listen,backend	*	1.6	HTTP request rule: changes the source address
http-request set-src-port	defaults,frontend,listen,backend	*	1.7	HTTP request rule: changes the source port
http-request set-timeout	defaults,listen,backend	*	2.4	HTTP request rule: changes the server or tunnel timeout of the stream
http-request set-tos	defaults,frontend,listen,backend	*	1.5	HTTP request rule: sets the TOS/DSCP field of the connection
http-request set-uri	defaults,frontend,listen,backend	<string> *	1.6	HTTP request rule: changes the request URI
http-request set-var()	defaults,frontend,listen,backend	*	1.6	HTTP request rule: sets a variable from a sample expression
http-request set-var-fmt()	defaults,frontend,listen,backend	*	2.5	HTTP request rule: sets a variable from a format string
http-request silent-drop	defaults,frontend,listen,backend	*	1.6	HTTP request rule: drops the connection without telling the client
http-request strict-mode	defaults,frontend,listen,backend	{on|off} *	2.2	HTTP request rule: whether failed rewrites are errors
http-request tarpit	defaults,frontend,listen,backend	*	1.5	HTTP request rule: holds the request then answers with an error
http-request track-sc0	defaults,frontend,listen,backend	*	1.6	HTTP request rule: tracks a key in stick counter 0
http-request track-sc1	defaults,frontend,listen,backend	*	1.6	HTTP request rule: tracks a key in stick counter 1
http-request track-sc2	defaults,frontend,listen,backend	*	1.6	HTTP request rule: tracks a key in stick counter 2
http-request unset-var()	defaults,frontend,listen,backend	*	1.7	HTTP request rule: removes a variable
http-request use-service	defaults,frontend,listen,backend	*	2.1	HTTP request rule: hands the stream to a service (Lua or built-in)
http-request wait-for-body	defaults,frontend,listen,backend	*	2.4	HTTP request rule: waits for the message body before going on
http-request wait-for-handshake	defaults,frontend,listen,backend	*	1.8	HTTP request rule: waits for the end of the TLS handshake (0-RTT)
http-response	defaults,frontend,listen,backend	*	1.5	HTTP response rule whose action has no row of its own: parameterized forms such as set-var(<var>) or sc-inc-gpc0(<n>), and actions registered by Lua
http-response add-acl()	defaults,frontend,listen,backend	*	1.5	HTTP response rule: adds a key to an ACL file loaded in memory
http-response add-header	defaults,frontend,listen,backend	<string> *	1.5	HTTP response rule: appends a header
http-response allow	defaults,frontend,listen,backend	*	1.5	HTTP response rule: stops evaluating rules and lets the message through
http-response cache-store	defaults,frontend,listen,backend	<name> *	1.8	HTTP response rule: stores the response in a cache
http-response capture	defaults,frontend,listen,backend	*	1.6	HTTP response rule: captures a sample into a capture slot
http-response del-acl()	defaults,frontend,listen,backend	*	1.5	HTTP response rule: removes a key from an ACL file loaded in memory
http-response del-header	defaults,frontend,listen,backend	<string> *	1.5	HTTP response rule: removes a header
http-response del-map()	defaults,frontend,listen,backend	*	1.5	HTTP response rule: removes a key from a map file loaded in memory
http-response deny	defaults,frontend,listen,backend	*	1.5	HTTP response rule: rejects with an error status
http-response ot-group	defaults,frontend,listen,backend	*	2.6	HTTP response rule: runs an OpenTracing group
http-response redirect	defaults,frontend,listen,backend	*	1.6	HTTP response rule: answers with a redirection
http-response replace-header	defaults,frontend,listen,backend	*	1.5	HTTP response rule: rewrites a header's value with a regex
http-response replace-value	defaults,frontend,listen,backend	*	1.5	HTTP response rule: rewrites comma-separated header values with a regex
http-response return	defaults,frontend,listen,backend	*	2.2	HTTP response rule: answers with a custom response
http-response sc-inc-gpc()	defaults,frontend,listen,backend	*	2.5	HTTP response rule: increments a general purpose counter of a tracked entry
http-response sc-inc-gpc0()	defaults,frontend,listen,backend	*	1.6	HTTP response rule: increments counter gpc0 of a tracked entry
http-response sc-inc-gpc1()	defaults,frontend,listen,backend	*	1.9	HTTP response rule: increments counter gpc1 of a tracked entry
http-response sc-set-gpt()	defaults,frontend,listen,backend	*	2.5	HTTP response rule: sets a general purpose tag of a tracked entry
http-response sc-set-gpt0()	defaults,frontend,listen,backend	*	1.6	HTTP response rule: sets tag gpt0 of a tracked entry
http-response send-spoe-group	defaults,frontend,listen,backend	*	1.8	HTTP response rule: sends a group of SPOE messages
http-response set-header	defaults,frontend,listen,backend	<string> *	1.5	HTTP response rule: sets a header, replacing existing ones
http-response set-log-level	defaults,frontend,listen,backend	*	1.5	HTTP response rule: changes the log level of the stream
http-response set-map()	defaults,frontend,listen,backend	*	1.5	HTTP response rule: sets a key in a map file loaded in memory
http-response set-mark	defaults,frontend,listen,backend	*	1.5	HTTP response rule: sets the netfilter mark of the connection
http-response set-nice	defaults,frontend,listen,backend	*	1.5	HTTP response rule: changes the scheduling priority of the stream
http-response set-status	defaults,frontend,listen,backend	*	1.6	HTTP response rule: changes the response status
http-response set-tos	defaults,frontend,listen,backend	*	1.5	HTTP response rule: sets the TOS/DSCP field of the connection
http-response set-var()	defaults,frontend,listen,backend	*	1.6	HTTP response rule: sets a variable from a sample expression
http-response set-var-fmt()	defaults,frontend,listen,backend	*	2.5	HTTP response rule: sets a variable from a format string
http-response silent-drop	defaults,frontend,listen,backend	*	1.6	HTTP response rule: drops the connection without telling the client
http-response strict-mode	defaults,frontend,listen,backend	{on|off} *	2.2	HTTP response rule: whether failed rewrites are errors
http-response track-sc0	defaults,frontend,listen,backend	*	1.7	HTTP response rule: tracks a key in stick counter 0
http-response track-sc1	defaults,frontend,listen,backend	*	1.7	HTTP response rule: tracks a key in stick counter 1
http-response track-sc2	defaults,frontend,listen,backend	*	1.7	HTTP response rule: tracks a key in stick counter 2
http-response unset-var()	defaults,frontend,listen,backend	*	1.7	HTTP response rule: removes a variable
http-response wait-for-body	defaults,frontend,listen,backend	*	2.4	HTTP response rule: waits for the message body before going on
http-reuse	defaults,listen,backend	{never|safe|aggressive|always}	1.6	how idle server connections are shared between requests	frontend
http-send-name-header	defaults,listen,backend	[<string>]	1.5	adds a header carrying the chosen server's name	frontend
httpclient.resolvers.id	global	<name>	2.6	resolvers section used by the internal HTTP client
httpclient.resolvers.prefer	global	{ipv4|ipv6}	2.6	address family the internal HTTP client prefers
httpclient.ssl.ca-file	global	<file>	2.6	CA file the internal HTTP client verifies servers with
httpclient.ssl.verify	global	{none|required}	2.6	whether the internal HTTP client verifies server certificates
id	frontend,listen,backend	<int>	1.3	numeric ID of the proxy (stats, SNMP)
ignore-persist	listen,backend	*	1.5	condition under which persistence is ignored	frontend
index	fcgi-app	<string>	2.1	script name appended to URIs ending with a slash (FastCGI)
insecure-fork-wanted	global		2.2	allows forking processes (Lua, external checks) despite the risk
insecure-setuid-wanted	global		2.2	allows setuid programs to be run
issuers-chain-path	global	<file>	2.2	directory of issuer chains completing certificates
load-server-state-from-file	defaults,listen,backend	{global|local|none}	1.6	where server states are reloaded from at start-up	frontend
localpeer	global	<name>	2.2	name of this instance in peers sections
log	global,defaults,frontend,listen,backend,peers,log-forward	*	1.3	where and how to send logs (address, facility, level), or "global"
log-format	defaults,frontend,listen	<string>	1.5	format of traffic logs	backend
log-format-sd	defaults,frontend,listen	<string>	1.6	RFC5424 structured-data part of traffic logs	backend
log-send-hostname	global	[<string>]	1.5	adds the host name field to syslog headers
log-stderr	fcgi-app	*	2.1	where the FastCGI application's stderr messages are logged
log-tag	global,defaults,frontend,listen,backend	<string>	1.5	tag (program name) written in syslog headers
lua-load	global	<file> *	1.6	loads a Lua script shared by all threads
lua-load-per-thread	global	<file> *	2.4	loads a Lua script into each thread separately
lua-prepend-path	global	<string> [{path|cpath}]	2.2	prepends a search path for Lua modules
mailer	mailers	<name> <addr>	1.6	SMTP server of a mailers section
master-worker	global	[no-exit-on-failure]	1.8	starts in master-worker mode
max-age	cache	<int>	1.8	longest time an object stays cached, in seconds
max-keep-alive-queue	defaults,listen,backend	<sint>	1.5	queue length above which idle server connections are not reused	frontend
max-object-size	cache	<int>	1.9	largest object the cache stores, in bytes
max-secondary-entries	cache	<int>	2.4	largest number of variants cached for one URL
max-session-srv-conns	defaults,frontend,listen	<atol>	1.9	idle server connections kept per client session	backend
max-spread-checks	global	*	1.5	upper bound on the delay added to spread checks
maxcompcpuusage	global	<atol:0-100>	1.5	CPU usage above which compression is disabled
maxcomprate	global	<atol>	1.5	compression input rate limit, in kB/s
maxconn	global,defaults,frontend,listen,log-forward	<atol>	1.3	maximum number of concurrent connections	backend
maxconnrate	global	<atol>	1.5	maximum number of connections accepted per second
maxlen	ring	<int>	2.2	longest message stored in a ring
maxpipes	global	<atol>	1.3	maximum number of kernel pipes used for splicing
maxsessrate	global	<atol>	1.5	maximum number of sessions created per second
maxsslconn	global	<atol>	1.5	maximum number of concurrent TLS connections
maxsslrate	global	<atol>	1.5	maximum number of TLS handshakes per second
maxzlibmem	global	<atol>	1.5	memory limit of compression, in MB
mode	defaults,frontend,listen,backend	{tcp|http}	1.3	proxy mode: plain TCP or HTTP analysis
monitor fail	frontend,listen	*	1.3	condition that makes the monitor URI report a failure	backend
monitor-uri	defaults,frontend,listen	<string>	1.3	URI answered with a health status for external monitors	backend
mworker-max-reloads	global	<atol>	2.0	reloads after which an old worker is killed
nameserver	resolvers	<name> <addr?> *	1.6	DNS server queried by a resolvers section
nbthread	global	<int:1-64>	1.8	number of worker threads
no-memory-trimming	global		2.6	does not give freed memory back to the system on reload
node	global	<string>	1.3	node name shown on the stats page
noepoll	global		1.3	disables the epoll poller
noevports	global		2.0	disables the event ports poller
nogetaddrinfo	global		1.5	resolves names without getaddrinfo()
nokqueue	global		1.3	disables the kqueue poller
nopoll	global		1.3	disables the poll poller
noreuseport	global		1.7	disables SO_REUSEPORT on listeners
nosplice	global		1.3	disables kernel splicing
numa-cpu-mapping	global	*	2.4	binds threads to the CPUs of one NUMA node
option abortonclose	defaults,listen,backend		1.3	drops queued requests whose client has closed	frontend
option accept-invalid-http-request	defaults,frontend,listen		1.3	lets malformed HTTP requests through	backend
option accept-invalid-http-response	defaults,listen,backend		1.3	lets malformed HTTP responses through	frontend
option allbackups	defaults,listen,backend		1.3	uses all backup servers at once when the active ones are down	frontend
option checkcache	defaults,listen,backend		1.3	blocks cacheable responses that set a cookie	frontend
option clitcpka	defaults,frontend,listen		1.3	enables TCP keepalive on client connections	backend
option contstats	defaults,frontend,listen		1.3	updates traffic counters continuously, not only at the end	backend
option disable-h2-upgrade	defaults,frontend,listen		2.2	refuses HTTP/1 to HTTP/2 upgrades	backend
option dontlog-normal	defaults,frontend,listen		1.3	logs only failed or abnormal sessions	backend
option dontlognull	defaults,frontend,listen		1.3	does not log connections that sent no data	backend
option external-check	defaults,frontend,listen,backend		1.6	checks servers by running an external program
option forwardfor	defaults,frontend,listen,backend	*	1.3	adds the client address in an X-Forwarded-For header
option get-values	fcgi-app		2.1	asks the FastCGI application for its connection limits
option h1-case-adjust-bogus-client	defaults,frontend,listen		2.1	rewrites response header names for broken HTTP/1 clients	backend
option h1-case-adjust-bogus-server	defaults,listen,backend		2.1	rewrites request header names for broken HTTP/1 servers	frontend
option http-buffer-request	defaults,frontend,listen,backend		1.6	waits for the request body before evaluating rules
option http-ignore-probes	defaults,frontend,listen		1.6	does not log or report empty connections on HTTP frontends	backend
option http-keep-alive	defaults,frontend,listen,backend		1.5	keeps client and server connections open between requests
option http-no-delay	defaults,frontend,listen,backend		1.5	sends HTTP data without waiting to coalesce packets
option http-pretend-keepalive	defaults,listen,backend		1.5	tells the server keep-alive while closing the connection	frontend
option http-restrict-req-hdr-names	defaults,frontend,listen,backend	*	2.6	what to do with request header names holding unusual characters
option http-server-close	defaults,frontend,listen,backend		1.4	closes the server connection after each response, keeps the client one
option http-use-proxy-header	defaults,frontend,listen		1.4	reads the Proxy-Connection header like Connection	backend
option httpchk	defaults,listen,backend	*	1.3	checks servers with an HTTP request (method, URI, version)	frontend
option httpclose	defaults,frontend,listen,backend		1.3	closes connections after each HTTP exchange
option httplog	defaults,frontend,listen	[{clf}]	1.3	detailed HTTP log format	backend
option httpslog	defaults,frontend,listen	*	2.5	detailed HTTP log format with TLS fields	backend
option idle-close-on-response	defaults,frontend,listen		2.6	keeps idle front connections open until a response is sent during a soft stop	backend
option independent-streams	defaults,frontend,listen,backend		1.5	tracks read and write inactivity separately
option keep-conn	fcgi-app		2.1	keeps FastCGI connections open between requests
option ldap-check	defaults,listen,backend		1.5	checks servers with an LDAPv3 bind	frontend
option log-health-checks	defaults,listen,backend		1.4	logs server health state changes in detail	frontend
option log-separate-errors	defaults,frontend,listen		1.3	raises the log level of failed sessions	backend
option logasap	defaults,frontend,listen		1.3	logs at the start of a session instead of its end	backend
option max-reqs	fcgi-app	<int>	2.1	largest number of concurrent requests on a FastCGI connection
option mpxs-conns	fcgi-app		2.1	multiplexes requests on FastCGI connections
option mysql-check	defaults,listen,backend	*	1.4	checks servers with a MySQL handshake	frontend
option nolinger	defaults,frontend,listen,backend		1.3	drops unsent data at close (SO_LINGER off)
option originalto	defaults,frontend,listen,backend	*	1.3	adds the original destination in an X-Original-To header
option persist	defaults,listen,backend		1.3	keeps sending to a down server when persistence points to it	frontend
option pgsql-check	defaults,listen,backend	*	1.5	checks servers with a PostgreSQL startup message	frontend
option prefer-last-server	defaults,listen,backend		1.5	tries the server of the previous request first	frontend
option redis-check	defaults,listen,backend		1.5	checks servers with a Redis PING	frontend
option redispatch	defaults,listen,backend	*	1.3	lets a request move to another server when its persistent one fails	frontend
option smtpchk	defaults,listen,backend	*	1.3	checks servers with an SMTP greeting (HELO or EHLO)	frontend
option socket-stats	defaults,frontend,listen		1.4	keeps statistics per listening socket	backend
option splice-auto	defaults,frontend,listen,backend		1.3	lets the kernel splice data when it looks worth it
option splice-request	defaults,frontend,listen,backend		1.3	splices client-to-server data in the kernel
option splice-response	defaults,frontend,listen,backend		1.3	splices server-to-client data in the kernel
option spop-check	defaults,listen,backend		1.7	checks SPOE agents with a HELLO handshake	frontend
option srvtcpka	defaults,listen,backend		1.3	enables TCP keepalive on server connections	frontend
option ssl-hello-chk	defaults,listen,backend		1.3	checks servers with an SSLv3 client hello	frontend
option start-on-reload	program		2.0	restarts the program on each reload
option tcp-check	defaults,listen,backend		1.5	checks servers with tcp-check rules	frontend
option tcp-smart-accept	defaults,frontend,listen		1.4	delays the accept until data arrives	backend
option tcp-smart-connect	defaults,listen,backend		1.4	sends the first data with the connection's ACK	frontend
option tcpka	defaults,frontend,listen,backend		1.3	enables TCP keepalive on both sides
option tcplog	defaults,frontend,listen		1.3	detailed TCP log format	backend
option transparent	defaults,listen,backend		1.3	connects to the client's original destination	frontend
parse-resolv-conf	resolvers	*	1.9	adds the name servers of /etc/resolv.conf
pass-header	fcgi-app	<string> *	2.1	passes a request header to the FastCGI application as a parameter
path-info	fcgi-app	<string>	2.1	regex splitting the URI into script name and path info
peer	peers	<name> [<addr>] *	1.5	member of a peers section (name and address)
persist	defaults,frontend,listen,backend	{rdp-cookie|rdp-cookie()}	1.4	persistence based on the RDP cookie
pidfile	global	<file>	1.3	file receiving the process IDs
pp2-never-send-local	global		2.2	never sends PROXY v2 LOCAL headers on health checks
presetenv	global	<name> <string>	1.7	sets an environment variable unless it is already set
process-vary	cache	{on|off}	2.4	whether the cache stores variants according to Vary
profiling.tasks	global	{auto|on|off}	1.9	per-task CPU profiling
quiet	global		1.3	prints nothing at start-up
rate-limit sessions	defaults,frontend,listen	<int>	1.3	new sessions accepted per second on a frontend	backend
redirect	frontend,listen,backend	*	1.3	HTTP redirection rule
resetenv	global	*	1.7	empties the environment except the listed variables
resolve_retries	resolvers	<int>	1.6	queries sent before giving up on a name
retries	defaults,listen,backend	<atol>	1.3	connection retries to a server before giving up	frontend
retry-on	defaults,listen,backend	<string>...	2.0	failures on which a request is retried
server	listen,backend,peers,ring	<name> [<addr?>] *	1.3	server of a backend, peer of a peers section or ring target, followed by server options
server-state-base	global	<file>	1.6	directory of relative server state files
server-state-file	global	<file>	1.6	file from which server states are reloaded
server-state-file-name	defaults,listen,backend	*	1.6	server state file of this backend	frontend
server-template	listen,backend	<name> <string> <addr?> *	1.8	declares a numbered set of servers filled from DNS
set-dumpable	global		2.0	allows core dumps after changing user
set-param	fcgi-app	<string> <string> *	2.1	sets a FastCGI parameter
set-var	global	<string> *	2.4	sets a process-wide variable at start-up
set-var-fmt	global	<string> *	2.5	sets a process-wide variable from a format string
setenv	global	<name> <string>	1.7	sets an environment variable
size	ring	<size>	2.2	size of the ring buffer
source	defaults,listen,backend	*	1.3	source address of connections to servers	frontend
spread-checks	global	<atol:0-50>	1.3	random spread added to check intervals, in percent
srvtcpka-cnt	defaults,listen,backend	<int>	2.3	number of unanswered TCP keepalive probes before dropping a server	frontend
srvtcpka-idle	defaults,listen,backend	<time:s>	2.3	idle time before the first TCP keepalive probe on server connections	frontend
srvtcpka-intvl	defaults,listen,backend	<time:s>	2.3	interval between TCP keepalive probes on server connections	frontend
ssl-default-bind-ciphers	global	<string>	1.5	default TLS 1.2 cipher list of bind lines
ssl-default-bind-ciphersuites	global	<string>	1.9	default TLS 1.3 cipher suites of bind lines
ssl-default-bind-curves	global	<string>	2.2	default ECDHE curves of bind lines
ssl-default-bind-options	global	*	1.6	default TLS options of bind lines (versions, tickets)
ssl-default-server-ciphers	global	<string>	1.5	default TLS 1.2 cipher list of server lines
ssl-default-server-ciphersuites	global	<string>	1.9	default TLS 1.3 cipher suites of server lines
ssl-default-server-options	global	*	1.6	default TLS options of server lines
ssl-dh-param-file	global	<file>	1.6	file with Diffie-Hellman parameters
ssl-load-extra-del-ext	global	*	2.3	strips the extension of certificate names before looking for companion files
ssl-load-extra-files	global	*	2.2	which companion files (key, ocsp, issuer, sctl) are loaded with a certificate
ssl-mode-async	global	*	1.8	enables asynchronous TLS engine operations
ssl-propquery	global	<string>	2.6	OpenSSL property query for algorithm fetching
ssl-provider	global	<string>	2.6	OpenSSL provider to load
ssl-provider-path	global	<file>	2.6	directory OpenSSL providers are loaded from
ssl-server-verify	global	{none|required}	1.5	default server certificate verification
ssl-skip-self-issued-ca	global	*	2.2	does not send self-signed CAs in the certificate chain
stats admin	frontend,listen,backend	*	1.5	condition that unlocks the admin actions of the stats page
stats auth	defaults,frontend,listen,backend	<string>	1.3	user:password allowed on the stats page
stats bind-process	global	*	1.5	former process binding of the stats socket; has no effect
stats enable	defaults,frontend,listen,backend	*	1.3	enables the stats page with default settings
stats hide-version	defaults,frontend,listen,backend	*	1.3	hides the HAProxy version on the stats page
stats http-request	frontend,listen,backend	*	1.5	access rule of the stats page
stats maxconn	global	<atol>	1.3	concurrent connections allowed on the stats socket
stats realm	defaults,frontend,listen,backend	<string>	1.3	authentication realm of the stats page
stats refresh	defaults,frontend,listen,backend	<time>	1.3	auto-refresh interval of the stats page
stats scope	defaults,frontend,listen,backend	<string>	1.3	limits the stats page to some proxies
stats show-desc	defaults,frontend,listen,backend	*	1.3	shows a description on the stats page
stats show-legends	defaults,frontend,listen,backend	*	1.4	shows extra details on the stats page
stats show-modules	defaults,frontend,listen,backend	*	2.3	shows the statistics of extra modules on the stats page
stats show-node	defaults,frontend,listen,backend	[<string>]	1.3	shows the node name on the stats page
stats socket	global	*	1.3	CLI socket (address or path) with its bind options
stats timeout	global	<time>	1.3	idle timeout of the CLI socket
stats uri	defaults,frontend,listen,backend	<string>	1.3	URI prefix that serves the stats page
stick match	listen,backend	*	1.4	matches a request against a stick table to pick a server	frontend
stick on	listen,backend	*	1.4	stick-table key both learned and matched	frontend
stick store-request	listen,backend	*	1.4	stores a request sample in a stick table	frontend
stick store-response	listen,backend	*	1.5	stores a response sample in a stick table	frontend
stick-table	frontend,listen,backend	*	1.4	declares the stick table of this proxy (type, size, expire, stored data)
strict-limits	global		2.1	refuses to start when a resource limit cannot be set
table	peers	<name> *	2.0	stick table shared by a peers section
tcp-check	defaults,listen,backend	*	1.5	TCP health check step with no row of its own: parameterized forms such as set-var(check.<name>)	frontend
tcp-check comment	defaults,listen,backend	*	2.2	TCP health check step: comment shown when the check fails	frontend
tcp-check connect	defaults,listen,backend	*	1.5	TCP health check step: opens a new connection for the health check	frontend
tcp-check expect	defaults,listen,backend	*	1.5	TCP health check step: what the health check response must match	frontend
tcp-check send	defaults,listen,backend	*	1.5	TCP health check step: request line, headers and body sent by the health check	frontend
tcp-check send-binary	defaults,listen,backend	*	1.5	TCP health check step: hexadecimal data sent by the health check	frontend
tcp-check send-binary-lf	defaults,listen,backend	*	2.2	TCP health check step: hexadecimal data sent by the health check, from a format string	frontend
tcp-check send-lf	defaults,listen,backend	*	2.2	TCP health check step: data sent by the health check, from a format string	frontend
tcp-check set-var()	defaults,listen,backend	*	2.2	TCP health check step: sets a variable from a sample expression	frontend
tcp-check set-var-fmt()	defaults,listen,backend	*	2.5	TCP health check step: sets a variable from a format string	frontend
tcp-check unset-var()	defaults,listen,backend	*	2.2	TCP health check step: removes a variable	frontend
tcp-request connection	defaults,frontend,listen	*	1.5	TCP rule on a new connection whose action has no row of its own: parameterized forms such as set-var(<var>) or sc-inc-gpc0(<n>), and actions registered by Lua
tcp-request connection accept	defaults,frontend,listen	*	1.5	TCP rule on a new connection: stops evaluating rules and accepts
tcp-request connection expect-netscaler-cip	defaults,frontend,listen	*	1.7	TCP rule on a new connection: decodes a NetScaler Client IP header
tcp-request connection expect-proxy	defaults,frontend,listen	*	1.5	TCP rule on a new connection: decodes a PROXY protocol header
tcp-request connection reject	defaults,frontend,listen	*	1.5	TCP rule on a new connection: closes the connection without a response
tcp-request connection sc-inc-gpc()	defaults,frontend,listen	*	2.5	TCP rule on a new connection: increments a general purpose counter of a tracked entry
tcp-request connection sc-inc-gpc0()	defaults,frontend,listen	*	1.6	TCP rule on a new connection: increments counter gpc0 of a tracked entry
tcp-request connection sc-inc-gpc1()	defaults,frontend,listen	*	1.9	TCP rule on a new connection: increments counter gpc1 of a tracked entry
tcp-request connection sc-set-gpt()	defaults,frontend,listen	*	2.5	TCP rule on a new connection: sets a general purpose tag of a tracked entry
tcp-request connection sc-set-gpt0()	defaults,frontend,listen	*	1.6	TCP rule on a new connection: sets tag gpt0 of a tracked entry
tcp-request connection set-dst	defaults,frontend,listen	*	1.7	TCP rule on a new connection: changes the destination address
tcp-request connection set-dst-port	defaults,frontend,listen	*	1.7	TCP rule on a new connection: changes the destination port
tcp-request connection set-mark	defaults,frontend,listen	*	2.5	TCP rule on a new connection: sets the netfilter mark of the connection
tcp-request connection set-src	defaults,frontend,listen	*	1.7	TCP rule on a new connection: changes the source address
tcp-request connection set-src-port	defaults,frontend,listen	*	1.7	TCP rule on a new connection: changes the source port
tcp-request connection set-tos	defaults,frontend,listen	*	2.5	TCP rule on a new connection: sets the TOS/DSCP field of the connection
tcp-request connection set-var()	defaults,frontend,listen	*	2.5	TCP rule on a new connection: sets a variable from a sample expression
tcp-request connection set-var-fmt()	defaults,frontend,listen	*	2.5	TCP rule on a new connection: sets a variable from a format string
tcp-request connection silent-drop	defaults,frontend,listen	*	1.6	TCP rule on a new connection: drops the connection without telling the client
tcp-request connection track-sc0	defaults,frontend,listen	*	1.5	TCP rule on a new connection: tracks a key in stick counter 0
tcp-request connection track-sc1	defaults,frontend,listen	*	1.5	TCP rule on a new connection: tracks a key in stick counter 1
tcp-request connection track-sc2	defaults,frontend,listen	*	1.5	TCP rule on a new connection: tracks a key in stick counter 2
tcp-request connection unset-var()	defaults,frontend,listen	*	2.5	TCP rule on a new connection: removes a variable
tcp-request content	defaults,frontend,listen,backend	*	1.3	TCP rule on request content whose action has no row of its own: parameterized forms such as set-var(<var>) or sc-inc-gpc0(<n>), and actions registered by Lua
tcp-request content accept	defaults,frontend,listen,backend	*	1.3	TCP rule on request content: stops evaluating rules and accepts
tcp-request content capture	defaults,frontend,listen	*	1.5	TCP rule on request content: captures a sample into a capture slot
tcp-request content do-resolve()	defaults,frontend,listen,backend	*	2.0	TCP rule on request content: resolves a name and stores the address in a variable
tcp-request content ot-group	defaults,frontend,listen,backend	*	2.6	TCP rule on request content: runs an OpenTracing group
tcp-request content reject	defaults,frontend,listen,backend	*	1.3	TCP rule on request content: closes the connection without a response
tcp-request content sc-inc-gpc()	defaults,frontend,listen,backend	*	2.5	TCP rule on request content: increments a general purpose counter of a tracked entry
tcp-request content sc-inc-gpc0()	defaults,frontend,listen,backend	*	1.6	TCP rule on request content: increments counter gpc0 of a tracked entry
tcp-request content sc-inc-gpc1()	defaults,frontend,listen,backend	*	1.9	TCP rule on request content: increments counter gpc1 of a tracked entry
tcp-request content sc-set-gpt()	defaults,frontend,listen,backend	*	2.5	TCP rule on request content: sets a general purpose tag of a tracked entry
tcp-request content sc-set-gpt0()	defaults,frontend,listen,backend	*	1.7	TCP rule on request content: sets tag gpt0 of a tracked entry
tcp-request content send-spoe-group	defaults,frontend,listen,backend	*	1.8	TCP rule on request content: sends a group of SPOE messages
tcp-request content set-dst	defaults,frontend,listen,backend	*	2.0	TCP rule on request content: changes the destination address
tcp-request content set-dst-port	defaults,frontend,listen,backend	*	2.0	TCP rule on request content: changes the destination port
tcp-request content set-log-level	defaults,frontend,listen,backend	*	2.5	TCP rule on request content: changes the log level of the stream
tcp-request content set-mark	defaults,frontend,listen,backend	*	2.5	TCP rule on request content: sets the netfilter mark of the connection
tcp-request content set-nice	defaults,frontend,listen,backend	*	2.5	TCP rule on request content: changes the scheduling priority of the stream
tcp-request content set-priority-class	defaults,frontend,listen,backend	*	1.9	TCP rule on request content: changes the queue priority class
tcp-request content set-priority-offset	defaults,frontend,listen,backend	*	1.9	TCP rule on request content: changes the queue priority offset
tcp-request content set-src	defaults,frontend,listen,backend	*	2.5	TCP rule on request content: changes the source address
tcp-request content set-src-port	defaults,frontend,listen,backend	*	2.5	TCP rule on request content: changes the source port
tcp-request content set-tos	defaults,frontend,listen,backend	*	2.5	TCP rule on request content: sets the TOS/DSCP field of the connection
tcp-request content set-var()	defaults,frontend,listen,backend	*	1.6	TCP rule on request content: sets a variable from a sample expression
tcp-request content set-var-fmt()	defaults,frontend,listen,backend	*	2.5	TCP rule on request content: sets a variable from a format string
tcp-request content silent-drop	defaults,frontend,listen,backend	*	1.6	TCP rule on request content: drops the connection without telling the client
tcp-request content switch-mode	defaults,frontend,listen	*	2.4	TCP rule on request content: upgrades a TCP stream to HTTP
tcp-request content track-sc0	defaults,frontend,listen,backend	*	1.5	TCP rule on request content: tracks a key in stick counter 0
tcp-request content track-sc1	defaults,frontend,listen,backend	*	1.5	TCP rule on request content: tracks a key in stick counter 1
tcp-request content track-sc2	defaults,frontend,listen,backend	*	1.5	TCP rule on request content: tracks a key in stick counter 2
tcp-request content unset-var()	defaults,frontend,listen,backend	*	1.7	TCP rule on request content: removes a variable
tcp-request content use-service	defaults,frontend,listen,backend	*	2.1	TCP rule on request content: hands the stream to a service (Lua or built-in)
tcp-request inspect-delay	defaults,frontend,listen,backend	<time>	1.3	longest wait for data before tcp-request content rules run
tcp-request session	defaults,frontend,listen	*	1.7	TCP rule on a new session whose action has no row of its own: parameterized forms such as set-var(<var>) or sc-inc-gpc0(<n>), and actions registered by Lua
tcp-request session accept	defaults,frontend,listen	*	1.7	TCP rule on a new session: stops evaluating rules and accepts
tcp-request session reject	defaults,frontend,listen	*	1.7	TCP rule on a new session: closes the connection without a response
tcp-request session sc-inc-gpc()	defaults,frontend,listen	*	2.5	TCP rule on a new session: increments a general purpose counter of a tracked entry
tcp-request session sc-inc-gpc0()	defaults,frontend,listen	*	1.7	TCP rule on a new session: increments counter gpc0 of a tracked entry
tcp-request session sc-inc-gpc1()	defaults,frontend,listen	*	1.9	TCP rule on a new session: increments counter gpc1 of a tracked entry
tcp-request session sc-set-gpt()	defaults,frontend,listen	*	2.5	TCP rule on a new session: sets a general purpose tag of a tracked entry
tcp-request session sc-set-gpt0()	defaults,frontend,listen	*	1.7	TCP rule on a new session: sets tag gpt0 of a tracked entry
tcp-request session set-dst	defaults,frontend,listen	*	2.5	TCP rule on a new session: changes the destination address
tcp-request session set-dst-port	defaults,frontend,listen	*	2.5	TCP rule on a new session: changes the destination port
tcp-request session set-mark	defaults,frontend,listen	*	2.5	TCP rule on a new session: sets the netfilter mark of the connection
tcp-request session set-src	defaults,frontend,listen	*	2.5	TCP rule on a new session: changes the source address
tcp-request session set-src-port	defaults,frontend,listen	*	2.5	TCP rule on a new session: changes the source port
tcp-request session set-tos	defaults,frontend,listen	*	2.5	TCP rule on a new session: sets the TOS/DSCP field of the connection
tcp-request session set-var()	defaults,frontend,listen	*	1.7	TCP rule on a new session: sets a variable from a sample expression
tcp-request session set-var-fmt()	defaults,frontend,listen	*	2.5	TCP rule on a new session: sets a variable from a format string
tcp-request session silent-drop	defaults,frontend,listen	*	1.7	TCP rule on a new session: drops the connection without telling the client
tcp-request session track-sc0	defaults,frontend,listen	*	1.7	TCP rule on a new session: tracks a key in stick counter 0
tcp-request session track-sc1	defaults,frontend,listen	*	1.7	TCP rule on a new session: tracks a key in stick counter 1
tcp-request session track-sc2	defaults,frontend,listen	*	1.7	TCP rule on a new session: tracks a key in stick counter 2
tcp-request session unset-var()	defaults,frontend,listen	*	1.7	TCP rule on a new session: removes a variable
tcp-response content	defaults,listen,backend	*	1.5	TCP rule on response content whose action has no row of its own: parameterized forms such as set-var(<var>) or sc-inc-gpc0(<n>), and actions registered by Lua
tcp-response content accept	defaults,listen,backend	*	1.5	TCP rule on response content: stops evaluating rules and accepts
tcp-response content close	defaults,listen,backend	*	1.5	TCP rule on response content: closes the server connection
tcp-response content ot-group	defaults,listen,backend	*	2.6	TCP rule on response content: runs an OpenTracing group
tcp-response content reject	defaults,listen,backend	*	1.5	TCP rule on response content: closes the connection without a response
tcp-response content sc-inc-gpc()	defaults,listen,backend	*	2.5	TCP rule on response content: increments a general purpose counter of a tracked entry
tcp-response content sc-inc-gpc0()	defaults,listen,backend	*	1.6	TCP rule on response content: increments counter gpc0 of a tracked entry
tcp-response content sc-inc-gpc1()	defaults,listen,backend	*	1.9	TCP rule on response content: increments counter gpc1 of a tracked entry
tcp-response content sc-set-gpt()	defaults,listen,backend	*	2.5	TCP rule on response content: sets a general purpose tag of a tracked entry
tcp-response content sc-set-gpt0()	defaults,listen,backend	*	1.6	TCP rule on response content: sets tag gpt0 of a tracked entry
tcp-response content send-spoe-group	defaults,listen,backend	*	1.8	TCP rule on response content: sends a group of SPOE messages
tcp-response content set-log-level	defaults,listen,backend	*	2.5	TCP rule on response content: changes the log level of the stream
tcp-response content set-mark	defaults,listen,backend	*	2.5	TCP rule on response content: sets the netfilter mark of the connection
tcp-response content set-nice	defaults,listen,backend	*	2.5	TCP rule on response content: changes the scheduling priority of the stream
tcp-response content set-tos	defaults,listen,backend	*	2.5	TCP rule on response content: sets the TOS/DSCP field of the connection
tcp-response content set-var()	defaults,listen,backend	*	1.6	TCP rule on response content: sets a variable from a sample expression
tcp-response content set-var-fmt()	defaults,listen,backend	*	2.5	TCP rule on response content: sets a variable from a format string
tcp-response content silent-drop	defaults,listen,backend	*	1.6	TCP rule on response content: drops the connection without telling the client
tcp-response content unset-var()	defaults,listen,backend	*	1.7	TCP rule on response content: removes a variable
tcp-response inspect-delay	defaults,listen,backend	<time>	1.5	longest wait for data before tcp-response content rules run
thread-group	global	*	2.5	binds a thread group to a set of threads
thread-groups	global	<int>	2.5	number of thread groups
timeout check	defaults,listen,backend	<time>	1.3	extra timeout for a health check once connected	frontend
timeout client	defaults,frontend,listen,log-forward	<time>	1.3	inactivity timeout on the client side	backend
timeout client-fin	defaults,frontend,listen	<time>	1.5	inactivity timeout on a half-closed client connection	backend
timeout connect	defaults,listen,backend,ring	<time>	1.3	time allowed to establish a server connection	frontend
timeout http-keep-alive	defaults,frontend,listen,backend	<time>	1.4	idle time allowed between two HTTP requests
timeout http-request	defaults,frontend,listen,backend	<time>	1.3	time allowed to receive a complete HTTP request header
timeout mail	mailers	<time>	1.7	time allowed to send an email alert
timeout queue	defaults,listen,backend	<time>	1.3	longest time a request waits in a queue	frontend
timeout resolve	resolvers	<time>	1.8	interval between DNS resolutions
timeout retry	resolvers	<time>	1.6	time before an unanswered DNS query is sent again
timeout server	defaults,listen,backend,ring	<time>	1.3	inactivity timeout on the server side	frontend
timeout server-fin	defaults,listen,backend	<time>	1.5	inactivity timeout on a half-closed server connection	frontend
timeout tarpit	defaults,frontend,listen,backend	<time>	1.3	how long a tarpitted request is held
timeout tunnel	defaults,listen,backend	<time>	1.5	inactivity timeout of tunnels (WebSocket, CONNECT)	frontend
total-max-size	cache	<int>	1.8	size of the cache, in MB
transparent	defaults,frontend,listen,backend		1.3	connects to the client's original destination (old form of option transparent)
tune.buffers.limit	global	<atol>	1.6	maximum number of buffers allocated
tune.buffers.reserve	global	<atol>	1.6	buffers kept in reserve for critical tasks
tune.bufsize	global	<atol>	1.4	size of a buffer, in bytes
tune.comp.maxlevel	global	<atol:1-9>	1.5	highest compression level
tune.fail-alloc	global	*	2.0	makes a share of memory allocations fail (debugging)
tune.fd.edge-triggered	global	*	2.2	uses edge-triggered polling (experimental)
tune.h2.header-table-size	global	<int>	1.8	HPACK table size of HTTP/2
tune.h2.initial-window-size	global	<atol>	1.8	initial HTTP/2 flow-control window
tune.h2.max-concurrent-streams	global	<atol>	1.8	concurrent HTTP/2 streams per connection
tune.h2.max-frame-size	global	<int>	2.0	largest HTTP/2 frame advertised
tune.http.cookielen	global	<atol>	1.5	longest captured cookie
tune.http.logurilen	global	<atol>	1.8	longest URI kept for logs
tune.http.maxhdr	global	<atol>	1.5	largest number of headers in a message
tune.idle-pool.shared	global	{on|off}	2.2	shares idle server connections between threads
tune.idletimer	global	<int>	1.5	delay after which a splice-capable idle stream stops reading
tune.listener.multi-queue	global	{on|off}	2.0	spreads accepted connections over threads with per-thread queues
tune.lua.forced-yield	global	<int>	1.6	Lua instructions run before a forced yield
tune.lua.maxmem	global	<int>	1.6	memory limit of Lua, in MB
tune.lua.service-timeout	global	<time>	1.6	time limit of a Lua service
tune.lua.session-timeout	global	<time>	1.6	time limit of a Lua action or fetch
tune.lua.task-timeout	global	<time>	1.6	time limit of a Lua task
tune.maxaccept	global	<sint>	1.3	connections accepted at once per listener
tune.maxpollevents	global	<atol>	1.3	events processed per poller call
tune.maxrewrite	global	<atol>	1.4	buffer space reserved for header rewriting
tune.pattern.cache-size	global	<atol>	1.6	entries of the pattern matching cache
tune.peers.max-updates-at-once	global	<atol>	2.6	stick-table updates sent per peers wake-up
tune.pipesize	global	<atol>	1.5	size of the kernel pipes used for splicing
tune.pool-high-fd-ratio	global	<atol>	2.0	share of file descriptors above which idle connections are closed
tune.pool-low-fd-ratio	global	<atol>	2.0	share of file descriptors above which idle connections are not kept
tune.rcvbuf.client	global	<atol>	1.4	kernel receive buffer size on client sockets
tune.rcvbuf.server	global	<atol>	1.4	kernel receive buffer size on server sockets
tune.recv_enough	global	<atol>	1.7	amount of data considered enough to stop reading
tune.runqueue-depth	global	<atol>	1.9	tasks processed per scheduler round
tune.sched.low-latency	global	{on|off}	2.2	favours latency over throughput in the scheduler
tune.sndbuf.client	global	<atol>	1.4	kernel send buffer size on client sockets
tune.sndbuf.server	global	<atol>	1.4	kernel send buffer size on server sockets
tune.ssl.cachesize	global	<atol>	1.5	number of entries of the TLS session cache
tune.ssl.capture-buffer-size	global	<atol>	2.5	bytes of the client hello captured for fetches
tune.ssl.capture-cipherlist-size	global	<int>	1.8	old name of tune.ssl.capture-buffer-size
tune.ssl.default-dh-param	global	<int>	1.5	size of the Diffie-Hellman parameters generated by default
tune.ssl.force-private-cache	global		1.5	disables the TLS session cache sharing
tune.ssl.hard-maxrecord	global	<atol>	2.6	hard limit of a TLS record size
tune.ssl.keylog	global	{on|off}	2.2	keeps TLS secrets available for key-log fetches
tune.ssl.lifetime	global	<time:s>	1.5	lifetime of cached TLS sessions
tune.ssl.maxrecord	global	<atol>	1.5	initial TLS record size
tune.ssl.ssl-ctx-cache-size	global	<atol>	1.6	number of generated certificates kept in cache
tune.vars.check-max-size	global	<int>	2.6	memory allowed for check-scoped variables
tune.vars.global-max-size	global	<int>	1.6	memory allowed for all variables
tune.vars.proc-max-size	global	<int>	1.7	memory allowed for process-scoped variables
tune.vars.reqres-max-size	global	<int>	1.6	memory allowed for request/response variables
tune.vars.sess-max-size	global	<int>	1.6	memory allowed for session variables
tune.vars.txn-max-size	global	<int>	1.6	memory allowed for transaction variables
uid	global	<int>	1.3	numeric user ID the process switches to
ulimit-n	global	<atol>	1.3	maximum number of file descriptors per process
unique-id-format	defaults,frontend,listen,backend	<string>	1.5	format of the unique ID of each request
unique-id-header	defaults,frontend,listen,backend	<string>	1.5	header that carries the unique ID to servers
unix-bind	global	*	1.5	default ownership and permissions of UNIX sockets
unsetenv	global	<name>...	1.7	removes environment variables
use-fcgi-app	listen,backend	<name>	2.1	FastCGI application used by the backend
use-server	listen,backend	<string> *	1.5	server chosen when a condition matches, bypassing balancing	frontend
use_backend	frontend,listen	<string> *	1.3	backend chosen when a condition matches	backend
user	global,userlist,program	<name> *	1.3	user to run as (global, program), or a user with password and groups (userlist)
zero-warning	global		2.2	treats any warning as a fatal error
"""#
