#!/usr/bin/env bash
# Mutation testing of kinchain's safety rules with cosmic-ray (PyPI), by hand, not in CI.
#
#   bench/mutation/run.sh [MODULE_SUBSTRING]     e.g. bench/mutation/run.sh safety
#
# Each module in targets.txt is mutated in a scratch clone of the committed tree (cosmic-ray edits
# files in place, so the working tree is never touched) and only that module's own tests run
# against each mutant. Operators that cannot change a decision in this code (bitwise operators,
# powers, `is` comparisons, decorators removal, variable insertion) are filtered out, so the
# score speaks of comparisons, boundaries, boolean logic, numbers and loops.
# Prints one line per module: killed / total, survived, and every survivor.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
venv="$root/.venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "cosmic-ray>=8.3,<9"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
git -C "$root" clone -q "$root" "$scratch/k"
cd "$scratch/k"
export PYTHONPATH="$scratch/k/src" NUMBA_CACHE_DIR="$scratch/numba"
pattern=${1:-}
out=${MUTATION_OUT:-/tmp/kinchain-mutation}  # sessions kept here, to read again with summary.py
mkdir -p "$out"
grep -v '^#' "$here/targets.txt" | grep -v '^$' | while read -r module tests; do
  [ -n "$pattern" ] && [[ "$module" != *"$pattern"* ]] && continue
  name=$(basename "$module" .py)
  cfg="$out/$name.toml"; db="$out/$name.sqlite"; rm -f "$db"
  cat > "$cfg" <<TOML
[cosmic-ray]
module-path = "src/$module"
timeout = 60.0
excluded-modules = []
test-command = "$venv/bin/python -m pytest -x -q -p no:cacheprovider -p no:randomly --no-header -o addopts= $tests"

[cosmic-ray.distributor]
name = "local"

[cosmic-ray.filters.operators-filter]
exclude-operators = [
  "core/ReplaceBinaryOperator_.*_(BitOr|BitAnd|BitXor|LShift|RShift|Pow|Mod|FloorDiv)",
  "core/ReplaceBinaryOperator_(BitOr|BitAnd|BitXor|LShift|RShift|Pow|Mod|FloorDiv)_.*",
  "core/ReplaceComparisonOperator_.*_(Is|IsNot)",
  "core/ReplaceComparisonOperator_(Is|IsNot)_.*",
  "core/ReplaceUnaryOperator_.*",
  "core/RemoveDecorator",
  "core/VariableInserter",
  "core/VariableReplacer",
  "core/ExceptionReplacer",
]
TOML
  "$venv/bin/cosmic-ray" init "$cfg" "$db" >/dev/null
  "$venv/bin/cr-filter-operators" "$db" "$cfg" >/dev/null
  "$venv/bin/cosmic-ray" exec "$cfg" "$db" >/dev/null 2>&1
  git checkout -q -- src  # in case a worker was killed mid-mutation
  "$venv/bin/python" "$here/summary.py" "$module" "$db"
done
