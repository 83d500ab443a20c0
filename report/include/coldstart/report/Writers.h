// Writers for the report model: compiler-style text, JSON (the fields docs/architecture.md contracts), SARIF
// 2.1.0 as GitHub code scanning takes it.
#pragma once

#include "coldstart/report/Finding.h"
#include "coldstart/rules/RuleSet.h"

#include "llvm/Support/JSON.h"

#include <string>
#include <vector>

namespace llvm {
class raw_ostream;
}

namespace coldstart::report {

enum class Format { Text, Json, Sarif };

/// `file:line:col: warning: message [rule-id]`, then `file:line:col: note: ...` for each trace
/// step and the fix hint, then a summary line.
void writeText(const Report &R, llvm::raw_ostream &OS);

/// `{"findings": [{"rule", "severity", "file", "line", "column", "message", "category",
/// "handler", "trace": [{"file", "line", "note"}]}]}` plus extra fields (fix, end positions).
void writeLintJson(const Report &R, llvm::raw_ostream &OS);

/// The `findings` array of the `inspect` document: `[{"rule", "severity", "path", "message"}]`
/// (plus `category` and `fix` when set), sorted like every writer's output. The inspect writer
/// embeds it next to its measurements.
llvm::json::Array inspectFindingsJson(const std::vector<Finding> &Findings);

/// SARIF 2.1.0: one run, tool.driver.rules from the rule set (every rule the results use, plus
/// the rest of the pass's rules), results with ruleId/ruleIndex, level, message, locations,
/// relatedLocations for the trace and partialFingerprints stable across unrelated edits.
/// SourceRoot makes artifact URIs relative (uriBaseId %SRCROOT%) when set.
void writeSarif(const Report &R, const rules::RuleSet &Rules, llvm::raw_ostream &OS,
                const std::string &SourceRoot = "");

} // namespace coldstart::report
