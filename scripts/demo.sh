#!/usr/bin/env bash
# Install kinchain and run the main job on the bundled demo client.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh
.venv/bin/kinchain demo
