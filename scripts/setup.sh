#!/usr/bin/env bash
# Installs every tool the build and the tests need, by package name, and skips
# whatever is already there. Safe to run again and again.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132

say() { printf '[setup] %s\n' "$*"; }

# The wasm-bindgen CLI must match the crate in Cargo.lock exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! command -v trunk >/dev/null || ! trunk --version | grep -q " $TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (about 10 minutes, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

WB_VERSION=$(wasm_bindgen_version)
if ! command -v wasm-bindgen >/dev/null || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$WB_VERSION" ]; then
  say "installing wasm-bindgen-cli $WB_VERSION"
  # Not --locked: the CLI's own lockfile names a version the registry lacks.
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
fi

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -x /usr/bin/chromedriver ] || need_apt+=(chromium-driver)
command -v brotli >/dev/null || need_apt+=(brotli)

# The blog platforms the end-to-end suite publishes the widget on
# (tests/e2e/wordpress.test.mjs, tests/e2e/static-blogs.test.mjs): a real
# WordPress on PHP and MariaDB, Hugo and Jekyll. About two minutes, once.
# LETTER_WIDGET_SKIP_BLOGS=1 leaves them out (those tests then skip, saying why).
need_blogs=()
if [ "${LETTER_WIDGET_SKIP_BLOGS:-}" != 1 ]; then
  [ -f /usr/share/wordpress/wp-load.php ] || need_blogs+=(wordpress)
  [ -d /usr/share/wordpress/wp-content/themes/twentytwentythree ] || need_blogs+=(wordpress-theme-twentytwentythree)
  command -v php >/dev/null || need_blogs+=(php-cli)
  { command -v php >/dev/null && php -r 'exit(extension_loaded("mysqli") ? 0 : 1);'; } || need_blogs+=(php-mysql)
  { [ -x /usr/sbin/mariadbd ] && command -v mariadb-install-db >/dev/null; } || need_blogs+=(mariadb-server)
  command -v hugo >/dev/null || need_blogs+=(hugo)
  command -v jekyll >/dev/null || need_blogs+=(jekyll)
fi

# The reader's other engines (tests/engines/): Firefox ESR, and WebKitGTK's
# MiniBrowser with its WebDriver on an Xvfb display. About 30 seconds, once.
need_engines=()
[ -x /usr/bin/firefox-esr ] || need_engines+=(firefox-esr)
[ -x /usr/bin/WebKitWebDriver ] || need_engines+=(webkit2gtk-driver)
[ -x /usr/bin/Xvfb ] || need_engines+=(xvfb)

if [ ${#need_apt[@]} -gt 0 ] || [ ${#need_blogs[@]} -gt 0 ] || [ ${#need_engines[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  say "installing ${need_apt[*]} from Debian"
  apt-get install -y -qq "${need_apt[@]}"
fi
if [ ${#need_engines[@]} -gt 0 ]; then
  say "installing ${need_engines[*]} from Debian (Firefox and WebKit for the reader's suite)"
  apt-get install -y -qq --no-install-recommends "${need_engines[@]}"
fi
if [ ${#need_blogs[@]} -gt 0 ]; then
  say "installing ${need_blogs[*]} from Debian (blog platforms for the end-to-end tests)"
  # wordpress pulls in apache2, and mariadb-server its own service: keep
  # both from starting (the tests run private instances on loopback only).
  made_policy=
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    made_policy=1
  fi
  apt-get install -y -qq --no-install-recommends "${need_blogs[@]}" || status=$?
  [ -z "$made_policy" ] || rm -f /usr/sbin/policy-rc.d
  [ "${status:-0}" -eq 0 ] || exit "$status"
fi

# binaryen (wasm-opt) and Playwright come from npm, pinned by package-lock.json.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/terser ] \
   || [ ! -d node_modules/puppeteer-core ] || [ ! -d node_modules/selenium-webdriver ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (binaryen $BINARYEN_VERSION, playwright-core, axe-core, puppeteer-core, selenium-webdriver)"
  npm ci --no-audit --no-fund
fi

say "tools ready"
