#!/usr/bin/env bash
# `make test`: install what is missing, then run every check and test. Fails on the first
# failure. The order puts the quick, most telling checks first.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_build_tools
ensure_browser

step "Formatting (cargo fmt --check)"
cargo fmt --all --check

step "Lints: cargo clippy, native (all crates, all targets) and wasm32 (the app)"
cargo clippy --locked --workspace --all-targets --quiet -- -D warnings
cargo clippy --locked -p storefront --target wasm32-unknown-unknown --all-targets --quiet -- -D warnings

step "Unit and API tests (cargo test, every crate)"
cargo test --locked --workspace

step "Component tests in headless Chromium (wasm-bindgen-test)"
# The runner stops Chromium without letting it clean up; its profile folders go under target/
# (removed afterwards) instead of piling up in /tmp, tens of MB per run.
BROWSER_TMP="$ROOT/target/browser-tmp"
mkdir -p "$BROWSER_TMP"
TMPDIR="$BROWSER_TMP" CHROMEDRIVER=/usr/bin/chromedriver \
  cargo test --locked -p storefront --target wasm32-unknown-unknown --test web
rm -rf "$BROWSER_TMP"

build_app

step "Size budget (brotli transfer size of the first page)"
node scripts/size-budget.mjs

step "End-to-end tests in headless Chromium against the real server"
step "Building the server (release: what make run serves)"
cargo build --release --locked --offline -p server --quiet
STORE_SERVER_BIN="$ROOT/target/release/store-server" STORE_DIST="$ROOT/dist" \
  node --test --test-concurrency=1 tests/e2e/
