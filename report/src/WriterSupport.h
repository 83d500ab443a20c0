// Helpers shared by the writers (private to the report library).
#pragma once

#include "coldstart/report/Finding.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace coldstart::report::detail {

/// The severity as every format spells it: "note", "warning" or "error".
inline llvm::StringRef severityName(Severity S) {
  std::string_view Name = rules::toString(S);
  return llvm::StringRef(Name.data(), Name.size());
}

/// The findings in the order every writer prints them.
inline std::vector<Finding> sortedFindings(const std::vector<Finding> &Findings) {
  std::vector<Finding> Sorted = Findings;
  sortFindings(Sorted);
  return Sorted;
}

/// A JSON string value. File names and messages may carry bytes that are not UTF-8 (paths on
/// Linux are arbitrary bytes); JSON cannot, so those bytes become U+FFFD.
inline llvm::json::Value jsonString(llvm::StringRef S) {
  if (llvm::json::isUTF8(S))
    return llvm::json::Value(S.str());
  return llvm::json::Value(llvm::json::fixUTF8(S));
}

/// Json with every double spelled in its shortest form that reads back as the same double
/// ("0.4", not llvm::json's "0.40000000000000002"); strings and integers are left as they are.
std::string withShortestNumbers(llvm::StringRef Json);

/// Document, indented by 2, with shortest numbers, and a newline.
void writeJson(llvm::raw_ostream &OS, llvm::json::Value Document);

} // namespace coldstart::report::detail
