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
build=${1:-}
[ -n "$build" ] && shift
if [ -z "$build" ]; then
  for b in "$root/build-inspect" "$root/build"; do
    if [ -x "$b/bin/coldstart" ]; then build=$b; break; fi
  done
fi
coldstart="$build/bin/coldstart"
[ -x "$coldstart" ] || { echo "run.sh: no coldstart binary in '$build'; build it first" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "run.sh: /usr/bin/time (package 'time') is needed" >&2; exit 2; }
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

# measure NAME CMD...: prints "wall_seconds peak_kib" (medians of $runs runs).
measure() {
  local walls=() rss=()
  for _ in $(seq "$runs"); do
    # Wall time from the shell's nanosecond clock (time -v rounds to 10 ms); peak RSS from
    # time -v.
    local t0 t1
    t0=$(date +%s%N)
    /usr/bin/time -v -o "$work/time" "$@" >/dev/null 2>"$work/err" || {
      echo "run.sh: '$*' failed:" >&2; cat "$work/err" >&2; return 1; }
    t1=$(date +%s%N)
    walls+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.4f", (b - a) / 1e9}')")
    rss+=("$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time")")
  done
  local w r
  w=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  r=$(printf '%s\n' "${rss[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$w $r"
}

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
