#!/usr/bin/env bash
# Does a native binary's size, by itself, cost start-up time? Builds one program padded with
# 0, 16, 64 and 256 MiB of read-only data that nothing reads, and times exec to exit, both with
# the file in the page cache and with its pages evicted first (fdatasync + POSIX_FADV_DONTNEED,
# as a fresh execution environment that has never read the file). The estimate's "package"
# part is not costed per MB for native code because of what this prints (bench/README.md).
#
# Usage: bench/estimate/package_bytes.sh [RUNS]    (run it on an otherwise idle machine)
set -euo pipefail
RUNS=${1:-21}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/pad.c" <<'C'
#ifdef PAD
__asm__(".section .rodata.pad,\"a\"\n.globl pad_blob\npad_blob:\n.fill " PAD ",1,0x5a\n.previous\n");
#endif
int main(void) { return 0; }
C
sizes=(0 16 64 256)
for mb in "${sizes[@]}"; do
  if (( mb )); then pad=(-DPAD="\"$((mb * 1048576))\""); else pad=(); fi
  gcc -O2 "${pad[@]}" "$work/pad.c" -o "$work/pad$mb"
done
python3 - "$RUNS" "$work" "${sizes[@]}" <<'PY'
import os, subprocess, sys, time
runs, work, sizes = int(sys.argv[1]), sys.argv[2], [int(s) for s in sys.argv[3:]]

def evict(path):
    fd = os.open(path, os.O_RDONLY)
    os.fdatasync(fd)
    os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    os.close(fd)

def median_ms(path, cold):
    times = []
    for _ in range(runs):
        if cold:
            evict(path)
        start = time.perf_counter()
        subprocess.run([path], check=True)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return times[len(times) // 2]

print(f"{'padding':>8} {'file bytes':>12} {'warm ms':>8} {'evicted ms':>10}")
rows = []
for mb in sizes:
    path = f"{work}/pad{mb}"
    warm, cold = median_ms(path, False), median_ms(path, True)
    rows.append((mb, warm, cold))
    print(f"{mb:>5} MiB {os.path.getsize(path):>12} {warm:>8.3f} {cold:>10.3f}")
(m0, _, c0), (m1, _, c1) = rows[1], rows[-1]
print(f"evicted, {m0} -> {m1} MiB: {(c1 - c0) / (m1 - m0):+.4f} ms per MiB")
PY
