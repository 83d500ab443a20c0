#include "TuState.h"

#include "clang/Index/USRGeneration.h"

#include "clang/AST/RecursiveASTVisitor.h"

#include <algorithm>

namespace coldstart::analyzer::detail {

using namespace clang;

bool TuState::outOfScope(SourceLocation L) const {
  if (Rules.config().ReportSystemHeaders || L.isInvalid())
    return false;
  return SM.isInSystemHeader(SM.getFileLoc(L));
}

bool TuState::silenced(SourceLocation L, llvm::StringRef RuleId) {
  if (!Opts.ApplyNolint || L.isInvalid())
    return false;
  SourceLocation FileLoc = SM.getFileLoc(L);
  FileID FID = SM.getFileID(FileLoc);
  std::unique_ptr<NolintIndex> &Index = Nolint[FID];
  if (!Index) {
    bool Invalid = false;
    llvm::StringRef Text = SM.getBufferData(FID, &Invalid);
    Index = std::make_unique<NolintIndex>(Invalid ? llvm::StringRef() : Text);
  }
  return Index->suppresses(SM.getExpansionLineNumber(FileLoc), RuleId);
}

void TuState::enqueue(const FunctionDecl *FD) {
  const FunctionDecl *Def = nullptr;
  if (!FD || !FD->hasBody(Def) || !Def)
    return;
  // Uninstantiated templates have no resolved calls; their instantiations are walked instead.
  if (Def->isDependentContext() || outOfScope(Def->getLocation()))
    return;
  if (Queued.insert(Def).second)
    Worklist.push_back(Def);
}

const FunctionDecl *TuState::nextToWalk() {
  if (Worklist.empty())
    return nullptr;
  const FunctionDecl *FD = Worklist.back();
  Worklist.pop_back();
  return FD;
}

const std::string &TuState::record(const FunctionDecl *FD) {
  const std::string &Id = Names.id(FD);
  auto [It, Inserted] = Functions.try_emplace(Id);
  FunctionSummary &F = It->second;
  const FunctionDecl *Def = nullptr;
  if (Inserted) {
    F.Id = Id;
    F.Name = Names.displayName(FD);
    for (const ParmVarDecl *P : FD->parameters())
      F.ParamNames.push_back(P->getNameAsString());
  }
  if (!F.Definition.valid() && FD->hasBody(Def) && Def)
    F.Definition = Loc.point(Def->getLocation());
  return Id;
}

std::string TuState::recordStaticInitializer(const VarDecl *VD) {
  llvm::SmallString<128> Usr;
  std::string Name = VD->getQualifiedNameAsString();
  std::string Id = "init:";
  if (!index::generateUSRForDecl(VD, Usr) && VD->isExternallyVisible())
    Id += std::string(Usr);
  else // internal linkage: the file keeps two services' statics apart
    Id += Loc.fileName(SM.getFileID(SM.getFileLoc(VD->getLocation()))) + "|" + Name;
  auto [It, Inserted] = Functions.try_emplace(Id);
  if (Inserted) {
    It->second.Id = Id;
    It->second.Name = "initializer of '" + Name + "'";
    It->second.Definition = Loc.point(VD->getLocation());
    Out.StaticInitializers.push_back(Id);
  }
  return Id;
}

static std::string pointKey(const SourcePoint &P) {
  return P.File + ":" + std::to_string(P.Line) + ":" + std::to_string(P.Column);
}

void TuState::addEdge(CallEdge E) {
  std::string Key = E.Caller + "|" + E.Callee + "|" + pointKey(E.Site) + "|" +
                    std::to_string(static_cast<int>(E.Kind));
  if (SeenEdges.insert(std::move(Key)).second)
    Out.Edges.push_back(std::move(E));
}

void TuState::addSite(ResourceSite S) {
  std::string Key = S.Function + "|" + S.Rule + "|" + S.Name + "|" + pointKey(S.Where);
  if (SeenSites.insert(std::move(Key)).second)
    Out.Sites.push_back(std::move(S));
}

void TuState::addHandler(const FunctionDecl *FD, SourceLocation Registration, std::string Via) {
  enqueue(FD);
  HandlerRoot H;
  H.Function = record(FD);
  H.Name = Names.displayName(FD);
  H.Registration = Loc.point(Registration);
  H.Via = std::move(Via);
  if (SeenHandlers.insert(H.Function).second)
    Out.Handlers.push_back(std::move(H));
}

void TuState::addRegistrationCall(const std::string &Function, SourceLocation Begin,
                                  SourceLocation End) {
  Out.RegistrationCalls.push_back({Function, Loc.point(Begin), Loc.point(End)});
}

namespace {

/// Collects the variables and parameters an expression reads, without entering lambda bodies
/// (a lambda's captures are read where they are used, not where the lambda is made).
class ReadCollector : public RecursiveASTVisitor<ReadCollector> {
public:
  llvm::SmallVector<const VarDecl *, 8> Reads;

  bool shouldVisitLambdaBody() const { return false; }
  bool VisitDeclRefExpr(DeclRefExpr *E) {
    if (const auto *V = dyn_cast<VarDecl>(E->getDecl()))
      Reads.push_back(V);
    return true;
  }
};

} // namespace

std::vector<ParamRef> TuState::dependencies(const Expr *E) {
  std::vector<ParamRef> Deps;
  if (!E)
    return Deps;
  ReadCollector C;
  C.TraverseStmt(const_cast<Expr *>(E));
  for (const VarDecl *V : C.Reads) {
    if (const auto *P = dyn_cast<ParmVarDecl>(V)) {
      if (const auto *Owner = dyn_cast_or_null<FunctionDecl>(P->getDeclContext()))
        Deps.push_back({Names.id(Owner), P->getFunctionScopeIndex()});
      continue;
    }
    auto It = VarDeps.find(V);
    if (It != VarDeps.end())
      Deps.insert(Deps.end(), It->second.begin(), It->second.end());
  }
  std::sort(Deps.begin(), Deps.end());
  Deps.erase(std::unique(Deps.begin(), Deps.end()), Deps.end());
  return Deps;
}

void TuState::addDependencies(const VarDecl *V, const std::vector<ParamRef> &Deps) {
  if (Deps.empty())
    return;
  std::vector<ParamRef> &Into = VarDeps[V];
  Into.insert(Into.end(), Deps.begin(), Deps.end());
  std::sort(Into.begin(), Into.end());
  Into.erase(std::unique(Into.begin(), Into.end()), Into.end());
}

TranslationUnitSummary TuState::finish() {
  Out.MainFile = Loc.fileName(SM.getMainFileID());
  for (auto &[Id, F] : Functions)
    Out.Functions.push_back(std::move(F));
  Functions.clear();
  return std::move(Out);
}

} // namespace coldstart::analyzer::detail
