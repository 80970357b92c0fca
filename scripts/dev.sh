#!/usr/bin/env bash
# Contributor loop: the API server (debug build) on :8080 and `trunk serve` on :8081, which
# rebuilds the app on save and proxies /api and /media to the server. Open http://127.0.0.1:8081/
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_build_tools
step "Starting the API server on 127.0.0.1:8080 (debug build)"
cargo build -p server --quiet
# The payment sandbox takes :8082 (its default, the next port, is trunk's here).
STORE_ADDR=127.0.0.1:8080 STORE_PAYMENT_ADDR=127.0.0.1:8082 STORE_PUBLIC_URL=http://127.0.0.1:8081 \
  target/debug/store-server &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true' EXIT
step "trunk serve on http://127.0.0.1:8081/ (Ctrl-C stops both)"
trunk serve
