#include "RuleMatcher.h"
#include "AstSupport.h"

#include "clang/AST/DeclTemplate.h"

namespace coldstart::analyzer::detail {

using namespace clang;

namespace {

/// The resource kind thread owners are reported under: its rule, wording, severity and
/// `enabled` apply to them as to the types it lists.
constexpr llvm::StringLiteral ThreadPoolKind = "thread-pool";

bool isThreadClass(const CXXRecordDecl *R) {
  if (!R || !R->getIdentifier() || !R->isInStdNamespace())
    return false;
  llvm::StringRef Name = R->getName();
  return Name == "thread" || Name == "jthread";
}

/// Standard class templates that refer to their argument without owning it.
bool isNonOwningTemplate(const CXXRecordDecl *R) {
  if (!R->getIdentifier())
    return false;
  llvm::StringRef Name = R->getName();
  return Name == "reference_wrapper" || Name == "weak_ptr" || Name == "span";
}

bool holdsThread(QualType T, unsigned Depth);

bool argumentHoldsThread(const TemplateArgument &Arg, unsigned Depth) {
  if (Arg.getKind() == TemplateArgument::Type)
    return holdsThread(Arg.getAsType(), Depth);
  if (Arg.getKind() == TemplateArgument::Pack)
    for (const TemplateArgument &Element : Arg.pack_elements())
      if (argumentHoldsThread(Element, Depth))
        return true;
  return false;
}

/// Whether a value of type T holds a thread: a std::thread or std::jthread, an array of them,
/// or a standard class template specialization with one among its type arguments. Pointers and
/// references own nothing. The depth bound stops pathological nesting, not real types.
bool holdsThread(QualType T, unsigned Depth) {
  if (T.isNull() || Depth > 4)
    return false;
  T = T.getCanonicalType();
  if (const ArrayType *Array = T->getAsArrayTypeUnsafe())
    return holdsThread(Array->getElementType(), Depth + 1);
  const CXXRecordDecl *R = T->getAsCXXRecordDecl();
  if (!R)
    return false;
  if (isThreadClass(R))
    return true;
  const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(R);
  if (!Spec || !Spec->isInStdNamespace() || isNonOwningTemplate(Spec))
    return false;
  for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray())
    if (argumentHoldsThread(Arg, Depth + 1))
      return true;
  return false;
}

bool hasThreadField(const CXXRecordDecl *R) {
  for (const FieldDecl *Field : R->fields())
    if (holdsThread(Field->getType(), 0))
      return true;
  return false;
}

} // namespace

bool ownsThreads(const CXXRecordDecl *Record) {
  const CXXRecordDecl *Def = Record->getDefinition();
  // The standard library's own types are not owners of this kind (std::jthread holds a
  // std::thread; a bare std::vector<std::thread> is a container, not a class the handler
  // defines), and a closure's captures are not members of a class the handler builds.
  if (!Def || Def->isLambda() || llvm::StringRef(qualifiedName(Def)).starts_with("std::"))
    return false;
  if (hasThreadField(Def))
    return true;
  bool Found = false;
  Def->forallBases([&](const CXXRecordDecl *Base) {
    Found = isThreadClass(Base) || hasThreadField(Base);
    return !Found;
  });
  return Found;
}

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
  // A class that owns threads starts them when it is built, or will, and joins them when it is
  // destroyed: per invocation that is a thread pool whatever the class is called.
  if (!Match && ownsThreads(Record))
    for (const rules::ResourceKind &Kind : Config.Resources)
      if (Kind.Name == ThreadPoolKind) {
        Match.Kind = &Kind;
        Match.MatchedAs = qualifiedName(Record);
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

bool RuleMatcher::isLeaseSource(const CXXRecordDecl *Record) {
  const Decl *Key = Record->getCanonicalDecl();
  auto It = LeaseSources.find(Key);
  if (It != LeaseSources.end())
    return It->second;
  bool Listed = false;
  for (const std::string &Name : hierarchyNames(Record))
    Listed = Listed || matchesAny(Config.LeaseSourceTypes, Name);
  return LeaseSources.try_emplace(Key, Listed).first->second;
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

namespace {

/// The qualified name of the class T names, by value or reference, const or not; empty for
/// anything else.
std::string recordName(QualType T) {
  const CXXRecordDecl *R = T.getNonReferenceType().getCanonicalType()->getAsCXXRecordDecl();
  return R ? qualifiedName(R) : std::string();
}

} // namespace

bool RuleMatcher::hasHandlerSignature(const FunctionDecl *FD) {
  if (Config.HandlerSignatures.empty())
    return false;
  const Decl *Key = FD->getCanonicalDecl();
  auto It = Signatures.find(Key);
  if (It != Signatures.end())
    return It->second;
  if (!ParsedSignatures) {
    ParsedSignatures.emplace();
    for (const rules::NamePattern &P : Config.HandlerSignatures)
      if (auto Sig = rules::parseHandlerSignature(P.text()))
        ParsedSignatures->push_back(std::move(*Sig));
  }
  bool Match = false;
  std::string Returns = recordName(FD->getReturnType());
  for (const rules::HandlerSignature &Sig : *ParsedSignatures) {
    if (Returns.empty() || !Sig.Returns.matches(Returns) || Sig.Params.size() != FD->getNumParams())
      continue;
    Match = true;
    for (unsigned I = 0; I < FD->getNumParams() && Match; ++I) {
      std::string Param = recordName(FD->getParamDecl(I)->getType());
      Match = !Param.empty() && Sig.Params[I].matches(Param);
    }
    if (Match)
      break;
  }
  return Signatures.try_emplace(Key, Match).first->second;
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
