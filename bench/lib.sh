# Shared by the bench scripts (source it): finding the build to time, and timing a command.
# Needs /usr/bin/time (Debian package 'time').

# bench_build EXPLICIT CANDIDATE...: EXPLICIT when given, else the first CANDIDATE folder that
# holds bin/coldstart. Exits 2 when there is none.
bench_build() {
  local explicit=$1 b
  shift
  if [ -z "$explicit" ]; then
    for b in "$@"; do
      if [ -x "$b/bin/coldstart" ]; then explicit=$b; break; fi
    done
  fi
  [ -x "$explicit/bin/coldstart" ] || {
    echo "$(basename "$0"): no coldstart binary in '$explicit'; build it first" >&2; exit 2; }
  [ -x /usr/bin/time ] || { echo "$(basename "$0"): /usr/bin/time (package 'time') is needed" >&2; exit 2; }
  echo "$explicit"
}

# bench_measure WORK RUNS CMD...: prints "wall_seconds peak_kib", the medians of RUNS runs of
# CMD. Wall time comes from the shell's nanosecond clock (time -v rounds to 10 ms), peak RSS
# from time -v. Exit status 1 counts as success (coldstart's "findings" status); 2 and above
# print the command's stderr and fail.
bench_measure() {
  local work=$1 runs=$2
  shift 2
  local walls=() rss=() t0 t1 rc
  for _ in $(seq "$runs"); do
    t0=$(date +%s%N)
    rc=0
    /usr/bin/time -v -o "$work/time" "$@" >/dev/null 2>"$work/err" || rc=$?
    if [ "$rc" -ge 2 ]; then
      echo "$(basename "$0"): '$*' failed:" >&2; cat "$work/err" >&2; return 1
    fi
    t1=$(date +%s%N)
    walls+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.4f", (b - a) / 1e9}')")
    rss+=("$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time")")
  done
  local w r
  w=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  r=$(printf '%s\n' "${rss[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$w $r"
}
