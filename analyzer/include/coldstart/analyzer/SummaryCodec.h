// A TranslationUnitSummary as JSON and back, exactly, so summaries can be kept in an on-disk
// index and joined by later runs without parsing the TU again. The reader is strict: it is fed
// files from disk, which may be truncated, stale or hand-edited, and a summary read wrongly
// would silently change findings. The format carries no version: the index that stores
// summaries wraps them with its own.
#pragma once

#include "coldstart/analyzer/Summary.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

namespace coldstart::analyzer {

/// The summary as a JSON value; summaryFromJSON(summaryToJSON(S)) == S field for field.
llvm::json::Value summaryToJSON(const TranslationUnitSummary &Summary);

/// Reads a value written by summaryToJSON. Strict: a missing or mistyped field, an unknown
/// field or enum name, an index outside the file or id table, or a number that does not fit is
/// an error whose message names the path of the bad field, as llvm::json::Path::Root words it
/// ("expected a string at summary.edges[3].kind"). Never asserts on any input.
llvm::Expected<TranslationUnitSummary> summaryFromJSON(const llvm::json::Value &Value);

} // namespace coldstart::analyzer
