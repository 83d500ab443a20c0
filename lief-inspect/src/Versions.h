// Symbol version strings ("GLIBC_2.34", "GLIBCXX_3.4.30", "CXXABI_1.3.13", "GNUTLS_3_4"): parsing
// and ordering.
#pragma once

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

namespace coldstart::inspect {

struct VersionTag {
  std::string Family;            // "GLIBC"
  std::vector<unsigned> Numbers; // {2, 34}
  std::string text() const;      // "2.34", also for a version spelled with '_' ("GNUTLS_3_4")
};

/// "GLIBC_2.34" -> {GLIBC, {2, 34}}; "GNUTLS_3_4" -> {GNUTLS, {3, 4}}; "CURL_OPENSSL_4" ->
/// {CURL_OPENSSL, {4}}; "LIBXML2_2.4.30" -> {LIBXML2, {2, 4, 30}}. A dotted version is the part
/// after the last '_'; an undotted one is every trailing all-digit '_' part. nullopt for tags
/// without a numeric version ("GLIBC_PRIVATE", "Base", "gssapi_krb5_2_MIT", "OPENSSL_1_1_1d").
std::optional<VersionTag> parseVersionTag(llvm::StringRef Tag);

/// "2.34" -> {2, 34}; nullopt unless dot-separated decimal numbers.
std::optional<std::vector<unsigned>> parseVersionNumbers(llvm::StringRef Text);

/// Numeric comparison with missing components as 0: -1, 0 or 1.
int compareVersions(const std::vector<unsigned> &A, const std::vector<unsigned> &B);

} // namespace coldstart::inspect
