#!/usr/bin/env bash
# The README's first command: set up a fresh machine, build, and run coldstart on the bundled
# example (fixtures/example): lint a handler source, inspect and measure a deployment zip.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
BUILD_DIR=${BUILD_DIR:-build}
CS="$BUILD_DIR/bin/coldstart"
set +e
echo "== coldstart lint fixtures/example/handler.cpp"
"$CS" lint fixtures/example/handler.cpp -- -std=c++17 -Ifixtures/lint/include
echo
echo "== coldstart inspect $BUILD_DIR/fixtures/example/function.zip --runtime provided.al2023" \
  "--source fixtures/example/handler.cpp"
"$CS" inspect "$BUILD_DIR/fixtures/example/function.zip" --runtime provided.al2023 \
  --source fixtures/example/handler.cpp -- -std=c++17 -Ifixtures/lint/include
echo
echo "== coldstart measure (runs the example's own bootstrap on this machine)"
"$CS" measure --cold 5 --warm 10 --handler echo "$BUILD_DIR/fixtures/example/function.zip"
exit 0
