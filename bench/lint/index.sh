#!/usr/bin/env bash
# Times the summary index on the same translation units, in one run:
#   1. clang-19 -fsyntax-only, one process per TU (the parse floor),
#   2. coldstart lint -p DB with an empty index (parses every unit and writes the index),
#   3. the same again with nothing changed (reads the index: the target is at most 0.1x the
#      floor),
#   4. after one unit's source changed (that unit is parsed again, the others are read),
#   5. coldstart lint -p DB FILE for one file (parses FILE, joins the others from the index).
# Wall time and peak RSS from /usr/bin/time -v; prints a table and the ratios to the floor.
#
# Usage: bench/lint/index.sh [BUILD_DIR] [FILE_REGEX] [REPEAT]
#   BUILD_DIR   holds compile_commands.json and bin/coldstart (default: build)
#   FILE_REGEX  selects TUs from the database (default: coldstart's own LLVM-heavy sources)
#   REPEAT      runs of each repeatable measurement; medians are kept (default: 3)
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=../lib.sh
. "$root/bench/lib.sh"
build=$(cd "${1:-$root/build}" && pwd)
regex=${2:-'/(analyzer/src|cli|report/src)/[^/]*\.cpp$'}
repeat=${3:-3}
coldstart="$build/bin/coldstart"
db="$build/compile_commands.json"
[[ -x $coldstart ]] || { echo "no $coldstart: build it first" >&2; exit 2; }
[[ -f $db ]] || { echo "no $db" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A database of the selected entries only (its index lives in $work/db/.coldstart), and the
# floor script. The "changed" database points the first unit at a copy of its source in $work
# with a comment appended: different contents, the same includes (its original folder is added
# with -I, so its quoted includes resolve as before). Nothing is written to the source tree.
python3 "$root/bench/lint/units.py" "$db" "$regex" "$work" --database
mapfile -t files < "$work/files"
echo "${#files[@]} translation units from $db matching $regex"
(( ${#files[@]} > 0 )) || exit 2
changed="$work/$(basename "${files[0]}")"

# NAME RUNS CMD...: the medians of RUNS runs (bench/lib.sh), printed and kept in results.
step() {
  local name=$1 runs=$2 wall kib
  shift 2
  read -r wall kib < <(bench_measure "$work" "$runs" "$@")
  printf '%-44s %8.2f s %9.1f MiB\n' "$name" "$wall" "$(awk -v k="$kib" 'BEGIN{print k/1024}')"
  results+=("$name|$wall|$kib")
}

results=()
lint=("$coldstart" lint -p "$work/db" --format json --jobs 1)
printf '%-44s %10s %13s\n' step wall "peak RSS"
step "clang-19 -fsyntax-only (floor)" 1 bash "$work/floor.sh"
step "lint, empty index (parse all, write)" 1 "${lint[@]}"
step "lint, nothing changed (read all)" "$repeat" "${lint[@]}"
# One unit's contents change: the database now names the edited copy.
{ cat "${files[0]}"; echo "// edited by bench/lint/index.sh"; } > "$changed"
python3 - "$work/db/compile_commands.json" "${files[0]}" "$changed" <<'PY'
import json, os, shlex, sys
path, old, new = sys.argv[1:]
entries = json.load(open(path))
for e in entries:
    if e["file"] == old:
        args = e.get("arguments") or shlex.split(e.pop("command"))
        args = [new if a == old else a for a in args]
        e["arguments"] = args[:1] + ["-I" + os.path.dirname(old)] + args[1:]
        e["file"] = new
json.dump(entries, open(path, "w"), indent=1)
PY
step "lint, one unit changed (parse 1, read rest)" 1 "${lint[@]}"
step "lint FILE (parse FILE, read rest)" "$repeat" "${lint[@]}" "${files[1]:-$changed}"

IFS='|' read -r _ floor _ <<< "${results[0]}"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3fx", a/b}'; }
echo
for r in "${results[@]:1}"; do
  IFS='|' read -r name wall _ <<< "$r"
  printf '%-44s %s of the parse floor\n' "$name" "$(ratio "$wall" "$floor")"
done
