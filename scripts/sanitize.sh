#!/usr/bin/env bash
# The test suite under AddressSanitizer and UndefinedBehaviorSanitizer: everything built with
# -DCOLDSTART_SANITIZE=ON in build-asan/ (or $BUILD_DIR), then CTest with sanitizer reports
# made fatal. LLVM, Clang, LIEF and the other system libraries are not instrumented; ASan still
# checks every access our code makes into their memory.
#
#   bash scripts/sanitize.sh            the whole suite (over an hour on 2 cores)
#   bash scripts/sanitize.sh --readers  only the fuzz targets' replay programs (rules, runtime
#                                       manifests, ELF, archives) over fuzz/regressions and the
#                                       hand-made corpora: minutes, what .ci/run does
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
B=${BUILD_DIR:-build-asan}
if [ ! -f "$B/build.ninja" ]; then
  cmake -S . -B "$B" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCOLDSTART_SANITIZE=ON
fi
# halt_on_error: a UBSan report fails the test instead of scrolling by. detect_leaks stays on
# for our code; suppressions name the few leaks that belong to the libraries (see the file).
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/scripts/sanitize.supp:print_suppressions=0}

if [ "${1:-}" = --readers ]; then
  READERS=(elf archive rules runtime-manifest)
  cmake --build "$B" --target "${READERS[@]/#/replay-}"
  status=0
  for t in "${READERS[@]}"; do
    inputs=()
    for d in fuzz/regressions/"$t" fuzz/corpus/"$t"; do
      [ -d "$d" ] && inputs+=("$d")
    done
    if ! "$B/fuzz/replay-$t" "${inputs[@]}" 2>"$B/replay-$t.log"; then
      echo "sanitize: replay-$t failed:" >&2
      tail -n 40 "$B/replay-$t.log" >&2
      status=1
    else
      echo "sanitize: replay-$t: $(tail -n 1 "$B/replay-$t.log")"
    fi
  done
  exit $status
fi

cmake --build "$B"
# The clang-tidy plugin tests load libcoldstart-tidy.so into Debian's clang-tidy-19, which is
# not built with ASan and cannot load an instrumented shared object; the plugin's analysis is
# the library the lint suites run under the sanitizers here.
ctest --test-dir "$B" --output-on-failure -j "$(nproc)" --timeout 1800 -E '^TidyPlugin\.'
