#include "RuleMatcher.h"
#include "AstSupport.h"

namespace coldstart::analyzer::detail {

using namespace clang;

bool matchesAny(const std::vector<rules::NamePattern> &Patterns, const std::string &Name) {
  for (const rules::NamePattern &P : Patterns)
    if (P.matches(Name))
      return true;
  return false;
}

std::vector<std::string> RuleMatcher::hierarchyNames(const CXXRecordDecl *Record) {
  std::vector<std::string> Names{qualifiedName(Record)};
  const CXXRecordDecl *Def = Record->getDefinition();
  if (!Def)
    return Names;
  Def->forallBases([&](const CXXRecordDecl *Base) {
    Names.push_back(qualifiedName(Base));
    return true;
  });
  return Names;
}

const ResourceMatch &RuleMatcher::forRecord(const CXXRecordDecl *Record) {
  const Decl *Key = Record->getCanonicalDecl();
  auto It = Records.find(Key);
  if (It != Records.end())
    return It->second;
  ResourceMatch Match;
  std::vector<std::string> Names = hierarchyNames(Record);
  // Kinds in rule-set order, and within a kind the record's own name before its bases: the
  // most specific listing wins.
  for (const rules::ResourceKind &Kind : Config.Resources) {
    for (const std::string &Name : Names) {
      if (matchesAny(Kind.Types, Name)) {
        Match.Kind = &Kind;
        Match.MatchedAs = Name;
        break;
      }
    }
    if (Match)
      break;
  }
  return Records.try_emplace(Key, std::move(Match)).first->second;
}

const ResourceMatch &RuleMatcher::forCall(const FunctionDecl *Callee) {
  const Decl *Key = Callee->getCanonicalDecl();
  auto It = Calls.find(Key);
  if (It != Calls.end())
    return It->second;
  ResourceMatch Match;
  std::string Name = qualifiedName(Callee);
  for (const rules::ResourceKind &Kind : Config.Resources) {
    if (matchesAny(Kind.Calls, Name)) {
      Match.Kind = &Kind;
      Match.MatchedAs = Name;
      break;
    }
  }
  return Calls.try_emplace(Key, std::move(Match)).first->second;
}

bool RuleMatcher::isReadFileType(const CXXRecordDecl *Record) {
  const Decl *Key = Record->getCanonicalDecl();
  auto It = ReadFileTypes.find(Key);
  if (It != ReadFileTypes.end())
    return It->second;
  bool Listed = false;
  for (const std::string &Name : hierarchyNames(Record))
    Listed = Listed || matchesAny(Config.ReadFileTypes, Name);
  return ReadFileTypes.try_emplace(Key, Listed).first->second;
}

const RuleMatcher::FunctionRole &RuleMatcher::role(const FunctionDecl *FD) {
  const Decl *Key = FD->getCanonicalDecl();
  auto It = Roles.find(Key);
  if (It != Roles.end())
    return It->second;
  FunctionRole R;
  // Only named functions can be listed; skipping the rest keeps operators and constructors
  // from paying for a printed name.
  if (FD->getDeclName().isIdentifier()) {
    std::string Name = qualifiedName(FD);
    R.Registration = matchesAny(Config.HandlerRegistrations, Name);
    R.Handler = matchesAny(Config.HandlerFunctions, Name);
    R.Factory = matchesAny(Config.AllocationFactories, Name);
    R.Once = matchesAny(Config.OnceCalls, Name);
  }
  return Roles.try_emplace(Key, R).first->second;
}

} // namespace coldstart::analyzer::detail
