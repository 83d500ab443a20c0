// The one finding model both passes fill and every writer prints. It knows nothing of Clang or
// LIEF: a pass turns what it saw into these plain values.
#pragma once

#include "coldstart/rules/RuleSet.h"

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace coldstart::report {

using rules::Severity;

/// A place in a source file (1-based line and column; 0 when unknown), or an artifact path.
struct Location {
  std::string File; // as printed: a source file, an ELF file, or a package member's path
  unsigned Line = 0;
  unsigned Column = 0;
  unsigned EndLine = 0;
  unsigned EndColumn = 0;
  /// Package findings: the package or layer (.zip or folder, as given) the finding is in, and
  /// the member's path inside it; Member is empty for a finding on the package itself. Both
  /// empty for source findings and lone ELF files.
  std::string Source;
  std::string Member;
};

/// One step of the call chain from the handler to the construction site.
struct TraceStep {
  Location Where;
  std::string Note;
};

struct Finding {
  std::string Rule; // rule id, e.g. "coldstart-client-in-handler"
  Severity Level = Severity::Warning;
  Location Where;               // construction site (source) or member path (artifact)
  std::string Message;          // what is built, where, and why it costs
  std::string Category;         // the rule's category in the rule set: "client", "package", ...
  bool StopsStart = false;      // the rule's stops-start: Lambda cannot start the function
  std::string Handler;          // qualified name of the handler it is reached from (source pass)
  std::vector<TraceStep> Trace; // handler first, construction site's caller last
  std::string FixHint;          // how to fix it
  /// Text that identifies the finding independently of line numbers (the construction's
  /// spelling, the enclosing function): the base of SARIF partialFingerprints.
  std::string FingerprintKey;
};

/// A pass's output for the writers: findings plus notes about the run itself (partial analysis,
/// skipped files), which are not findings but must reach the user.
struct Report {
  std::string Command; // "lint" or "inspect"
  std::vector<Finding> Findings;
  std::vector<std::string> RunNotes;
};

/// A finding of RuleId at Where, or nullopt when the rule set disables the rule (or Kind, the
/// resource kind it was matched as). Category and severity come from the rule set (Kind's
/// severity override first); the fingerprint is the rule id and FingerprintParts joined, so it
/// names what the finding is about, not the line it is on. Every pass builds its findings here.
std::optional<Finding> makeFinding(const rules::RuleSet &Rules, std::string_view RuleId,
                                   Location Where, std::string Message, std::string FixHint,
                                   std::initializer_list<std::string_view> FingerprintParts,
                                   const rules::ResourceKind *Kind = nullptr);

/// Sorts findings by file, line, column, rule, message: every writer prints this order, so
/// parallel and serial runs produce identical output.
void sortFindings(std::vector<Finding> &Findings);

/// Whether any finding is at or above Threshold.
bool hasFindingAtOrAbove(const std::vector<Finding> &Findings, Severity Threshold);

} // namespace coldstart::report
