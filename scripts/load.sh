#!/usr/bin/env bash
# `make load` (issue 14, item 10): a load run against the release server on loopback.
#
#  1. builds the release server and the checkout storm (crates/server/examples/checkout_load.rs);
#  2. starts target/release/store-server on free ports with a fresh SQLite file in a temporary
#     folder (STORE_TRUST_FORWARDED=1, so every buyer's X-Forwarded-For is its own client),
#     picks a variant that ships to the US, stops the server, sets that variant's stock to
#     LOAD_STOCK (default 50) in the file, and starts it again;
#  3. runs LOAD_CONCURRENCY (default 200) checkouts of that variant at once and checks in the
#     file that exactly N were sold and paid, no stock hold is left and the stock is 0;
#  4. measures the throughput of the listing, a product page and a search with
#     `wrk -t2 -c32 -d10s` (each request from its own X-Forwarded-For address, so per-client
#     rate limits measure the store rather than the limiter's 429s; LOAD_WRK_XFF=0 sends none);
#  5. stops the server (SIGTERM) and removes the folder.
#
# Needs cargo, python3 (sqlite3 module) and wrk (`apt-get install wrk`). The built app is not
# needed: STORE_STATIC_DIR defaults to an empty folder (the API works without dist/).
# Other knobs: LOAD_WRK_THREADS (2), LOAD_WRK_CONNECTIONS (32), LOAD_WRK_DURATION (10s),
# RUST_LOG (warn: request logs would cost the server time), and any STORE_* the server reads
# (STORE_RATE_WRITES_PER_MINUTE, STORE_RATE_SEARCHES_PER_MINUTE, STORE_MAX_HOLDS_PER_CLIENT…).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

STOCK="${LOAD_STOCK:-50}"
BUYERS="${LOAD_CONCURRENCY:-200}"
WRK_THREADS="${LOAD_WRK_THREADS:-2}"
WRK_CONNECTIONS="${LOAD_WRK_CONNECTIONS:-32}"
WRK_DURATION="${LOAD_WRK_DURATION:-10s}"
WRK_XFF="${LOAD_WRK_XFF:-1}"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
note() { printf '    %s\n' "$*"; }
die() { printf '\033[31merror:\033[0m %s\n' "$*" >&2; exit 1; }

command -v cargo >/dev/null || die "cargo not found"
command -v python3 >/dev/null || die "python3 not found"
python3 -c 'import sqlite3' 2>/dev/null || die "python3 has no sqlite3 module"
command -v wrk >/dev/null || die "wrk not found: apt-get install wrk"
[[ "$STOCK" =~ ^[0-9]+$ ]] || die "LOAD_STOCK=$STOCK is not a number"
[[ "$BUYERS" =~ ^[0-9]+$ && "$BUYERS" -gt 0 ]] || die "LOAD_CONCURRENCY=$BUYERS is not a positive number"

step "Building the checkout storm and the server (release)"
cargo build --release --locked -p server --example checkout_load
cargo build --release --locked -p server
SERVER_BIN="$ROOT/target/release/store-server"
LOAD_BIN="$ROOT/target/release/examples/checkout_load"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/store-load.XXXXXX")"
DB="$WORK/store.db"
mkdir -p "$WORK/static"
SERVER_PID=""

stop_server() {
  if [ -n "$SERVER_PID" ]; then
    local rc=0
    if kill -0 "$SERVER_PID" 2>/dev/null; then
      kill -TERM "$SERVER_PID"
      wait "$SERVER_PID" || rc=$?
      [ "$rc" -eq 0 ] || note "store-server exited with $rc after SIGTERM"
    else
      wait "$SERVER_PID" || rc=$?
      note "store-server had already exited (status $rc) before it was stopped"
      SERVER_DIED=1
    fi
  fi
  SERVER_PID=""
}
SERVER_DIED=""
cleanup() {
  local rc=$?
  stop_server
  if [ "$rc" -ne 0 ] || [ -n "$SERVER_DIED" ]; then
    if [ -s "$WORK/server.log" ]; then
      note "last lines of the server's log:"
      tail -n 40 "$WORK/server.log" | sed 's/^/      /'
    fi
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Starts the server on free loopback ports; sets STORE_URL and PAYMENT_URL (no trailing /).
# Its stdout and stderr (the log) are appended to $WORK/server.log.
start_server() {
  touch "$WORK/server.log"
  local from
  from=$(($(wc -l <"$WORK/server.log") + 1))
  STORE_ADDR=127.0.0.1:0 \
    STORE_PAYMENT_ADDR=127.0.0.1:0 \
    DATABASE_URL="sqlite://$DB" \
    STORE_STATIC_DIR="${STORE_STATIC_DIR:-$WORK/static}" \
    STORE_TRUST_FORWARDED=1 \
    RUST_LOG="${RUST_LOG:-warn}" \
    "$SERVER_BIN" >>"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  STORE_URL=""
  PAYMENT_URL=""
  for _ in $(seq 1 600); do
    STORE_URL="$(tail -n +"$from" "$WORK/server.log" | sed -n 's#^Store is running at \(http://[^ ]*\)/$#\1#p')"
    PAYMENT_URL="$(tail -n +"$from" "$WORK/server.log" | sed -n 's#^Payment sandbox is running at \(http://[^ ]*\)/$#\1#p')"
    if [ -n "$STORE_URL" ] && [ -n "$PAYMENT_URL" ]; then return 0; fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      cat "$WORK/server.log" >&2
      die "store-server exited before it listened"
    fi
    sleep 0.1
  done
  cat "$WORK/server.log" >&2
  die "store-server did not start in 60 s"
}

sql() { python3 - "$DB" "$@"; }

step "Starting the store on a fresh database (seeding the catalog)"
start_server
note "store $STORE_URL, payment sandbox $PAYMENT_URL, database $DB"

PICK="$("$LOAD_BIN" --pick --store "$STORE_URL" --payment "$PAYMENT_URL")" || die "could not pick a product"
SLUG="$(sed -n 's/^slug=//p' <<<"$PICK")"
SKU="$(sed -n 's/^sku=//p' <<<"$PICK")"
WORD="$(sed -n 's/^word=//p' <<<"$PICK")"
[ -n "$SLUG" ] && [ -n "$SKU" ] || die "could not pick a product: $PICK"
[ -n "$WORD" ] || WORD="phone"
note "variant $SKU of $SLUG (seeded stock $(sed -n 's/^stock=//p' <<<"$PICK")); search word \"$WORD\""

step "Setting the stock of $SKU to $STOCK (server stopped), and starting it again"
stop_server
sql "$SKU" "$STOCK" <<'PY'
import sqlite3, sys
db, sku, stock = sys.argv[1], sys.argv[2], int(sys.argv[3])
con = sqlite3.connect(db)
with con:
    n = con.execute("UPDATE variants SET stock = ? WHERE sku = ?", (stock, sku)).rowcount
if n != 1:
    sys.exit(f"no variant {sku}")
con.close()
PY
start_server
note "store $STORE_URL, payment sandbox $PAYMENT_URL"

step "Checkout storm: $BUYERS buyers for $STOCK units"
STORM_RC=0
"$LOAD_BIN" --store "$STORE_URL" --payment "$PAYMENT_URL" --concurrency "$BUYERS" \
  --sku "$SKU" --slug "$SLUG" --expect-stock "$STOCK" || STORM_RC=$?

step "Checking the database after the storm"
DB_RC=0
sql "$SKU" "$STOCK" "$BUYERS" <<'PY' || DB_RC=$?
import sqlite3, sys
db, sku, stock, buyers = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
sold_expected = min(stock, buyers)
con = sqlite3.connect(db, timeout=10)
one = lambda q, *a: con.execute(q, a).fetchone()[0]
holds = one("SELECT count(*) FROM stock_holds")
lines, units = con.execute(
    "SELECT count(*), coalesce(sum(quantity), 0) FROM order_lines WHERE sku = ?", (sku,)).fetchone()
orders = one("SELECT count(*) FROM orders")
payments = one("SELECT count(*) FROM payments")
paid_orders = one("SELECT count(DISTINCT p.order_number) FROM payments p "
                  "JOIN order_lines l ON l.order_number = p.order_number WHERE l.sku = ?", sku)
left = one("SELECT stock FROM variants WHERE sku = ?", sku)
pending_keys = one("SELECT count(*) FROM idempotency_keys WHERE status IS NULL")
checks = [
    ("stock_holds rows", holds, 0),
    ("orders (all)", orders, sold_expected),
    ("order lines for the sku", lines, sold_expected),
    ("units sold of the sku", units, sold_expected),
    ("payments (all)", payments, sold_expected),
    ("paid orders of the sku", paid_orders, sold_expected),
    ("variant stock left", left, stock - sold_expected),
    ("idempotency keys still in flight", pending_keys, 0),
]
bad = 0
for name, got, want in checks:
    mark = "ok" if got == want else "WRONG"
    bad += got != want
    print(f"    {name:34} {got:>6}  (expected {want})  {mark}")
sys.exit(1 if bad else 0)
PY
[ "$DB_RC" -eq 0 ] && note "database: ok" || note "database: WRONG (see above)"

step "Throughput: wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d$WRK_DURATION"
WRK_SCRIPT=()
if [ "$WRK_XFF" = "1" ]; then
  cat >"$WORK/xff.lua" <<'LUA'
-- Every request from its own client address (the store trusts X-Forwarded-For from loopback).
local next_id = 0
function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
end
local n = 0
function request()
  n = n + 1
  local ip = string.format("172.%d.%d.%d", 16 + (tid or 0) % 16, math.floor(n / 256) % 256, n % 256)
  return wrk.format(nil, nil, { ["X-Forwarded-For"] = ip })
end
LUA
  WRK_SCRIPT=(-s "$WORK/xff.lua")
fi
declare -A RPS
for name in listing product search; do
  case "$name" in
    listing) path="/api/v1/products" ;;
    product) path="/api/v1/products/$SLUG" ;;
    search) path="/api/v1/products?q=$WORD" ;;
  esac
  kill -0 "$SERVER_PID" 2>/dev/null || die "store-server is no longer running"
  status="$(curl -s -o /dev/null -w '%{http_code}' "$STORE_URL$path" || true)"
  note "$name: GET $path (one request: $status)"
  wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"$WRK_DURATION" --latency "${WRK_SCRIPT[@]}" \
    "$STORE_URL$path" >"$WORK/wrk-$name.txt" 2>&1 || note "wrk failed for $name"
  sed 's/^/      /' "$WORK/wrk-$name.txt"
  RPS[$name]="$(awk '/^Requests\/sec:/ { print $2 }' "$WORK/wrk-$name.txt")"
  non2xx="$(awk '/Non-2xx or 3xx responses:/ { print $5 }' "$WORK/wrk-$name.txt")"
  [ -z "$non2xx" ] || note "WARNING: $name had $non2xx non-2xx answers (429 rate limits? see above)"
done

step "Stopping the store"
stop_server
if grep -qE 'ERROR|panick' "$WORK/server.log"; then
  note "errors in the server's log (first 20):"
  grep -E 'ERROR|panick' "$WORK/server.log" | head -20 | sed 's/^/      /'
fi

step "Summary"
note "checkout storm: C=$BUYERS N=$STOCK — $([ "$STORM_RC" -eq 0 ] && echo ok || echo FAILED) (figures above)"
note "database checks: $([ "$DB_RC" -eq 0 ] && echo ok || echo WRONG)"
note "requests/s  listing ${RPS[listing]:-?}  product page ${RPS[product]:-?}  search \"$WORD\" ${RPS[search]:-?}"
[ "$STORM_RC" -eq 0 ] && [ "$DB_RC" -eq 0 ]
