# The configuration the engine benchmarks run weir and haproxy with (sourced, not run; the backend is
# backend-config.sh's, sourced with it):
#   engine_proxy_cfg MAXCONN BACKEND_PORT SYSLOG_PORT HTTP_PORT L7_PORT TCP_PORT LOG_PORT
#                                      the proxy under test: a bare `http` frontend, `http-l7` with the
#                                      article's L7 features (forwardfor, set-header, ten ACLs and
#                                      use_backend rules), `tcp` and `http-log` (httplog to SYSLOG_PORT)
source "$(dirname "${BASH_SOURCE[0]}")/backend-config.sh"

engine_proxy_cfg() {
    local maxconn=$1 backend=$2 syslog=$3
    cat <<CFG
global
    nbthread 1
    maxconn $maxconn
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
    timeout http-keep-alive 30s
frontend http
    bind 127.0.0.1:$4
    default_backend pool
frontend http-l7
    bind 127.0.0.1:$5
    option forwardfor
    http-request set-header X-Forwarded-Proto http
    http-request set-header X-Frontend http-l7
    acl is_api      path_beg /api/
    acl is_static   path_end .css .js .png .jpg .gif .ico .woff2
    acl is_admin    hdr(host) -i admin.example.com
    acl is_ws       hdr(upgrade) -i websocket
    acl is_post     method POST
    acl is_internal src 10.0.0.0/8
    acl has_token   hdr(x-token) -m found
    acl is_v2       path_beg /v2/
    acl is_images   path_beg /images/
    acl is_mobile   hdr_sub(user-agent) -i mobile
    use_backend pool_api    if is_api
    use_backend pool_static if is_static
    use_backend pool_admin  if is_admin
    use_backend pool_ws     if is_ws
    use_backend pool_write  if is_post !is_internal
    use_backend pool_token  if has_token
    use_backend pool_v2     if is_v2
    use_backend pool_images if is_images
    use_backend pool_mobile if is_mobile
    use_backend pool_api    if is_internal is_api
    default_backend pool
frontend tcp
    mode tcp
    bind 127.0.0.1:$6
    default_backend pool_tcp
frontend http-log
    bind 127.0.0.1:$7
    log 127.0.0.1:$syslog local0
    option httplog
    default_backend pool
backend pool_tcp
    mode tcp
    server s1 127.0.0.1:$backend
CFG
    for name in pool pool_api pool_static pool_admin pool_ws pool_write pool_token pool_v2 pool_images pool_mobile; do
        printf 'backend %s\n    server s1 127.0.0.1:%s\n' "$name" "$backend"
    done
}
