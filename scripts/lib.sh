#!/usr/bin/env bash
# Shared steps of `make run` and `make test`. Every `ensure_*` step is idempotent: it checks
# first and installs only what is missing or at the wrong version, so a warm machine passes
# through in seconds. Nothing here downloads outside crates.io, npm and Debian's packages.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

TRUNK_VERSION="0.21.14"
# The splitter of the release wasm (scripts/build-wasm.mjs). Pinned exactly: it reads
# wasm-bindgen's internals (see ../shared/notes/wasm-split.md); bump both together.
WASM_SPLIT_VERSION="0.2.4"
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$HOME/.cargo/bin:$PATH"

# A CI run builds once from a clean checkout: incremental caches would only take disk (several
# GB over the native and wasm builds) and time. Contributors keep them.
if [ -n "${CI:-}" ]; then export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"; fi

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
note() { printf '    %s\n' "$*"; }
die() { printf '\033[31merror:\033[0m %s\n' "$*" >&2; exit 1; }

# Runs a command as root: directly when we are root, else through sudo.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    die "need root to run: $* (install sudo or run as root)"; fi
}

APT_UPDATED=""
apt_install() {
  if [ -z "$APT_UPDATED" ]; then
    note "apt-get update"
    as_root apt-get update -qq
    APT_UPDATED=1
  fi
  note "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# The wasm-bindgen version that Cargo.lock resolved; the CLI must match it exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

ensure_rust() {
  command -v cargo >/dev/null || die "cargo not found: install Rust with rustup (https://rustup.rs) first"
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    step "Adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  # clippy and rustfmt come with the default rustup profile; add them if a minimal one was used.
  for component in clippy rustfmt; do
    if ! rustup component list --installed | grep -q "^$component"; then
      step "Adding rustup component $component"
      rustup component add "$component"
    fi
  done
}

ensure_trunk() {
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    step "Installing trunk $TRUNK_VERSION from crates.io (about 7 minutes on 2 cores, once)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
  fi
}

ensure_wasm_bindgen() {
  local want
  want="$(wasm_bindgen_version)"
  [ -n "$want" ] || die "wasm-bindgen not found in Cargo.lock"
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $want" ]; then
    step "Installing wasm-bindgen-cli $want from crates.io (about 2 minutes, once)"
    # Not --locked: the CLI's own lockfile pins a crate version the registry mirror lacks.
    cargo install wasm-bindgen-cli --version "$want"
  fi
}

ensure_wasm_split() {
  # The binary has no --version: cargo's list of installed packages says which one it is.
  if ! command -v wasm-split-cli >/dev/null ||
    ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
    step "Installing wasm_split_cli_support $WASM_SPLIT_VERSION from crates.io (about 5 minutes, once)"
    cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --locked --features build-binary
  fi
}

ensure_node() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    step "Installing Node.js and npm from Debian"
    apt_install nodejs npm
  fi
  # npm ci only when node_modules is missing or older than the lockfile.
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    step "Installing npm packages (binaryen's wasm-opt, playwright-core)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
  [ "$(wasm-opt --version 2>/dev/null | awk '{print $3}')" = "132" ] || die "wasm-opt 132 not found in node_modules/.bin"
}

ensure_browser() {
  if ! [ -x /usr/bin/chromium ] || ! [ -x /usr/bin/chromedriver ]; then
    step "Installing Debian's chromium and chromium-driver"
    apt_install chromium chromium-driver
  fi
}

ensure_build_tools() {
  ensure_rust
  ensure_node
  ensure_trunk
  ensure_wasm_bindgen
  ensure_wasm_split
}

build_app() {
  step "Fetching crates (so the build can run offline)"
  cargo fetch --locked --quiet
  step "Building the app: trunk build --release (wasm split per page, wasm-opt -Oz)"
  trunk build --release --offline
}
