#!/usr/bin/env bash
# Validation of the cold-start estimate: builds the calibration variants of
# fixtures/estimate (programs that differ only in libraries, relocations and static
# initializers), fits the coefficients on the odd-numbered half with `coldstart calibrate`,
# and reports on the even-numbered half the Spearman rank correlation between estimated and
# measured init and the median absolute error. Targets: Spearman >= 0.9, median error <= 20%.
#
# Usage: bench/estimate/run.sh [COLD_RUNS]     (run it on an otherwise idle machine)
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD_DIR=${BUILD_DIR:-build}
COLD=${1:-21}
bash scripts/build.sh >/dev/null
cmake --build "$BUILD_DIR" --target estimate_variants >/dev/null
V="$BUILD_DIR/fixtures/estimate"
fit=() holdout=()
for d in "$V"/v[0-9][0-9]; do
  n=${d##*/v}
  if (( 10#$n % 2 )); then fit+=("$d"); else holdout+=(--holdout "$d"); fi
done
"$BUILD_DIR/bin/coldstart" calibrate --cold "$COLD" --handler echo "${fit[@]}" "${holdout[@]}" \
  -o "$BUILD_DIR/calibrated-rules.yaml"
