// Symbol version strings ("GLIBC_2.34", "GLIBCXX_3.4.30", "CXXABI_1.3.13"): parsing and ordering.
#pragma once

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

namespace coldstart::inspect {

struct VersionTag {
  std::string Family;            // "GLIBC"
  std::vector<unsigned> Numbers; // {2, 34}
  std::string text() const;      // "2.34"
};

/// "GLIBC_2.34" -> {GLIBC, {2, 34}}; nullopt for tags without a numeric version
/// ("GLIBC_PRIVATE", "Base", a library's own version names like "LLVM_19.1" included).
std::optional<VersionTag> parseVersionTag(llvm::StringRef Tag);

/// "2.34" -> {2, 34}; nullopt unless dot-separated decimal numbers.
std::optional<std::vector<unsigned>> parseVersionNumbers(llvm::StringRef Text);

/// Numeric comparison with missing components as 0: -1, 0 or 1.
int compareVersions(const std::vector<unsigned> &A, const std::vector<unsigned> &B);

} // namespace coldstart::inspect
