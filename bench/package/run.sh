#!/usr/bin/env bash
# Times `coldstart inspect --format json` on a ~200 MB deployment package against `unzip -t` of
# the same archive (which also decompresses and checks every entry), with peak RSS from
# /usr/bin/time -v, medians of RUNS runs (default 3), and the ratios. The package: 20,000 small
# text files (deterministic pseudo-random, ~3.5 KB each, in 200 folders) plus large ELF
# libraries from this machine (libLLVM-19, libLIEF, libstdc++), zipped with `zip -r`.
# Targets: no slower than `unzip -t`; peak memory under 2x the largest member.
#
#   bench/package/run.sh [BUILD_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=bench/lib.sh
source "$here/../lib.sh"
build=${1:-}
build=$(bench_build "$build" "$root/build-package" "$root/build")
coldstart="$build/bin/coldstart"
runs=${RUNS:-3}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pkg="$work/pkg"
mkdir -p "$pkg/lib"
libs=(/usr/lib/x86_64-linux-gnu/libLLVM.so.19.1 /usr/lib/x86_64-linux-gnu/libLIEF.so.0.9.0
      /usr/lib/x86_64-linux-gnu/libstdc++.so.6)
for l in "${libs[@]}"; do cp -L "$l" "$pkg/lib/"; done
awk -v dir="$pkg/node_modules" 'BEGIN {
  srand(1);
  for (d = 0; d < 200; d++) {
    system("mkdir -p " dir "/p" d);
    for (f = 0; f < 100; f++) {
      file = dir "/p" d "/f" f ".js";
      n = 30 + int(rand() * 20);
      for (i = 0; i < n; i++) {
        line = "";
        for (w = 0; w < 8; w++) line = line sprintf("%x", int(rand() * 2^31)) " ";
        print "const v" i " = \"" line "\";" > file;
      }
      close(file);
    }
  }
}'
(cd "$pkg" && zip -q -r -y "$work/pkg.zip" .)
zip_bytes=$(stat -c %s "$work/pkg.zip")
unzipped=$(du -sb --apparent-size "$pkg" | cut -f1)
largest=$(find "$pkg" -type f -printf '%s\n' | sort -n | tail -1)
files=$(find "$pkg" -type f | wc -l)
rm -rf "$pkg"

measure() { bench_measure "$work" "$runs" "$@"; }

printf 'package: %d files, %.1f MB unzipped, %.1f MB zipped, largest member %.1f MB\n' \
  "$files" "$(awk -v b="$unzipped" 'BEGIN {print b / 1e6}')" \
  "$(awk -v b="$zip_bytes" 'BEGIN {print b / 1e6}')" "$(awk -v b="$largest" 'BEGIN {print b / 1e6}')"
read -r bw br < <(measure "$coldstart" --version)
read -r cw cr < <(measure "$coldstart" inspect --format json "$work/pkg.zip")
read -r uw ur < <(measure unzip -tq "$work/pkg.zip")
printf '%-34s %8s %10s\n' tool "wall s" "peak MiB"
printf '%-34s %8.3f %10.1f\n' "coldstart --version (baseline)" "$bw" "$(awk -v r="$br" 'BEGIN {print r / 1024}')"
printf '%-34s %8.3f %10.1f\n' "coldstart inspect --format json" "$cw" "$(awk -v r="$cr" 'BEGIN {print r / 1024}')"
printf '%-34s %8.3f %10.1f\n' "unzip -tq" "$uw" "$(awk -v r="$ur" 'BEGIN {print r / 1024}')"
printf 'time coldstart / unzip -t: %.2f (target <= 1)\n' "$(awk -v a="$cw" -v b="$uw" 'BEGIN {print a / b}')"
printf 'peak RSS / largest member: %.2f (target < 2)\n' \
  "$(awk -v r="$cr" -v l="$largest" 'BEGIN {print r * 1024 / l}')"
