#!/usr/bin/env bash
# `make run`: install what is missing, build the app and the server, start the store.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_build_tools
build_app
step "Building the server (release)"
cargo build --release --locked --offline -p server
step "Starting the store (Ctrl-C stops it)"
note "STORE_ADDR=${STORE_ADDR:-127.0.0.1:8080}  DATABASE_URL=${DATABASE_URL:-sqlite://data/store.db}  STORE_STATIC_DIR=${STORE_STATIC_DIR:-dist}"
exec target/release/store-server
