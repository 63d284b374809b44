#!/usr/bin/env bash
# The whole test suite: lint, types, layering, then every test. Any failure fails the run;
# pytest's exit code 5 (no tests collected) is a failure too.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh --dev
export PATH="$PWD/.venv/bin:$PATH"
echo "== ruff"; ruff check src tests bench
echo "== mypy"; mypy
echo "== pytest"
set +e
pytest "$@"
rc=$?
set -e
if [ "$rc" -eq 5 ]; then echo "pytest collected no tests: that is a failure" >&2; exit 1; fi
exit "$rc"
