#!/usr/bin/env bash
# Refresh requirements/lock.txt: every package the app, the tests and the bundle build need, at
# exact versions, with the sha256 of each file, for every platform (Linux, Windows, macOS) and
# every Python from 3.11. `./run` and `.ci/run` install from it with `pip install --require-hashes`.
#
#   tools/lock.sh                     re-resolve after a change to pyproject.toml's dependencies
#   tools/lock.sh --upgrade           move everything to the newest versions pyproject.toml allows
#   tools/lock.sh --upgrade-package ruff   move one package
#
# The resolver (uv, pinned below) lives in its own environment, .venv-lock/, not in the app's.
set -euo pipefail
cd "$(dirname "$0")/.."
UV_VERSION=0.13.9
tools=.venv-lock
if [ ! -x "$tools/bin/uv" ] || [ "$("$tools/bin/uv" --version | cut -d' ' -f2)" != "$UV_VERSION" ]; then
  "${PYTHON:-python3}" -m venv "$tools"
  "$tools/bin/python" -m pip install --disable-pip-version-check -q "uv==$UV_VERSION"
fi
"$tools/bin/uv" pip compile pyproject.toml requirements/build-backend.in \
  --extra test --extra build --universal --python-version 3.11 --generate-hashes \
  --custom-compile-command tools/lock.sh --quiet -o requirements/lock.txt "$@"
echo "requirements/lock.txt: $(grep -c '^[a-z]' requirements/lock.txt) packages"
