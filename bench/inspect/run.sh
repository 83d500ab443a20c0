#!/usr/bin/env bash
# Times `coldstart inspect --format json` against binutils `readelf -d -r -S --dyn-syms -V -n`
# (and a bare LIEF 0.9 full parse, the baseline) on the same files, in one run: wall time and
# peak RSS from /usr/bin/time -v, median of N runs, and the ratios to readelf.
#
#   bench/inspect/run.sh [BUILD_DIR] [FILE...]
#
# BUILD_DIR defaults to build-inspect (then build); files default to libstdc++, libLLVM-19 and
# cmake. Set RUNS to change the number of runs per tool (default 5).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=bench/lib.sh
source "$here/../lib.sh"
build=${1:-}
[ -n "$build" ] && shift
build=$(bench_build "$build" "$root/build-inspect" "$root/build")
coldstart="$build/bin/coldstart"
runs=${RUNS:-5}

files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  files=(/usr/lib/x86_64-linux-gnu/libstdc++.so.6 /usr/lib/x86_64-linux-gnu/libLLVM.so.19.1
         /usr/bin/cmake)
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
lief="$work/lief-full-parse"
if ! g++ -O2 -std=c++17 -w "$here/lief_full_parse.cpp" -lLIEF -o "$lief" 2>"$work/lief.log"; then
  echo "run.sh: could not build the LIEF baseline (liblief-dev); skipping it" >&2
  lief=""
fi

measure() { bench_measure "$work" "$runs" "$@"; }

read -r bw br < <(measure "$coldstart" --version)
printf 'coldstart process baseline (--version, shared LLVM/Clang libraries loaded): %.3f s, %.1f MiB\n' \
  "$bw" "$(awk -v r="$br" 'BEGIN {print r / 1024}')"
printf '%-28s %9s | %-9s %8s %9s | %8s %9s | %8s %9s | %7s %7s\n' file "size MiB" tool \
  "wall s" "peak MiB" "readelf" "" "LIEF" "" "t/rdelf" "m/size"
for f in "${files[@]}"; do
  [ -f "$f" ] || { echo "run.sh: skipping missing $f" >&2; continue; }
  size=$(stat -L -c %s "$f")
  read -r cw cr < <(measure "$coldstart" inspect --format json "$f")
  read -r rw rr < <(measure readelf -d -r -S --dyn-syms -V -n "$f")
  lw="-" lr="-"
  if [ -n "$lief" ]; then read -r lw lr < <(measure "$lief" "$f"); fi
  awk -v f="$(basename "$f")" -v size="$size" -v cw="$cw" -v cr="$cr" -v rw="$rw" -v rr="$rr" \
      -v lw="$lw" -v lr="$lr" 'BEGIN {
    mib = 1024 * 1024
    lrm = (lr == "-") ? "-" : sprintf("%.1f", lr / 1024)
    printf "%-28s %9.1f | %-9s %8.3f %9.1f | %8.3f %9.1f | %8s %9s | %7.2f %7.2f\n",
      f, size / mib, "coldstart", cw, cr / 1024, rw, rr / 1024, lw, lrm,
      (rw > 0 ? cw / rw : 0), (cr * 1024) / size
  }'
done
echo "The baseline is in every coldstart figure: what inspecting adds is peak minus baseline."
echo "t/rdelf: coldstart's wall time over readelf's (target <= 0.5);" \
     "m/size: coldstart's peak RSS over the file's size (target <= 1.0). Medians of $runs runs."
