// Building findings from the rule set, ordering them, and threshold queries over them.
#include "coldstart/report/Finding.h"

#include <algorithm>
#include <tuple>

namespace coldstart::report {

namespace {

auto locationKey(const Location &L) {
  return std::tie(L.File, L.Line, L.Column, L.EndLine, L.EndColumn);
}

bool traceLess(const std::vector<TraceStep> &A, const std::vector<TraceStep> &B) {
  return std::lexicographical_compare(A.begin(), A.end(), B.begin(), B.end(),
                                      [](const TraceStep &X, const TraceStep &Y) {
                                        if (locationKey(X.Where) != locationKey(Y.Where))
                                          return locationKey(X.Where) < locationKey(Y.Where);
                                        return X.Note < Y.Note;
                                      });
}

} // namespace

std::optional<Finding> makeFinding(const rules::RuleSet &Rules, std::string_view RuleId,
                                   Location Where, std::string Message, std::string FixHint,
                                   std::initializer_list<std::string_view> FingerprintParts,
                                   const rules::ResourceKind *Kind) {
  const rules::RuleInfo *Info = Rules.rule(RuleId);
  if (!Info || !Info->Enabled || (Kind && !Kind->Enabled))
    return std::nullopt;
  Finding F;
  F.Rule = std::string(RuleId);
  F.Level = Rules.severityFor(RuleId, Kind);
  F.Category = Info->Category;
  F.StopsStart = Info->StopsStart;
  F.Where = std::move(Where);
  F.Message = std::move(Message);
  F.FixHint = std::move(FixHint);
  // One separator for every pass; the parts never contain it in practice (paths, qualified
  // names), and a collision would only merge two fingerprints, never lose a finding.
  F.FingerprintKey = F.Rule;
  for (std::string_view Part : FingerprintParts) {
    F.FingerprintKey += '|';
    F.FingerprintKey += Part;
  }
  return F;
}

void sortFindings(std::vector<Finding> &Findings) {
  // File, line, column, rule, message is the documented order. The remaining fields only break
  // ties: findings that still compare equal are identical in everything a writer prints, so two
  // runs that produce the same findings in any order print the same.
  std::sort(Findings.begin(), Findings.end(), [](const Finding &A, const Finding &B) {
    const Location &LA = A.Where, &LB = B.Where;
    auto KA = std::tie(LA.File, LA.Line, LA.Column, A.Rule, A.Message);
    auto KB = std::tie(LB.File, LB.Line, LB.Column, B.Rule, B.Message);
    if (KA != KB)
      return KA < KB;
    auto RA = std::tie(A.Handler, A.FingerprintKey, A.Category, A.FixHint);
    auto RB = std::tie(B.Handler, B.FingerprintKey, B.Category, B.FixHint);
    if (RA != RB)
      return RA < RB;
    if (A.Level != B.Level)
      return A.Level > B.Level;
    if (locationKey(LA) != locationKey(LB))
      return locationKey(LA) < locationKey(LB);
    return traceLess(A.Trace, B.Trace);
  });
}

bool hasFindingAtOrAbove(const std::vector<Finding> &Findings, Severity Threshold) {
  return std::any_of(Findings.begin(), Findings.end(), [Threshold](const Finding &F) {
    return static_cast<int>(F.Level) >= static_cast<int>(Threshold);
  });
}

} // namespace coldstart::report
