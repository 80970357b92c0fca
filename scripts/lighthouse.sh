#!/usr/bin/env bash
# `make lighthouse`: Lighthouse 12.2.3 (npm, package.json) with Debian's Chromium over home,
# listing and product in en, ja (CJK) and ar (right to left), against an existing release
# build; scripts/lighthouse.mjs does the work (server on a free port with a throw-away
# database, the runs, the report). Builds nothing: it measures what is already built.
#
#   STORE_SERVER_BIN  server binary (default target/release/store-server)
#   STORE_DIST        the built app (default dist)
#   LH_RUNS           runs per page, the median by performance score reported (default 1)
#   LH_PAGES          e.g. `ja`, `product`, `ar-home,en-listing` (default all nine pages)
#   LH_CATEGORY, LH_PRODUCT  the listing's category and the product (default apparel and
#                     its best-selling product in stock)
#
# The markdown report goes to stdout (and target/lighthouse/summary.md), progress to stderr,
# JSON reports to target/lighthouse/. Exits non-zero only when the tooling fails, not on
# low scores.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

export STORE_SERVER_BIN="${STORE_SERVER_BIN:-$ROOT/target/release/store-server}"
export STORE_DIST="${STORE_DIST:-$ROOT/dist}"
[ -x "$STORE_SERVER_BIN" ] || die "no server binary at $STORE_SERVER_BIN: build it (cargo build --release -p server) or set STORE_SERVER_BIN"
[ -f "$STORE_DIST/index.html" ] || die "no built app at $STORE_DIST: build it (trunk build --release --offline) or set STORE_DIST"

ensure_node >&2
ensure_browser >&2
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
exec node "$ROOT/scripts/lighthouse.mjs"
