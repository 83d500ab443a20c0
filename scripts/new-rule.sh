#!/usr/bin/env bash
# Creates every file a new rule needs, as clang-tidy's add_new_check.py does for a check:
#
#   bash scripts/new-rule.sh coldstart-NAME --pass artifact|source --category CATEGORY \
#        [--severity note|warning|error] [--summary "One line: what it flags."]
#
# It adds the id to rules/include/coldstart/rules/RuleIds.h (the constant and the list of every
# id), the rule's entry to rules/default.yaml, a documentation page docs/rules/coldstart-NAME.md,
# a row in the README's table of rules, and a test file that fails until it is written
# (tests/rules/new/NameRuleTest.cpp is not built: move it where the rule's pass is tested). What only a person can write is marked FIXME; the
# test suite refuses a rule whose page or entry still says FIXME (PolicyConsistency tests), so a
# half-added rule cannot land. docs/contributing.md lists what remains: the code that emits it.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  echo "usage: bash scripts/new-rule.sh coldstart-NAME --pass artifact|source --category CATEGORY" \
    "[--severity note|warning|error] [--summary TEXT]" >&2
  exit 2
}

[ $# -ge 1 ] || usage
ID=$1
shift
PASS="" CATEGORY="" SEVERITY=warning SUMMARY="FIXME: one line, what the rule flags."
while [ $# -gt 0 ]; do
  case $1 in
  --pass) PASS=${2:-}; shift 2 || usage ;;
  --category) CATEGORY=${2:-}; shift 2 || usage ;;
  --severity) SEVERITY=${2:-}; shift 2 || usage ;;
  --summary) SUMMARY=${2:-}; shift 2 || usage ;;
  *) echo "new-rule: unknown argument '$1'" >&2; usage ;;
  esac
done

if ! [[ $ID =~ ^coldstart-[a-z0-9]+(-[a-z0-9]+)*$ ]]; then
  echo "new-rule: '$ID' is not a rule id (coldstart- followed by lower-case words and '-')" >&2
  exit 2
fi
case $PASS in source | artifact) ;; *) echo "new-rule: --pass is 'source' or 'artifact'" >&2; exit 2 ;; esac
case $SEVERITY in note | warning | error) ;; *) echo "new-rule: --severity is note, warning or error" >&2; exit 2 ;; esac
if ! [[ $CATEGORY =~ ^[a-z][a-z-]*$ ]]; then
  echo "new-rule: --category is a lower-case word such as 'dependency' or 'package'" >&2
  exit 2
fi
if [[ $SUMMARY == *\"* ]]; then
  echo "new-rule: --summary may not contain a double quote" >&2
  exit 2
fi

IDS=rules/include/coldstart/rules/RuleIds.h
RULESET=rules/default.yaml
DOC=docs/rules/$ID.md
NAME=${ID#coldstart-}
# coldstart-unknown-runtime-library -> UnknownRuntimeLibrary
CONSTANT=$(echo "$NAME" | awk -F- '{ for (i = 1; i <= NF; i++) printf "%s", toupper(substr($i, 1, 1)) substr($i, 2) }')
TEST=tests/rules/new/${CONSTANT}RuleTest.cpp

if grep -q "\"$ID\"" "$IDS"; then
  echo "new-rule: $ID is already in $IDS" >&2
  exit 2
fi
for f in "$DOC" "$TEST"; do
  if [ -e "$f" ]; then
    echo "new-rule: $f exists already" >&2
    exit 2
  fi
done

# 1. The id: a constant, and one more entry in the list of every id.
COUNT=$(grep -o 'std::array<std::string_view, [0-9]*>' "$IDS" | grep -o '[0-9]*>' | tr -d '>')
NEXT=$((COUNT + 1))
awk -v id="$ID" -v constant="$CONSTANT" -v count="$COUNT" -v next_count="$NEXT" '
  # The constant goes after the last one of its kind; the list entry before the closing brace.
  /^inline constexpr std::string_view / { last_constant = NR }
  { lines[NR] = $0 }
  END {
    for (i = 1; i <= NR; i++) {
      line = lines[i]
      sub("std::array<std::string_view, " count ">", "std::array<std::string_view, " next_count ">", line)
      if (line ~ /^};$/ && in_list) { print "    " constant ","; in_list = 0 }
      if (line ~ /std::array<std::string_view/) in_list = 1
      print line
      if (i == last_constant)
        print "inline constexpr std::string_view " constant " = \"" id "\";"
    }
  }' "$IDS" >"$IDS.new"
mv "$IDS.new" "$IDS"

# 2. The rule-set entry, last in the rules: section (before the blank lines and comments that
# introduce the next section).
awk -v id="$ID" -v pass="$PASS" -v category="$CATEGORY" -v severity="$SEVERITY" -v summary="$SUMMARY" '
  function entry() {
    print "  " id ":"
    print "    pass: " pass
    print "    category: " category
    print "    severity: " severity
    print "    summary: \"" summary "\""
    print "    description: >-"
    print "      FIXME: why it matters, with numbers and their sources (an AWS page, a published"
    print "      measurement, or one of our benchmarks)."
  }
  function flush() { for (i = 1; i <= held; i++) print buffer[i]; held = 0 }
  /^rules:/ { in_rules = 1; print; next }
  in_rules && (/^$/ || /^#/) { buffer[++held] = $0; next }
  in_rules && /^[^ ]/ { entry(); flush(); in_rules = 0; print; next }
  in_rules { flush(); print; next }
  { print }
  END { if (in_rules) { entry(); flush() } }
' "$RULESET" >"$RULESET.new"
mv "$RULESET.new" "$RULESET"

# The README's table of rules: one more row after its last.
README=README.md
if [ -f "$README" ]; then
  if [ "$PASS" = source ]; then ROW="| [$ID](docs/rules/$ID.md) | |"; else ROW="| | [$ID](docs/rules/$ID.md) |"; fi
  LAST=$(grep -n '^| .*(docs/rules/coldstart-' "$README" | tail -1 | cut -d: -f1)
  if [ -n "$LAST" ]; then
    awk -v last="$LAST" -v row="$ROW" '{ print } NR == last { print row }' "$README" >"$README.new"
    mv "$README.new" "$README"
  fi
fi

# 3. The documentation page, in the shape of every other page.
mkdir -p "$(dirname "$DOC")"
cat >"$DOC" <<EOF
# $ID

$SUMMARY

## What it flags

FIXME: exactly what is flagged, and what is not (the cases a reader might expect but that the
rule leaves alone, and why).

## Why it matters

FIXME: the cost or the failure, with numbers and their sources.

## Example

Bad:

\`\`\`sh
FIXME: the smallest input that is flagged, and the command
\`\`\`

Good:

\`\`\`sh
FIXME: the same input fixed
\`\`\`

## Configuration

\`\`\`yaml
version: 1
rules:
  $ID:
    severity: $SEVERITY        # note | warning | error | off
\`\`\`

## References

- FIXME: the sources the numbers above come from.
EOF

# 4. A test that fails until it is written.
mkdir -p "$(dirname "$TEST")"
cat >"$TEST" <<EOF
// $ID: FIXME: say what these cases show. Move this file to the suite of the rule's pass
// (tests/package for package findings, tests/inspect for ELF findings, an annotated source in
// fixtures/lint/cases for source findings) and build the inputs with real tools, as the tests
// there do. Each case asserts the exact findings, including the ones that must not appear.
#include <gtest/gtest.h>

TEST(${CONSTANT}Rule, FlagsWhatItDocuments) {
  GTEST_FAIL() << "FIXME: write the case of the documentation page's bad example";
}

TEST(${CONSTANT}Rule, LeavesTheGoodExampleAlone) {
  GTEST_FAIL() << "FIXME: write the case of the documentation page's good example";
}
EOF

echo "new-rule: added $ID"
echo "  $IDS            ids::$CONSTANT"
echo "  $RULESET                           its entry (pass $PASS, category $CATEGORY, $SEVERITY)"
echo "  $DOC"
echo "  $TEST"
echo "next: the FIXMEs, the code that emits it with report::makeFinding(Rules, ids::$CONSTANT, ...),"
echo "and the rest of the list in docs/contributing.md."
