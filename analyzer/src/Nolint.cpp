#include "coldstart/analyzer/Nolint.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace coldstart::analyzer {

namespace {

/// "*" matches any run of characters; clang-tidy's check globs know no other wildcard.
bool wildcardMatch(llvm::StringRef Glob, llvm::StringRef Text) {
  size_t G = 0, T = 0, StarG = llvm::StringRef::npos, StarT = 0;
  while (T < Text.size()) {
    if (G < Glob.size() && Glob[G] == '*') {
      StarG = G++;
      StarT = T;
    } else if (G < Glob.size() && Glob[G] == Text[T]) {
      ++G;
      ++T;
    } else if (StarG != llvm::StringRef::npos) {
      G = StarG + 1;
      T = ++StarT;
    } else {
      return false;
    }
  }
  while (G < Glob.size() && Glob[G] == '*')
    ++G;
  return G == Glob.size();
}

enum class DirectiveKind { SameLine, NextLine, Begin, End };

struct Directive {
  DirectiveKind Kind;
  unsigned Line;
  unsigned Column; // of the "NOLINT" marker, as clang-tidy reports it
  bool HasChecks;
  std::string Checks;
};

/// Every NOLINT directive in Text, in order. Like clang-tidy, the marker is searched in the raw
/// text, so it works in any comment style.
std::vector<Directive> scanDirectives(llvm::StringRef Text) {
  std::vector<Directive> Out;
  static constexpr llvm::StringLiteral Marker = "NOLINT";
  size_t Pos = 0;
  unsigned Line = 1;
  size_t LineCountedUpTo = 0;
  while ((Pos = Text.find(Marker, Pos)) != llvm::StringRef::npos) {
    Line += Text.slice(LineCountedUpTo, Pos).count('\n');
    LineCountedUpTo = Pos;
    size_t After = Pos + Marker.size();
    llvm::StringRef Rest = Text.substr(After);
    DirectiveKind Kind = DirectiveKind::SameLine;
    if (Rest.starts_with("NEXTLINE")) {
      Kind = DirectiveKind::NextLine;
      After += 8;
    } else if (Rest.starts_with("BEGIN")) {
      Kind = DirectiveKind::Begin;
      After += 5;
    } else if (Rest.starts_with("END")) {
      Kind = DirectiveKind::End;
      After += 3;
    }
    size_t LineStart = Text.rfind('\n', Pos);
    LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
    Directive D{Kind, Line, static_cast<unsigned>(Pos - LineStart + 1), false, ""};
    if (After < Text.size() && Text[After] == '(') {
      size_t Close = Text.find_first_of(")\n", After);
      // An unclosed list is malformed; clang-tidy ignores such a directive.
      if (Close == llvm::StringRef::npos || Text[Close] != ')') {
        Pos = After;
        continue;
      }
      D.HasChecks = true;
      D.Checks = Text.slice(After + 1, Close).str();
      After = Close + 1;
    }
    Out.push_back(std::move(D));
    Pos = After;
  }
  return Out;
}

} // namespace

bool globListMatches(llvm::StringRef GlobList, llvm::StringRef RuleId) {
  llvm::SmallVector<llvm::StringRef, 4> Globs;
  GlobList.split(Globs, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Glob : Globs) {
    Glob = Glob.trim();
    if (Glob.starts_with("-"))
      continue; // ignored, as clang-tidy ignores it
    if (!Glob.empty() && wildcardMatch(Glob, RuleId))
      return true;
  }
  return false;
}

NolintIndex::NolintIndex(llvm::StringRef Text) {
  // Open NOLINTBEGIN lines by their exact check list: clang-tidy pairs a NOLINTEND only with a
  // NOLINTBEGIN that names the same checks.
  std::map<std::string, std::vector<std::pair<unsigned, unsigned>>> OpenBegins;
  for (const Directive &D : scanDirectives(Text)) {
    std::string Key = D.HasChecks ? "(" + D.Checks + ")" : "";
    switch (D.Kind) {
    case DirectiveKind::SameLine:
      Spans.push_back({D.Line, D.Line, !D.HasChecks, D.Checks});
      break;
    case DirectiveKind::NextLine:
      Spans.push_back({D.Line + 1, D.Line + 1, !D.HasChecks, D.Checks});
      break;
    case DirectiveKind::Begin:
      OpenBegins[Key].push_back({D.Line, D.Column});
      break;
    case DirectiveKind::End: {
      auto It = OpenBegins.find(Key);
      if (It == OpenBegins.end() || It->second.empty()) {
        // Silences nothing; clang-tidy reports it as an error.
        Unmatched.push_back({D.Line, D.Column,
                             "unmatched 'NOLINTEND' comment without a previous 'NOLINTBEGIN' "
                             "comment"});
        break;
      }
      Spans.push_back({It->second.back().first, D.Line, !D.HasChecks, D.Checks});
      It->second.pop_back();
      break;
    }
    }
  }
  // A NOLINTBEGIN never closed silences nothing either, and is an error in clang-tidy too.
  for (const auto &[Key, Open] : OpenBegins)
    for (const auto &[Line, Column] : Open)
      Unmatched.push_back(
          {Line, Column,
           "unmatched 'NOLINTBEGIN' comment without a subsequent 'NOLINTEND' comment"});
  std::sort(Unmatched.begin(), Unmatched.end(), [](const Problem &A, const Problem &B) {
    return std::tie(A.Line, A.Column) < std::tie(B.Line, B.Column);
  });
}

bool NolintIndex::suppresses(unsigned Line, llvm::StringRef RuleId) const {
  for (const Span &S : Spans)
    if (Line >= S.First && Line <= S.Last && (S.AllChecks || globListMatches(S.Checks, RuleId)))
      return true;
  return false;
}

} // namespace coldstart::analyzer
