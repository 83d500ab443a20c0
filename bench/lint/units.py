#!/usr/bin/env python3
"""Selects translation units for the lint benchmarks.

Usage: units.py DATABASE REGEX WORK [--database]

Writes, for the entries of DATABASE whose file matches REGEX (sorted by file):
  WORK/files     their files, one per line;
  WORK/floor.sh  clang-19 -fsyntax-only on each with its own flags (compiler swapped, output,
                 dependency-file and -c flags dropped), in its own directory: the parse floor;
  WORK/db/compile_commands.json  with --database: a database of those entries only.
"""
import json
import os
import re
import shlex
import sys


def syntax_only(entry):
    args = entry.get("arguments") or shlex.split(entry["command"])
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
    return (f"cd {shlex.quote(entry['directory'])} && clang-19 -fsyntax-only "
            + " ".join(shlex.quote(a) for a in out))


def main():
    database, regex, work = sys.argv[1:4]
    entries = [e for e in json.load(open(database)) if re.search(regex, e["file"])]
    entries.sort(key=lambda e: e["file"])
    with open(f"{work}/files", "w") as f:
        f.write("".join(e["file"] + "\n" for e in entries))
    with open(f"{work}/floor.sh", "w") as f:
        f.write("set -e\n" + "".join(syntax_only(e) + "\n" for e in entries))
    if "--database" in sys.argv[4:]:
        os.makedirs(f"{work}/db", exist_ok=True)
        with open(f"{work}/db/compile_commands.json", "w") as f:
            json.dump(entries, f, indent=1)


main()
