#!/usr/bin/env bash
# Every test, in order: formatting, lints (native and wasm32), native tests,
# the letter builder's strings, the release build, its size budget, then the
# end-to-end suite in headless Chromium against that release build (wasm-opt
# included), and the reader's journey in Firefox and WebKit.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '\n==> %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (native)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "cargo clippy (wasm32)"
cargo clippy --target wasm32-unknown-unknown --lib --bin letter-widget --locked -- -D warnings

# CI explores the same random cases every run (failures found are kept in
# engine/tests/*.proptest-regressions); a developer's run explores new ones.
if [ -n "${CI:-}" ]; then export PROPTEST_RNG_SEED=20261129; fi

step "cargo test (native: engine, importer, widget)"
cargo test --workspace --locked
step "bracket-letter collection (rate)"
cargo test --locked -p letter-engine --test bracket_letters -- --nocapture 2>&1 | grep "bracket letters:"

step "module layers (node)"
node --test tests/layers.test.mjs

step "builder strings (node)"
node --test tests/builder-strings.test.mjs

step "WordPress plugin's letter reader (php-cli)"
node --test tests/wordpress-plugin.test.mjs

step "trunk build --release"
trunk build --release

step "size budget"
node scripts/size.mjs --check

step "end-to-end tests (headless Chromium, release build)"
node --test --test-concurrency=1 tests/e2e/

step "the reader's journey in Firefox and WebKit (release build)"
node --test --test-concurrency=1 tests/engines/
