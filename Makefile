# The two set-up commands (see README.md) and a few contributor shortcuts.
.PHONY: run test dev build size e2e

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
