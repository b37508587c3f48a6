#!/usr/bin/env bash
# Set up and build the site into site/ (English at /, Welsh at /cy/).
#   bash tools/build.sh           build once, strictly (any warning fails the build), both
#                                 languages at once; a failed build leaves the old site/ as it was
#   bash tools/build.sh serve     preview at http://127.0.0.1:8000, rebuilding on every change
# Extra options go to the build: bash tools/build.sh --site-dir DIR (a new or empty folder, or a site built before)
#   bash tools/build.sh --preview   a pull request's preview (as PLAN_SITE_PREVIEW=1): built even with
#                                 content problems (listed on the pages and on draft-problems.html),
#                                 a banner in both languages saying it is not published, noindex;
#                                 set SITE_URL to the preview's address
#   bash tools/build.sh --nojekyll  also write .nojekyll (GitHub Pages served from a branch: no Jekyll)
#   bash tools/build.sh --engine properdocs        build with ProperDocs, the fallback engine, instead
#   bash tools/build.sh serve --engine properdocs  of MkDocs: the same site (docs/engine.md)
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
# Material for MkDocs prints a notice of its end of life (5 May 2027) to builds started by the
# command mkdocs; docs/engine.md says what it means for this site, and the hooks say it to anyone
# who runs mkdocs directly (hooks/engine.py, engine_notice).
export NO_MKDOCS_2_WARNING=1
if [ "${1:-build}" = "serve" ]; then
  shift
  engine=mkdocs
  if [ "${1:-}" = "--engine" ]; then
    engine=${2:?"--engine needs a name: mkdocs or properdocs"}
    shift 2
  fi
  case "$engine" in
    mkdocs) exec .venv/bin/mkdocs serve --strict "$@" ;;
    properdocs) exec .venv/bin/properdocs serve --strict -f mkdocs.yml "$@" ;;
    *) echo "Unknown engine '$engine': use mkdocs or properdocs. / Peiriant anhysbys '$engine': defnyddiwch mkdocs neu properdocs." >&2; exit 2 ;;
  esac
fi
if [ "${1:-}" = "build" ]; then
  shift
fi
exec .venv/bin/python -m hooks.build "$@"
