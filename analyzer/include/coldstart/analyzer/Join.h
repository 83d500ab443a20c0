// The join: reachability from every handler over one or many TU summaries, and the findings for
// the resource sites reached per invocation, each with the call chain back to its handler; and,
// separately, the init work reached from main. Each is its own walk over the summaries, so a
// caller pays only for the result it asks for.
#pragma once

#include "coldstart/analyzer/Summary.h"
#include "coldstart/report/Estimate.h"
#include "coldstart/report/Finding.h"
#include "coldstart/rules/RuleSet.h"

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace coldstart::analyzer {

/// Folds TU summaries into one as they arrive, keeping only what the join keeps (a function
/// defined in several TUs once, each edge and site once), so a run over thousands of TUs holds
/// the program once instead of once per TU that includes its headers. Joining merged() gives
/// the findings joining the separate summaries in the order they were added gives.
class SummaryMerger {
public:
  void add(TranslationUnitSummary Summary);
  const TranslationUnitSummary &merged() const { return Merged; }
  TranslationUnitSummary take() { return std::move(Merged); }

private:
  TranslationUnitSummary Merged;
  std::unordered_map<std::string, size_t> FunctionAt;
  std::unordered_set<std::string> EdgeKeys, SiteKeys, HandlerKeys, RegistrationKeys, NolintKeys,
      StaticKeys, ClassKeys, ConstructedKeys;
};

/// Findings for every enabled rule, in no particular order (report::sortFindings orders them).
/// A site reached from several handlers is reported once, for the handler with the shortest
/// chain. Functions defined in several summaries (inline functions in headers) count once.
std::vector<report::Finding> joinSummaries(const std::vector<TranslationUnitSummary> &Summaries,
                                           const rules::RuleSet &Rules);
/// The same over summaries kept elsewhere (the clang-tidy plugin's cache of index entries).
std::vector<report::Finding>
joinSummaries(const std::vector<const TranslationUnitSummary *> &Summaries,
              const rules::RuleSet &Rules);

/// The listed constructions and calls that static variables' initializers and `main` reach
/// before a handler is registered: the function's init work, paid once per execution
/// environment. MainFound is false when no summary defines `main` (then only what static
/// initializers build is listed).
report::InitWork findInitWork(const std::vector<TranslationUnitSummary> &Summaries,
                              const rules::RuleSet &Rules);

} // namespace coldstart::analyzer
