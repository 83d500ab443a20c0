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
#   REPEAT      runs of each unchanged-tree measurement; the best wall time is kept (default: 3)
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

# A database of the selected entries only (its index lives in $work/db/.coldstart), and the
# floor script. The "changed" database points the first unit at a copy of its source in $work
# with a comment appended: different contents, the same includes (its original folder is added
# with -I, so its quoted includes resolve as before). Nothing is written to the source tree.
python3 - "$db" "$regex" "$work" <<'PY'
import json, os, re, shlex, sys
db, regex, work = sys.argv[1:]
entries = [e for e in json.load(open(db)) if re.search(regex, e["file"])]
entries.sort(key=lambda e: e["file"])
os.makedirs(f"{work}/db")
json.dump(entries, open(f"{work}/db/compile_commands.json", "w"), indent=1)
with open(f"{work}/files", "w") as f:
    f.write("\n".join(e["file"] for e in entries) + "\n")
with open(f"{work}/floor.sh", "w") as f:
    f.write("set -e\n")
    for e in entries:
        args = e.get("arguments") or shlex.split(e["command"])
        out, skip = [], False
        for a in args[1:]:
            if skip:
                skip = False
                continue
            if a in ("-o", "-MF", "-MT", "-MQ"):
                skip = True
                continue
            if a in ("-c", "-MD", "-MMD"):
                continue
            out.append(a)
        f.write(f"cd {shlex.quote(e['directory'])} && clang-19 -fsyntax-only "
                + " ".join(shlex.quote(a) for a in out) + "\n")
first = entries[0]["file"]
changed = os.path.join(work, os.path.basename(first))
with open(f"{work}/changed-path", "w") as f:
    f.write(changed)
PY
mapfile -t files < "$work/files"
echo "${#files[@]} translation units from $db matching $regex"
(( ${#files[@]} > 0 )) || exit 2
changed=$(cat "$work/changed-path")

run_once() { # NAME CMD...: one timed run, appended to results
  local name=$1; shift
  /usr/bin/time -v -o "$work/time" "$@" > "$work/out" 2> "$work/err" || true
  local wall kib
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(j=1;j<=n;j++) s=s*60+t[j]; print s}' "$work/time")
  kib=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time")
  printf '%-44s %8.2f s %9.1f MiB\n' "$name" "$wall" "$(awk -v k="$kib" 'BEGIN{print k/1024}')"
  results+=("$name|$wall|$kib")
}
best_of() { # NAME CMD...: best of REPEAT runs
  local name=$1; shift
  local keep=("${results[@]}") best=""
  for ((i = 0; i < repeat; i++)); do
    results=()
    run_once "$name" "$@" > /dev/null
    IFS='|' read -r _ wall kib <<< "${results[0]}"
    if [[ -z $best ]] || awk -v a="$wall" -v b="$best" 'BEGIN{exit !(a<b)}'; then
      best=$wall; rss=$kib
    fi
  done
  results=("${keep[@]}" "$name|$best|$rss")
  printf '%-44s %8.2f s %9.1f MiB\n' "$name" "$best" "$(awk -v k="$rss" 'BEGIN{print k/1024}')"
}

results=()
lint=("$coldstart" lint -p "$work/db" --format json --jobs 1)
printf '%-44s %10s %13s\n' step wall "peak RSS"
run_once "clang-19 -fsyntax-only (floor)" bash "$work/floor.sh"
run_once "lint, empty index (parse all, write)" "${lint[@]}"
best_of "lint, nothing changed (read all)" "${lint[@]}"
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
run_once "lint, one unit changed (parse 1, read rest)" "${lint[@]}"
best_of "lint FILE (parse FILE, read rest)" "${lint[@]}" "${files[1]:-$changed}"

IFS='|' read -r _ floor _ <<< "${results[0]}"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3fx", a/b}'; }
echo
for r in "${results[@]:1}"; do
  IFS='|' read -r name wall _ <<< "$r"
  printf '%-44s %s of the parse floor\n' "$name" "$(ratio "$wall" "$floor")"
done
