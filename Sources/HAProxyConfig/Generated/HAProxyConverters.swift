// generated from Grammar/haproxy-converters.tsv, do not edit.
// Regenerate: WEIR_REGENERATE=1 swift test --filter GeneratedGrammarTests

/// The text of `Grammar/haproxy-converters.tsv`.
public let haproxyConvertersTSV: String = #"""
converter	args	input	output
add	string	sint	sint
add_item	string,string[,string]	str	str
aes_gcm_dec	integer,string,string,string	bin	bin
and	string	sint	sint
b64dec		bin	str
base64		str	bin
be2dec	string[,integer,integer]	str	bin
be2hex	string[,integer,integer]	str	bin
bool		bool	sint
bytes	integer[,integer]	bin	bin
capture-req	integer	str	str
capture-res	integer	str	str
concat	string[,string,string]	str	str
cpl		sint	sint
crc32	[integer]	sint	bin
crc32c	[integer]	sint	bin
cut_crlf		str	str
debug	[string,string]	any	any
digest	string	bin	bin
div	string	sint	sint
djb2	[integer]	sint	bin
even		bool	sint
field	integer,string[,integer]	str	str
fix_is_valid		bool	bin
fix_tag_value	string	bin	bin
hex		str	bin
hex2i		sint	str
hmac	string,string	bin	bin
host_only		str	str
htonl		bin	sint
http_date	[integer,string]	str	sint
iif	string,string	str	bool
in_table	table	bool	any
ipmask	IPv4 mask[,IPv6 mask]	ipv4	addr
json	string	str	str
json_query	string[,string]	any	str
jwt_header_query	[string,string]	any	bin
jwt_payload_query	[string,string]	any	bin
jwt_verify	string,string	sint	bin
language	string[,string]	str	str
length		sint	str
lower		str	str
ltime	string[,integer]	str	sint
ltrim	string	str	str
map	string[,string]	str	str
map_beg	string[,string]	str	str
map_beg_int	string[,integer]	sint	str
map_beg_ip	string[,string]	addr	str
map_dir	string[,string]	str	str
map_dir_int	string[,integer]	sint	str
map_dir_ip	string[,string]	addr	str
map_dom	string[,string]	str	str
map_dom_int	string[,integer]	sint	str
map_dom_ip	string[,string]	addr	str
map_end	string[,string]	str	str
map_end_int	string[,integer]	sint	str
map_end_ip	string[,string]	addr	str
map_int	string[,string]	str	sint
map_int_int	string[,integer]	sint	sint
map_int_ip	string[,string]	addr	sint
map_ip	string[,string]	str	addr
map_ip_int	string[,integer]	sint	addr
map_ip_ip	string[,string]	addr	addr
map_reg	string[,string]	str	str
map_reg_int	string[,integer]	sint	str
map_reg_ip	string[,string]	addr	str
map_regm	string[,string]	str	str
map_str	string[,string]	str	str
map_str_int	string[,integer]	sint	str
map_str_ip	string[,string]	addr	str
map_sub	string[,string]	str	str
map_sub_int	string[,integer]	sint	str
map_sub_ip	string[,string]	addr	str
mod	string	sint	sint
mqtt_field_value	string,string	str	bin
mqtt_is_valid		bool	bin
mul	string	sint	sint
nbsrv		sint	str
neg		sint	sint
not		bool	sint
odd		bool	sint
or	string	sint	sint
port_only		sint	str
protobuf	Protocol buffers field number[,string]	bin	bin
regsub	regex,string[,string]	str	str
rtrim	string	str	str
sdbm	[integer]	sint	bin
secure_memcmp	string	bool	bin
set-var	string[,string,string,string,string]	any	any
sha1		bin	bin
sha2	[integer]	bin	bin
srv_queue		sint	str
strcmp	string	sint	str
sub	string	sint	sint
table_bytes_in_rate	table	sint	any
table_bytes_out_rate	table	sint	any
table_conn_cnt	table	sint	any
table_conn_cur	table	sint	any
table_conn_rate	table	sint	any
table_expire	table[,integer]	sint	any
table_gpc	integer,table	sint	any
table_gpc0	table	sint	any
table_gpc0_rate	table	sint	any
table_gpc1	table	sint	any
table_gpc1_rate	table	sint	any
table_gpc_rate	integer,table	sint	any
table_gpt	integer,table	sint	any
table_gpt0	table	sint	any
table_http_err_cnt	table	sint	any
table_http_err_rate	table	sint	any
table_http_fail_cnt	table	sint	any
table_http_fail_rate	table	sint	any
table_http_req_cnt	table	sint	any
table_http_req_rate	table	sint	any
table_idle	table[,integer]	sint	any
table_kbytes_in	table	sint	any
table_kbytes_out	table	sint	any
table_server_id	table	sint	any
table_sess_cnt	table	sint	any
table_sess_rate	table	sint	any
table_trackers	table	sint	any
ub64dec		bin	str
ub64enc		str	bin
ungrpc	Protocol buffers field number[,string]	bin	bin
unset-var	string	any	any
upper		str	str
url_dec	[integer]	str	str
url_enc	string	str	str
utime	string[,integer]	str	sint
word	integer,string[,integer]	str	str
wt6	[integer]	sint	bin
xor	string	sint	sint
xxh3	[integer]	sint	bin
xxh32	[integer]	sint	bin
xxh64	[integer]	sint	bin
"""#
