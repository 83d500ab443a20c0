#include "Versions.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

namespace coldstart::inspect {

std::string VersionTag::text() const {
  std::string Out;
  for (size_t I = 0; I < Numbers.size(); ++I) {
    if (I)
      Out += '.';
    Out += std::to_string(Numbers[I]);
  }
  return Out;
}

std::optional<std::vector<unsigned>> parseVersionNumbers(llvm::StringRef Text) {
  if (Text.empty())
    return std::nullopt;
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  Text.split(Parts, '.');
  std::vector<unsigned> Numbers;
  for (llvm::StringRef P : Parts) {
    unsigned N = 0;
    if (P.empty() || P.getAsInteger(10, N))
      return std::nullopt;
    Numbers.push_back(N);
  }
  return Numbers;
}

std::optional<VersionTag> parseVersionTag(llvm::StringRef Tag) {
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Tag.split(Parts, '_');
  if (Parts.size() < 2)
    return std::nullopt;
  auto IsDigits = [](llvm::StringRef P) { return !P.empty() && llvm::all_of(P, llvm::isDigit); };
  // Where the version starts. A dotted last part is the whole version, whatever precedes it
  // (glibc's GLIBC_2.34, OpenSSL 3's OPENSSL_3.0.0, LIBXML2_2.4.30): digits between
  // underscores before it belong to the name. Without a dot, the version is every trailing
  // all-digit part: GnuTLS (GNUTLS_3_4, GNUTLS_3_6_0) and OpenSSL 1.1 (OPENSSL_1_1_0) spell
  // their release with '_', so GNUTLS_3_4 is GnuTLS 3.4 and orders below GNUTLS_3_6_0, and a
  // library's one-number ABI node (CURL_OPENSSL_4, NETTLE_8) is that number.
  size_t First = Parts.size() - 1;
  if (!Parts.back().contains('.'))
    while (First > 1 && IsDigits(Parts[First - 1]))
      --First;
  std::vector<unsigned> Numbers;
  for (size_t I = First; I < Parts.size(); ++I) {
    auto Part = parseVersionNumbers(Parts[I]);
    if (!Part)
      return std::nullopt;
    Numbers.insert(Numbers.end(), Part->begin(), Part->end());
  }
  // A family is a name such as GLIBC, GLIBCXX, CXXABI or GCC: letters, digits and '_'. Anything
  // else in a hostile file is no version tag (and would reach the JSON report as a key that is
  // not UTF-8; found by the ELF fuzz target).
  size_t FamilyLength = Parts[First].data() - Tag.data() - 1;
  llvm::StringRef Family = Tag.take_front(FamilyLength);
  if (Family.empty() || !llvm::all_of(Family, [](char C) { return llvm::isAlnum(C) || C == '_'; }))
    return std::nullopt;
  return VersionTag{Family.str(), std::move(Numbers)};
}

int compareVersions(const std::vector<unsigned> &A, const std::vector<unsigned> &B) {
  size_t N = std::max(A.size(), B.size());
  for (size_t I = 0; I < N; ++I) {
    unsigned X = I < A.size() ? A[I] : 0, Y = I < B.size() ? B[I] : 0;
    if (X != Y)
      return X < Y ? -1 : 1;
  }
  return 0;
}

} // namespace coldstart::inspect
