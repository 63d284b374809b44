#!/usr/bin/env bash
# Install kinchain into ./.venv (idempotent). With --dev, also the test tools and, for the
# end-to-end report tests, Debian's chromium and poppler-utils, and for the storage tests
# PostgreSQL's server (the tests start their own throw-away cluster; needs root or sudo).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.kinchain-installed
extras=""
[ "${1:-}" = "--dev" ] && extras="[dev]"
want="$(sha1sum pyproject.toml | cut -c1-12)$extras"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".$extras"
  echo "$want" > "$stamp"
else
  # the project itself may have moved (fresh clone): keep the editable install pointing here
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e . >/dev/null
fi
if [ "${1:-}" = "--dev" ]; then
  missing=""
  command -v chromium >/dev/null || missing="$missing chromium"
  command -v pdfinfo >/dev/null || missing="$missing poppler-utils"
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$missing postgresql"
  if [ -n "$missing" ]; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "Installing Debian packages$missing for the end-to-end and storage tests..."
    $sudo apt-get update -qq >/dev/null
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
      $missing >/dev/null
  fi
fi
