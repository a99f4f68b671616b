# The backend every weir-against-haproxy benchmark puts behind both proxies (sourced, not run):
#   backend_cfg PORT [BUFSIZE] [LINE] [SOCKET]
#       a haproxy answering every request itself (`http-request return`), so the backend costs both proxies
#       the same: with `tune.bufsize` BUFSIZE, an extra frontend LINE, and a stats SOCKET when given
backend_cfg() {
    cat <<CFG
global
    nbthread 1
    maxconn 4000
    tune.bufsize ${2:-16384}
${4:+    stats socket $4}
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
frontend backend
    bind 127.0.0.1:$1
${3:-}
    http-request return status 200 content-type text/plain string hello
CFG
}
