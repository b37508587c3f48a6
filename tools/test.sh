#!/usr/bin/env bash
# Set up and run every test: data, rendering, the translation gate, the built site.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
export NO_MKDOCS_2_WARNING=1
.venv/bin/python -m pytest -q "$@"
