#!/usr/bin/env bash
# Install kinchain into ./.venv (idempotent). With --dev, also the test tools and, for the
# end-to-end report tests, Debian's chromium and poppler-utils (needs root or sudo).
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
if [ "${1:-}" = "--dev" ] && { ! command -v chromium >/dev/null || ! command -v pdfinfo >/dev/null; }; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing Debian packages chromium and poppler-utils for the end-to-end tests..."
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    chromium poppler-utils >/dev/null
fi
