#!/usr/bin/env bash
# Set up the project's Python environment (.venv) with the pinned packages, every file checked
# against its sha256 in requirements.lock (pip --require-hashes). Safe to run again: it only
# installs what is missing or changed. To change a package: edit requirements.txt, then run
# .venv/bin/python tools/lock.py (it rewrites constraints.txt and the lock files).
#   PYTHON=/path/to/python3.11 bash tools/setup.sh    use that Python to make .venv
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}

# 3.11.5 at least: pymdown-extensions 13 and soupsieve 4 need it (Debian 12's python3.11 is 3.11.2).
new_enough() {  # prints the version of Python $1; fails when it is older than 3.11.5
  "$1" -c 'import sys; print(sys.version.split()[0]); sys.exit(sys.version_info < (3, 11, 5))'
}
install_hint="Install Python 3.11.5 or newer (from python.org, your system's packages where they are that new, pyenv, or macOS: brew install python@3.11), then run again with PYTHON=/path/to/python3.11 if it is not your python3."
if ! command -v "$PYTHON" >/dev/null 2>&1; then
  echo "This project needs Python 3.11 or newer; there is no '$PYTHON' here. $install_hint" >&2
  exit 1
fi
if ! version=$(new_enough "$PYTHON"); then
  echo "This project needs Python 3.11 or newer (3.11.5 at least); you have $version ($PYTHON). $install_hint" >&2
  exit 1
fi
if [ -x .venv/bin/python ] && ! venv_version=$(new_enough .venv/bin/python); then
  echo "This project needs Python 3.11 or newer (3.11.5 at least); .venv was made with Python $venv_version. Delete it (rm -rf .venv) and run this again." >&2
  exit 1
fi

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
pip=(.venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes)
# setuptools first, hash-checked, to build the one package PyPI has only as source (sgmllib3k)
# without pip fetching unchecked build tools of its own.
"${pip[@]}" --no-deps -r build-requirements.lock
"${pip[@]}" --no-build-isolation -r requirements.lock
