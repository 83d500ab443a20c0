#!/usr/bin/env bash
# Validation of the cold-start estimate against Lambda's own cold starts: maxday/lambda-perf's
# medians for a C++ function packaged with aws-lambda-cpp's packager and for Rust's native
# single-binary bootstrap, on provided.al2 and provided.al2023, x86_64, zip, at 128, 256, 512
# and 1024 MB. Builds the same two package shapes from bench/estimate/lambda_perf_function.cpp,
# estimates each at those sizes on both runtimes with `coldstart inspect --format json`, and
# prints each estimate beside the measured median, the median absolute percentage error
# (target <= 20%), and whether the estimate differs between two memory sizes by more than the
# measurements do (it must not). Needs no network: the measurements are pinned below.
#
# Usage: bench/estimate/lambda_perf.sh [BUILD_DIR]     (default: build; needs bin/coldstart)
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD_DIR=${1:-build}
COLDSTART="$BUILD_DIR/bin/coldstart"
CXX=${CXX:-g++}
[ -x "$COLDSTART" ] || { echo "lambda_perf.sh: no $COLDSTART; build the coldstart target first" >&2; exit 2; }
for tool in "$CXX" zip jq ldd dpkg-query; do
  command -v "$tool" >/dev/null || { echo "lambda_perf.sh: '$tool' is needed" >&2; exit 2; }
done
[ "$(uname -m)" = x86_64 ] || { echo "lambda_perf.sh: the pinned figures are x86_64's; run on x86_64" >&2; exit 2; }

# maxday/lambda-perf, data/2025/2025-12-21.json (the run of 2025-12-21, generated
# 2025-12-21T14:00:18Z; the newest day stored when this was written): the median of the ten
# init durations ("i") of each configuration, x86_64, zip. "cpp" is the entry
# cpp11_on_provided_<runtime> (C++ hello world built with aws-lambda-cpp and packaged by its
# packager: a bash bootstrap, a bundled ld-linux and glibc); "native" is
# rust_on_provided_<runtime> (Rust's single-binary bootstrap).
#   shape  runtime          128 MB   256 MB   512 MB   1024 MB
MEASURED="
cpp    provided.al2023  63.820   65.295   65.105   64.070
native provided.al2023  16.785   16.335   16.800   16.965
cpp    provided.al2     12.865   13.425   13.000   13.110
native provided.al2     15.775   15.570   16.140   15.745
"
SIZES=(128 256 512 1024)

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
SRC=bench/estimate/lambda_perf_function.cpp

# The native shape: one binary named bootstrap, linked against glibc only, as a Rust release
# build is (the C++ runtime linked in statically).
mkdir -p "$WORK/native"
"$CXX" -O2 -std=c++17 -static-libstdc++ -static-libgcc -o "$WORK/native/bootstrap" "$SRC"
(cd "$WORK/native" && zip -q -X -r "$WORK/native.zip" .)

# The packager's shape, as aws-lambda-cpp's packaging/packager builds it by default (glibc
# included): the program in bin/, every library ldd lists and this machine's glibc libraries
# in lib/ (the libc6 package's shared objects; its gconv modules are left out, a program loads
# them only for iconv), and a bash bootstrap that execs the bundled loader on the program.
mkdir -p "$WORK/cpp/bin" "$WORK/cpp/lib"
"$CXX" -O2 -std=c++17 -o "$WORK/cpp/bin/hello" "$SRC"
loader=
for lib in $(ldd "$WORK/cpp/bin/hello" | awk '{print $(NF-1)}'); do
  [ -f "$lib" ] || continue # linux-vdso.so.1
  cp "$lib" "$WORK/cpp/lib/"
  case ${lib##*/} in ld-*) loader=${lib##*/} ;; esac
done
[ -n "$loader" ] || { echo "lambda_perf.sh: ldd named no loader" >&2; exit 2; }
dpkg-query --listfiles "libc6:$(dpkg --print-architecture)" |
  grep -E '\.so$|\.so\.[0-9]+$' | grep -v /gconv/ | while read -r lib; do
    case ${lib##*/} in ld-*) continue ;; esac
    [ -e "$WORK/cpp/lib/${lib##*/}" ] || cp --no-dereference "$lib" "$WORK/cpp/lib/"
  done
cat >"$WORK/cpp/bootstrap" <<EOF
#!/bin/bash
set -euo pipefail
export AWS_EXECUTION_ENV=lambda-cpp
exec \$LAMBDA_TASK_ROOT/lib/$loader --library-path \$LAMBDA_TASK_ROOT/lib \$LAMBDA_TASK_ROOT/bin/hello \${_HANDLER}
EOF
chmod 755 "$WORK/cpp/bootstrap"
(cd "$WORK/cpp" && zip -q -X -y -r "$WORK/cpp.zip" .)

printf '%-7s %-16s %7s %10s %10s %8s\n' shape runtime "MB" "measured" "estimate" "error"
errors=()
worst_spread=ok
while read -r shape runtime m128 m256 m512 m1024; do
  [ -n "$shape" ] || continue
  measured=("$m128" "$m256" "$m512" "$m1024")
  estimates=()
  for i in "${!SIZES[@]}"; do
    mb=${SIZES[$i]}
    rc=0
    "$COLDSTART" inspect --format json --runtime "$runtime" --memory "$mb" \
      "$WORK/$shape.zip" >"$WORK/out.json" 2>"$WORK/err" || rc=$?
    if [ "$rc" -ge 2 ]; then
      echo "lambda_perf.sh: coldstart inspect failed on the $shape package:" >&2
      cat "$WORK/err" >&2
      exit 1
    fi
    est=$(jq -r '.estimate.cold_start_ms' "$WORK/out.json")
    estimates+=("$est")
    err=$(awk -v e="$est" -v m="${measured[$i]}" 'BEGIN {printf "%.1f", 100 * (e - m) / m}')
    errors+=("${err#-}")
    printf '%-7s %-16s %7s %10.2f %10.2f %7s%%\n' "$shape" "$runtime" "$mb" "${measured[$i]}" "$est" "$err"
  done
  # The largest relative difference between two memory sizes, estimated and measured.
  spread() { printf '%s\n' "$@" | sort -g | awk 'NR == 1 {lo = $1} {hi = $1} END {printf "%.1f", 100 * (hi - lo) / lo}'; }
  es=$(spread "${estimates[@]}")
  ms=$(spread "${measured[@]}")
  verdict=ok
  awk -v e="$es" -v m="$ms" 'BEGIN {exit !(e <= m)}' || { verdict=EXCEEDS; worst_spread=EXCEEDS; }
  printf '  largest difference between two sizes: estimate %s%%, measured %s%% (%s)\n' "$es" "$ms" "$verdict"
  if [ "$shape" = cpp ]; then
    jq -r '.estimate.parts[] | select(.name == "bootstrap") | .terms[] |
      "  bootstrap term: \(.ms) ms [\(.coefficient_key)]"' "$WORK/out.json"
  fi
done <<<"$MEASURED"

mape=$(printf '%s\n' "${errors[@]}" | sort -g | awk '{a[NR] = $1} END {
  if (NR % 2) printf "%.1f", a[(NR + 1) / 2]; else printf "%.1f", (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
max=$(printf '%s\n' "${errors[@]}" | sort -g | tail -n 1)
echo
echo "median absolute percentage error: $mape% over ${#errors[@]} pairs (target <= 20%); largest $max%"
echo "no two memory sizes differ more in the estimate than in the measurements: $worst_spread"
pass=$(awk -v m="$mape" 'BEGIN {print (m <= 20) ? "yes" : "no"}')
[ "$pass" = yes ] && [ "$worst_spread" = ok ] || exit 1
