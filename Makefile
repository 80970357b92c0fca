# The two set-up commands (see README.md) and a few contributor shortcuts.
.PHONY: run test dev build size e2e load fuzz lighthouse

## Install what is missing, build the app and server, and start the store.
run:
	@bash scripts/run.sh

## Install what is missing (also Chromium) and run every check and test.
test:
	@bash scripts/test.sh

## Contributor loop: the API on :8080 and `trunk serve` with live reload on :8081.
dev:
	@bash scripts/dev.sh

## Only the brotli size report of an existing dist/.
size:
	@node scripts/size-budget.mjs

## The checkout storm and read throughput against the release server (perf/README.md).
load:
	@bash scripts/load.sh

## schemathesis against the OpenAPI document of a release server: no 5xx, still up after.
fuzz:
	@bash scripts/fuzz.sh

## Lighthouse (mobile) on home, listing and product in en, ja, ar, against an existing release build (perf/README.md).
lighthouse:
	@bash scripts/lighthouse.sh
