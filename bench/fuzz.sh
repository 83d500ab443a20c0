#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, -DCOLDSTART_FUZZ=ON with clang++-19, ASan+UBSan) in
# build-fuzz/ and runs each for SECONDS, one process at a time at the lowest priority, then
# prints the executions and the crashes (crash-, timeout-, oom- and leak- inputs) per target.
#
#   bench/fuzz.sh TARGET SECONDS    TARGET: elf archive rules runtime-manifest compdb
#   bench/fuzz.sh all SECONDS       every target, SECONDS each
#
# The corpus of each target grows in build-fuzz/corpus/<target> from run to run; its seeds are
# the fixtures (ELF files and zips built from them, the bundled rule set and runtime manifests)
# and the small hand-made inputs in fuzz/corpus/<target>/. Inputs that crashed a target land in
# build-fuzz/artifacts/<target>/: reproduce one with build-fuzz/bin/fuzz-<target> FILE, fix the
# reader, and copy the input to fuzz/regressions/<target>/ so the test suite replays it.
# Every run appends "date target seconds executions crashes" to build-fuzz/fuzz-runs.tsv.
# FUZZ_BUILD_DIR overrides build-fuzz; FUZZ_NO_BUILD=1 skips the build step.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
ALL=(elf archive rules runtime-manifest compdb)
if [ $# -ne 2 ] || ! [[ $2 =~ ^[0-9]+$ ]]; then
  echo "usage: bench/fuzz.sh TARGET|all SECONDS (targets: ${ALL[*]})" >&2
  exit 2
fi
if [ "$1" = all ]; then TARGETS=("${ALL[@]}"); else TARGETS=("$1"); fi
for t in "${TARGETS[@]}"; do
  if ! printf '%s\n' "${ALL[@]}" | grep -qx "$t"; then
    echo "bench/fuzz.sh: unknown target '$t' (targets: ${ALL[*]})" >&2
    exit 2
  fi
done
SECONDS_EACH=$2
B=${FUZZ_BUILD_DIR:-$ROOT/build-fuzz}

if ! ls /usr/lib/llvm-19/lib/clang/19/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1 &&
   ! ls /usr/lib/llvm-19/lib/clang/19/lib/linux/libclang_rt.fuzzer-aarch64.a >/dev/null 2>&1; then
  bash scripts/setup.sh # libclang-rt-19-dev holds libFuzzer
fi
if [ ! -f "$B/build.ninja" ]; then
  # -O1 without NDEBUG: LLVM's and our assertions are on, as sanitizers want.
  cmake -S . -B "$B" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g" \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
    -DCOLDSTART_FUZZ=ON -DCOLDSTART_BUILD_TESTS=OFF >/dev/null
fi
BUILD_TARGETS=(elf_fixtures)
for t in "${TARGETS[@]}"; do BUILD_TARGETS+=("fuzz-$t"); done
# FUZZ_NO_BUILD=1 runs what is built (while another build uses the folder).
if [ -z "${FUZZ_NO_BUILD:-}" ]; then
  nice -n 19 cmake --build "$B" --target "${BUILD_TARGETS[@]}"
fi

seed() { # seed TARGET DIR: the fixture seeds of a target
  local t=$1 d=$2
  mkdir -p "$d"
  case $t in
    elf)
      find "$B/fixtures/elf" -type f -size -2M -exec sh -c \
        'head -c 4 "$1" | grep -q ELF && cp "$1" "$2/$(echo "$1" | tr / _)"' _ {} "$d" \; ;;
    archive)
      if command -v zip >/dev/null; then
        (cd "$B/fixtures/elf" && rm -f "$d/fixtures.zip" &&
         zip -q -r "$d/fixtures.zip" ctors-lld-stripped origin missing)
        (cd "$B/fixtures/elf" && rm -f "$d/stored.zip" &&
         zip -q -0 "$d/stored.zip" ctors-lld-nosections)
      fi ;;
    rules) cp rules/default.yaml "$d/" ;;
    runtime-manifest) cp rules/runtimes/*.yaml "$d/" ;;
    compdb) ;;
  esac
  if [ -d "fuzz/corpus/$t" ]; then cp fuzz/corpus/"$t"/* "$d/" 2>/dev/null || true; fi
}

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
SUMMARY=()
for t in "${TARGETS[@]}"; do
  Corpus=$B/corpus/$t Seeds=$B/seeds/$t Art=$B/artifacts/$t Work=$B/work/$t
  mkdir -p "$Corpus" "$Art" "$Work"
  rm -rf "$Seeds"
  seed "$t" "$Seeds"
  find "$Art" -type f | sort >"$Work/before.txt"
  rm -f "$Work"/fuzz-*.log
  echo "fuzz-$t: ${SECONDS_EACH}s, corpus $Corpus ($(find "$Corpus" -type f | wc -l) inputs)" >&2
  # One job in one worker process; libFuzzer writes its log to fuzz-0.log in the working folder.
  started=$(date +%s)
  (cd "$Work" && nice -n 19 "$B/bin/fuzz-$t" -jobs=1 -workers=1 \
     -max_total_time="$SECONDS_EACH" -timeout=30 -rss_limit_mb=2048 -max_len=1048576 \
     -print_final_stats=1 -artifact_prefix="$Art/" "$Corpus" "$Seeds" >/dev/null 2>&1) || true
  elapsed=$(($(date +%s) - started)) # less than SECONDS when the run stopped at a crash
  Log=$Work/fuzz-0.log
  execs=$(grep -ho 'stat::number_of_executed_units: [0-9]*' "$Log" 2>/dev/null |
          awk '{s += $2} END {print s + 0}')
  find "$Art" -type f | sort >"$Work/after.txt"
  crashes=$(comm -13 "$Work/before.txt" "$Work/after.txt" | wc -l)
  printf '%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$t" "$elapsed" "$execs" "$crashes" \
    >>"$B/fuzz-runs.tsv"
  SUMMARY+=("$(printf '%-17s %10s executions in %5ss, %s crashes' "$t" "$execs" \
    "$elapsed" "$crashes")")
  if [ "$crashes" -gt 0 ]; then
    comm -13 "$Work/before.txt" "$Work/after.txt" | sed 's/^/    new: /' | head -n 5 >&2
    grep -m1 -A3 -E 'ERROR: (AddressSanitizer|libFuzzer|LeakSanitizer)|runtime error|invariant' \
      "$Log" | sed 's/^/    /' >&2 || true
  fi
done
printf '%s\n' "${SUMMARY[@]}"
