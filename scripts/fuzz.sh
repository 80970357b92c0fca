#!/usr/bin/env bash
# `make fuzz`: schemathesis (PyPI) against the OpenAPI document of a release server on a free
# loopback port with a fresh SQLite file, every check (`--checks all`: no 5xx, answers match
# the document, schema-valid requests accepted and schema-breaking ones refused) in every
# phase, stateful included (the document's links). What the statuses mean is in
# scripts/schemathesis.toml. Passes when nothing fails and the server still answers /healthz
# afterwards. Rate limits are off so the fuzzer reaches the handlers.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

VENV="$ROOT/target/fuzz-venv"
if ! [ -x "$VENV/bin/schemathesis" ]; then
  step "Installing schemathesis from PyPI into target/fuzz-venv"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet schemathesis
fi
step "Building the server (release)"
cargo build --release --locked -p server --quiet
work="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
STORE_ADDR=127.0.0.1:0 DATABASE_URL="sqlite://$work/store.db" STORE_STATIC_DIR="$work/none" \
  STORE_RATE_WRITES_PER_MINUTE=0 STORE_RATE_SEARCHES_PER_MINUTE=0 STORE_RATE_LOOKUPS_PER_MINUTE=0 \
  RUST_LOG=warn \
  target/release/store-server >"$work/out" 2>"$work/log" &
pid=$!
for _ in $(seq 100); do grep -q "Store is running" "$work/out" 2>/dev/null && break; sleep 0.2; done
url="$(sed -n 's/^Store is running at \(http:[^ ]*\)\/$/\1/p' "$work/out")"
[ -n "$url" ] || die "the server did not start: $(cat "$work/log")"
step "schemathesis run $url/api/openapi.json --checks all"
status=0
# Configured data (scripts/fuzz_hooks.py): carts of items the store sells, so quotes are made.
FUZZ_STORE_URL="$url" SCHEMATHESIS_HOOKS="$ROOT/scripts/fuzz_hooks.py" \
  "$VENV/bin/schemathesis" --config-file "$ROOT/scripts/schemathesis.toml" run "$url/api/openapi.json" \
  --checks all --max-examples "${FUZZ_EXAMPLES:-50}" --no-color || status=$?
step "The server after fuzzing"
curl -fsS "$url/healthz" || die "the server stopped answering: $(tail -20 "$work/log")"
echo
if grep -q "panicked" "$work/log"; then die "a handler panicked: $(grep -m3 panicked "$work/log")"; fi
exit "$status"
