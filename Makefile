# Letter Widget: the two commands of the README, and the steps behind them.
# Every target installs what is missing first (scripts/setup.sh skips what is there).
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

.PHONY: setup build serve test bench size clean wordpress-plugin wordpress-demo release

setup:
	@scripts/setup.sh

build: setup
	trunk build --release

serve: build
	node scripts/serve.mjs dist --port 8080 --host 127.0.0.1

test: setup
	@scripts/test.sh

bench: build
	node scripts/bench.mjs
	node scripts/peers.mjs

size: build
	node scripts/size.mjs --check

# The installable WordPress plugin: dist-integrations/letter-widget-wordpress.zip
wordpress-plugin: build
	node scripts/wordpress-plugin.mjs

# The versioned release: release/letter-widget-<version>.tgz (npm pack) and
# release/letter-widget/<version>/ for any static host.
release: build
	node scripts/release.mjs

# A throwaway WordPress (Debian's packages) with the plugin, on http://127.0.0.1:8081/
wordpress-demo: wordpress-plugin
	node scripts/wordpress-env.mjs --port 8081

clean:
	cargo clean
	rm -rf dist dist-integrations release

# Panic messages in the widget name source files: keep them relative, not this
# machine's paths.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS := --remap-path-prefix=$(HOME)/.cargo/registry/src= --remap-path-prefix=$(CURDIR)=.
