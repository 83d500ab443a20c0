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
  size_t Underscore = Tag.rfind('_');
  if (Underscore == llvm::StringRef::npos || Underscore == 0)
    return std::nullopt;
  auto Numbers = parseVersionNumbers(Tag.substr(Underscore + 1));
  if (!Numbers)
    return std::nullopt;
  // A family is a name such as GLIBC, GLIBCXX, CXXABI or GCC: letters, digits and '_'. Anything
  // else in a hostile file is no version tag (and would reach the JSON report as a key that is
  // not UTF-8; found by the ELF fuzz target).
  llvm::StringRef Family = Tag.substr(0, Underscore);
  if (!llvm::all_of(Family, [](char C) { return llvm::isAlnum(C) || C == '_'; }))
    return std::nullopt;
  return VersionTag{Tag.substr(0, Underscore).str(), std::move(*Numbers)};
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
