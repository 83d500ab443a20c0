// The join: reachability from every handler over one or many TU summaries, and the findings for
// the resource sites reached per invocation, each with the call chain back to its handler; and,
// separately, the init work reached from main. Each is its own walk over the summaries, so a
// caller pays only for the result it asks for.
#pragma once

#include "coldstart/analyzer/Summary.h"
#include "coldstart/report/Estimate.h"
#include "coldstart/report/Finding.h"
#include "coldstart/rules/RuleSet.h"

#include <vector>

namespace coldstart::analyzer {

/// Findings for every enabled rule, in no particular order (report::sortFindings orders them).
/// A site reached from several handlers is reported once, for the handler with the shortest
/// chain. Functions defined in several summaries (inline functions in headers) count once.
std::vector<report::Finding> joinSummaries(const std::vector<TranslationUnitSummary> &Summaries,
                                           const rules::RuleSet &Rules);

/// The listed constructions and calls that static variables' initializers and `main` reach
/// before a handler is registered: the function's init work, paid once per execution
/// environment. MainFound is false when no summary defines `main` (then only what static
/// initializers build is listed).
report::InitWork findInitWork(const std::vector<TranslationUnitSummary> &Summaries,
                              const rules::RuleSet &Rules);

} // namespace coldstart::analyzer
