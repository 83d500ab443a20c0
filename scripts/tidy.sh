#!/usr/bin/env bash
# Runs clang-tidy-19 (with the root .clang-tidy) over coldstart's own sources, using the flags
# in build/compile_commands.json, and fails when it reports anything: the code is kept clean.
# Usage: scripts/tidy.sh [FILE...]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
[ -f "$BUILD_DIR/compile_commands.json" ] || bash scripts/build.sh
if [ $# -eq 0 ]; then
  mapfile -t files < <(git ls-files --cached --others --exclude-standard 'analyzer/*.cpp' \
    'archive/*.cpp' 'cli/*.cpp' 'estimate/*.cpp' 'lief-inspect/*.cpp' 'measure/*.cpp' \
    'report/*.cpp' 'rules/*.cpp' | sort -u | while read -r f; do [ -f "$f" ] && echo "$f"; done)
else
  files=("$@")
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
run-clang-tidy-19 -quiet -p "$BUILD_DIR" -j "$(nproc)" "${files[@]}" >"$out" 2>&1 || true
if grep -E '^[^ ]+:[0-9]+:[0-9]+: (warning|error):' "$out" | sort -u; then
  echo "clang-tidy: the warnings above are in coldstart's own sources" >&2
  exit 1
fi
if grep -q 'clang-tidy-19 .* failed\|^Error while processing' "$out"; then
  cat "$out" >&2
  exit 1
fi
echo "clang-tidy: ${#files[@]} files clean"
