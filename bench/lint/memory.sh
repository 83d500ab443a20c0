#!/usr/bin/env bash
# Peak memory of `coldstart lint` against the number of translation units, on a generated
# program: N units that each include one shared non-system header of inline functions (as real
# code includes its SDK's headers with -I) and build an SDK client configuration (coldstart's
# bundled declaration); main's handler calls every unit. The summaries of the shared header are
# the same in every unit, so a run that keeps one summary per unit grows with N times the
# header while one that merges them grows with the program's distinct code only.
#
# Usage: bench/lint/memory.sh [BUILD_DIR] [N...]     (default: build 250 1000 2000)
# For each N: coldstart lint -p DB --jobs 2 with a fresh index, and (up to 250 units) clang-tidy-19
# with one stock check over the same units (one process) as the peer; wall time and peak RSS
# (/usr/bin/time -v).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
shift || true
sizes=("$@")
(( ${#sizes[@]} > 0 )) || sizes=(250 1000 2000)
coldstart="$build/bin/coldstart"
[[ -x $coldstart ]] || { echo "no $coldstart: build it first" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

generate() { # N DIR
  python3 - "$1" "$2" <<'PY'
import json, os, sys
n, out = int(sys.argv[1]), sys.argv[2]
os.makedirs(f"{out}/include/sdk", exist_ok=True)
os.makedirs(f"{out}/src", exist_ok=True)
os.makedirs(f"{out}/build", exist_ok=True)
# The shared header: 400 inline functions that build strings and call each other.
with open(f"{out}/include/sdk/sdk.h", "w") as f:
    f.write("#pragma once\n#include <string>\nnamespace sdk {\n")
    for i in range(400):
        f.write(f"inline std::string op{i}(const std::string &s) {{ std::string t(s); "
                f"t += \"{i}\"; return t + s; }}\n")
    for i in range(1, 400):
        f.write(f"inline std::string chain{i}(const std::string &s) {{ return op{i}(op{i-1}(s)); }}\n")
    f.write("}\n")
with open(f"{out}/include/units.h", "w") as f:
    f.write("#pragma once\n#include <string>\n")
    for i in range(n):
        f.write(f"std::string unit{i}(const std::string &s);\n")
for i in range(n):
    with open(f"{out}/src/unit{i}.cpp", "w") as f:
        f.write('#include "units.h"\n#include <sdk/sdk.h>\n'
                '#include <aws/core/client/ClientConfiguration.h>\n')
        f.write(f"std::string unit{i}(const std::string &s) {{\n"
                f"  Aws::Client::ClientConfiguration config;\n"
                f"  return sdk::chain{(i % 399) + 1}(s);\n}}\n")
# The handler calls every unit: each finding's chain is two steps long, so the report grows
# with N (a chain through all units would make it grow with N squared).
with open(f"{out}/src/main.cpp", "w") as f:
    f.write('#include "units.h"\n#include <aws/lambda-runtime/runtime.h>\n'
            "using namespace aws::lambda_runtime;\n"
            "static std::string dispatch(const std::string &s) {\n  std::string out;\n")
    for i in range(n):
        f.write(f"  out += unit{i}(s);\n")
    f.write("  return out;\n}\n"
            "int main() { run_handler([](invocation_request const &r) { "
            "return invocation_response::success(dispatch(r.payload), \"text/plain\"); }); }\n")
files = [f"{out}/src/main.cpp"] + [f"{out}/src/unit{i}.cpp" for i in range(n)]
json.dump([{"directory": f"{out}/build", "file": p,
            "arguments": ["clang++-19", "-std=c++17", f"-I{out}/include", "-c", p, "-o", "x.o"]}
           for p in files], open(f"{out}/build/compile_commands.json", "w"))
PY
}

measure() { # NAME CMD...
  local name=$1; shift
  /usr/bin/time -v -o "$work/time" "$@" > "$work/out" 2> "$work/err" || true
  local wall kib
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(j=1;j<=n;j++) s=s*60+t[j]; print s}' "$work/time")
  kib=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time")
  printf '%-42s %8.1f s %9.1f MiB\n' "$name" "$wall" "$(awk -v k="$kib" 'BEGIN{print k/1024}')"
}

printf '%-42s %10s %13s\n' run wall "peak RSS"
for n in "${sizes[@]}"; do
  dir="$work/n$n"
  generate "$n" "$dir"
  measure "coldstart lint, $((n + 1)) units, --jobs 2" \
    "$coldstart" lint -p "$dir/build" --format json --jobs 2
  findings=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$work/out" 2>/dev/null || echo "?")
  echo "  ($findings findings: the client configuration each of the $n units builds, called from the handler)"
  # The peer runs single-threaded over every unit; past a few hundred units it only adds time.
  if (( n <= 250 )); then
    measure "clang-tidy-19 (1 check), $((n + 1)) units" \
      clang-tidy-19 -p "$dir/build" --quiet --checks='-*,misc-definitions-in-headers' \
      "$dir"/src/*.cpp
  fi
  rm -rf "$dir"
done
