#!/usr/bin/env bash
# Set up and run every test: data, rendering, the translation gate, the built site (also in a browser).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh

# The browser tests (tests/browser/) drive Chromium (Debian's /usr/bin/chromium, or $CHROMIUM),
# the HTML check runs the Nu Html Checker with Java, and both use npm packages pinned in
# package-lock.json (axe-core, vnu-jar). In CI (CI=true), or wherever one is missing, they are
# installed: the system packages with apt, the npm packages with npm ci.
packages=()
if [ "${CI:-}" = "true" ] && [ -z "${CHROMIUM:-}" ] || [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then packages+=(chromium); fi
if [ "${CI:-}" = "true" ] || ! command -v java >/dev/null; then packages+=(default-jre-headless); fi
if ! command -v npm >/dev/null; then packages+=(nodejs npm); fi
if [ ${#packages[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi
if [ "${CI:-}" = "true" ] || [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error  # vnu-jar's install script would fetch a Java
fi

export NO_MKDOCS_2_WARNING=1
.venv/bin/python -m pytest -q "$@"
