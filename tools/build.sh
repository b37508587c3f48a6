#!/usr/bin/env bash
# Set up and build the site into site/ (English at /, Welsh at /cy/).
#   bash tools/build.sh           build once, strictly (any warning fails the build)
#   bash tools/build.sh serve     preview at http://127.0.0.1:8000, rebuilding on every change
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
export NO_MKDOCS_2_WARNING=1
if [ "${1:-build}" = "serve" ]; then
  exec .venv/bin/mkdocs serve --strict
fi
.venv/bin/mkdocs build --strict
