#!/usr/bin/env bash
# A pull request's check, as the pull request workflow runs it, on your computer: set up, then
# run python -m hooks.pull_request in this checkout of the pull request's branch.
#   bash tools/pull-request.sh --base origin/main             check; record the Welsh revised
#                                                             (or acknowledged) in the branch
#   bash tools/pull-request.sh --base origin/main --commit    ... and commit the record
# Options: --base REV (required), --comment FILE (the pull request's comment, Markdown; a
# FILE relative to the repository's folder), --commit, --preview-url URL, --fork.
# Exit status: 0 the pull request can be merged, 1 it cannot yet, 2 a usage error.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/python -m hooks.pull_request "$@"
