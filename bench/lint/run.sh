#!/usr/bin/env bash
# Times `coldstart lint` against its peers on the same translation units, in one run:
#   1. clang-19 -fsyntax-only, one process per TU (the parse floor: coldstart cannot be faster
#      than parsing),
#   2. clang-tidy-19 with one stock check (misc-definitions-in-headers),
#   3. coldstart lint --jobs 1, and --jobs 2.
# Wall time and peak RSS come from /usr/bin/time -v. Prints a table and the ratios.
#
# Usage: bench/lint/run.sh [BUILD_DIR] [FILE_REGEX] [REPEAT]
#   BUILD_DIR   holds compile_commands.json and bin/coldstart (default: build)
#   FILE_REGEX  selects TUs from the database (default: coldstart's own LLVM-heavy sources)
#   REPEAT      runs of each tool; the best wall time is kept (default: 3)
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
regex=${2:-'/(analyzer/src|cli|report/src)/[^/]*\.cpp$'}
repeat=${3:-3}
coldstart="$build/bin/coldstart"
db="$build/compile_commands.json"
[[ -x $coldstart ]] || { echo "no $coldstart: build it first" >&2; exit 2; }
[[ -f $db ]] || { echo "no $db" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The selected entries, and a script that runs clang-19 -fsyntax-only on each with its own
# flags, in its own directory.
python3 "$root/bench/lint/units.py" "$db" "$regex" "$work"
mapfile -t files < "$work/files"
echo "${#files[@]} translation units from $db matching $regex"
(( ${#files[@]} > 0 )) || exit 2

# best-of-N wall seconds and the peak RSS (KiB) of that run
measure() {
  local name=$1; shift
  local best="" rss=""
  for ((i = 0; i < repeat; i++)); do
    /usr/bin/time -v -o "$work/time" "$@" > "$work/out" 2> "$work/err" || true
    local wall kib
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(j=1;j<=n;j++) s=s*60+t[j]; print s}' "$work/time")
    kib=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time")
    if [[ -z $best ]] || awk -v a="$wall" -v b="$best" 'BEGIN{exit !(a<b)}'; then
      best=$wall; rss=$kib
    fi
  done
  printf '%-34s %8.2f s %9.1f MiB\n' "$name" "$best" "$(awk -v k="$rss" 'BEGIN{print k/1024}')"
  results+=("$name|$best|$rss")
}

results=()
printf '%-34s %10s %13s\n' tool wall "peak RSS"
measure "clang-19 -fsyntax-only (floor)" bash "$work/floor.sh"
measure "clang-tidy-19 (1 check)" clang-tidy-19 -p "$build" --quiet \
  --checks='-*,misc-definitions-in-headers' "${files[@]}"
# --no-index: these files alone, as the peers see them (with the index, a run over some files
# also joins every other unit of the database; bench/lint/index.sh times that).
measure "coldstart lint --jobs 1" "$coldstart" lint -p "$build" --no-index --format json \
  --jobs 1 "${files[@]}"
measure "coldstart lint --jobs 2" "$coldstart" lint -p "$build" --no-index --format json \
  --jobs 2 "${files[@]}"

IFS='|' read -r _ floor_wall floor_rss <<< "${results[0]}"
IFS='|' read -r _ tidy_wall tidy_rss <<< "${results[1]}"
IFS='|' read -r _ j1_wall j1_rss <<< "${results[2]}"
IFS='|' read -r _ j2_wall _ <<< "${results[3]}"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2fx", a/b}'; }
echo
echo "coldstart --jobs 1 / parse floor: time $(ratio "$j1_wall" "$floor_wall"), peak RSS $(ratio "$j1_rss" "$floor_rss")"
echo "coldstart --jobs 1 / clang-tidy:  time $(ratio "$j1_wall" "$tidy_wall"), peak RSS $(ratio "$j1_rss" "$tidy_rss")"
echo "speed-up --jobs 2 over --jobs 1:  $(ratio "$j1_wall" "$j2_wall")"
