#!/usr/bin/env bash
# Runs clang-tidy-19 (with the root .clang-tidy) over coldstart's own sources, using the flags
# in build/compile_commands.json. Usage: scripts/tidy.sh [FILE...]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
[ -f "$BUILD_DIR/compile_commands.json" ] || bash scripts/build.sh
if [ $# -eq 0 ]; then
  mapfile -t files < <(git ls-files 'analyzer/*.cpp' 'cli/*.cpp' 'lief-inspect/*.cpp' \
    'measure/*.cpp' 'report/*.cpp' 'rules/*.cpp')
else
  files=("$@")
fi
run-clang-tidy-19 -quiet -p "$BUILD_DIR" -j "$(nproc)" "${files[@]}"
