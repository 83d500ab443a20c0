#include "TuState.h"

#include "clang/Index/USRGeneration.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/SmallPtrSet.h"

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

void TuState::enqueueLibrary(const FunctionDecl *FD, unsigned Depth) {
  const FunctionDecl *Def = nullptr;
  if (!FD || !FD->hasBody(Def) || !Def || Def->isDependentContext())
    return;
  if (!outOfScope(Def->getLocation())) {
    enqueue(Def);
    return;
  }
  if (Depth == 0 || Depth > MaxLibraryDepth || !wantsLibraryWalk(Def))
    return;
  if (Queued.insert(Def).second) {
    LibraryDepths[Def] = Depth;
    Worklist.push_back(Def);
  }
}

unsigned TuState::libraryDepth(const FunctionDecl *FD) const {
  auto It = LibraryDepths.find(FD);
  return It == LibraryDepths.end() ? 0 : It->second;
}

/// Whether D is part of the C++ standard library's implementation (std, or libstdc++'s
/// __gnu_cxx for iterators and allocators).
static bool inStandardLibrary(const Decl *D) {
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent())
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC);
        NS && !NS->isInline() && NS->getParent() && NS->getParent()->isTranslationUnit())
      return NS->getName() == "std" || NS->getName() == "__gnu_cxx";
  return false;
}

bool TuState::mentionsUserOrListedType(QualType T, unsigned Depth, bool ListedOnly) {
  if (T.isNull() || Depth > 4)
    return false;
  T = T.getCanonicalType();
  while (!T->getPointeeType().isNull())
    T = T->getPointeeType().getCanonicalType();
  if (const ArrayType *Array = T->getAsArrayTypeUnsafe())
    return mentionsUserOrListedType(Array->getElementType(), Depth + 1, ListedOnly);
  const CXXRecordDecl *Record = T->getAsCXXRecordDecl();
  if (!Record)
    return false;
  if ((!ListedOnly && !outOfScope(Record->getLocation())) || Rules.forRecord(Record) ||
      Rules.isReadFileType(Record))
    return true;
  const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Record);
  if (!Spec)
    return false;
  for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray())
    if (Arg.getKind() == TemplateArgument::Type &&
        mentionsUserOrListedType(Arg.getAsType(), Depth + 1, ListedOnly))
      return true;
  return false;
}

bool TuState::wantsLibraryWalk(const FunctionDecl *FD) {
  FD = FD->getCanonicalDecl();
  auto Known = LibraryWalks.find(FD);
  if (Known != LibraryWalks.end())
    return Known->second;
  std::vector<QualType> Types;
  auto Collect = [&Types](llvm::ArrayRef<TemplateArgument> Args, auto &Self) -> void {
    for (const TemplateArgument &Arg : Args) {
      if (Arg.getKind() == TemplateArgument::Type)
        Types.push_back(Arg.getAsType());
      else if (Arg.getKind() == TemplateArgument::Pack)
        Self(Arg.pack_elements(), Self);
    }
  };
  if (const TemplateArgumentList *Args = FD->getTemplateSpecializationArgs())
    Collect(Args->asArray(), Collect);
  for (const DeclContext *DC = FD->getDeclContext(); DC; DC = DC->getParent())
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(DC))
      Collect(Spec->getTemplateArgs().asArray(), Collect);
  // A class template the user's class derives from with itself as an argument (CRTP:
  // clang::RecursiveASTVisitor<Walker>) is machinery the user's class inherits, hundreds of
  // members deep, not code that builds what the user's types ask for.
  for (const DeclContext *DC = FD->getDeclContext(); DC; DC = DC->getParent())
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(DC))
      for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray())
        if (Arg.getKind() == TemplateArgument::Type)
          if (const CXXRecordDecl *User = Arg.getAsType()->getAsCXXRecordDecl();
              User && User->hasDefinition() && User->getDefinition()->isDerivedFrom(Spec)) {
            LibraryWalks[FD] = false;
            return false;
          }
  bool Want = false;
  // The standard library's templates build the user's own types only as elements, through
  // layers of allocator and iterator helpers that would dwarf the summary; they are walked for
  // listed types alone (std::optional<S3Client>::emplace). Listed types are reported, never
  // entered: their members are the library's own business.
  bool ListedOnly = inStandardLibrary(FD);
  const auto *Method = dyn_cast<CXXMethodDecl>(FD);
  if (!Method ||
      (!Rules.forRecord(Method->getParent()) && !Rules.isReadFileType(Method->getParent())))
    Want = std::any_of(Types.begin(), Types.end(),
                       [&](QualType T) { return mentionsUserOrListedType(T, 0, ListedOnly); });
  LibraryWalks[FD] = Want;
  return Want;
}

std::string TuState::recordClass(const CXXRecordDecl *RD) {
  RD = RD->getCanonicalDecl();
  auto Known = ClassIds.find(RD);
  if (Known != ClassIds.end())
    return Known->second;
  std::string Id = Names.classId(RD);
  ClassIds[RD] = Id;
  const CXXRecordDecl *Def = RD->getDefinition();
  if (!Def || !Def->isPolymorphic())
    return Id;
  ClassSummary C;
  C.Id = Id;
  C.Name = qualifiedName(Def);
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Def)) {
    PrintingPolicy Policy(Ctx.getLangOpts());
    Policy.SuppressTagKeyword = true;
    Policy.SuppressInlineNamespace = true;
    C.Name = QualType(Spec->getTypeForDecl(), 0).getAsString(Policy);
  }
  C.TypeArgs = templateTypeArgs(Def);
  for (const CXXBaseSpecifier &Base : Def->bases())
    if (const CXXRecordDecl *B = Base.getType()->getAsCXXRecordDecl())
      C.Bases.push_back(recordClass(B));
  for (const CXXMethodDecl *M : Def->methods()) {
    if (!M->isVirtual() || isa<CXXDestructorDecl>(M))
      continue;
    VirtualMethod V;
    V.Id = Names.id(M);
    V.Name = Names.displayName(M);
    for (const CXXMethodDecl *Overridden : M->overridden_methods())
      V.Overrides.push_back(Names.id(Overridden));
    C.Methods.push_back(std::move(V));
  }
  Out.Classes.push_back(std::move(C));
  return Id;
}

void TuState::noteConstructed(const CXXRecordDecl *RD, unsigned Depth) {
  const CXXRecordDecl *Def = RD ? RD->getDefinition() : nullptr;
  if (!Def || !Def->isPolymorphic())
    return;
  Constructed.insert(recordClass(Def));
  // The virtual methods it has and inherits may run through a base-class pointer from now on:
  // walk them as the code that built it would be walked.
  llvm::SmallVector<const CXXRecordDecl *, 4> Pending{Def};
  llvm::SmallPtrSet<const CXXRecordDecl *, 4> Seen;
  while (!Pending.empty()) {
    const CXXRecordDecl *C = Pending.pop_back_val();
    if (!C || !Seen.insert(C).second)
      continue;
    for (const CXXMethodDecl *M : C->methods())
      if (M->isVirtual() && !isa<CXXDestructorDecl>(M))
        enqueueLibrary(M, Depth + 1);
    for (const CXXBaseSpecifier &Base : C->bases())
      if (const CXXRecordDecl *B = Base.getType()->getAsCXXRecordDecl())
        Pending.push_back(B->getDefinition());
  }
}

std::vector<std::string> TuState::silencedRules(SourceLocation L) {
  std::vector<std::string> Out;
  if (!Opts.ApplyNolint || L.isInvalid())
    return Out;
  if (SourceRules.empty())
    for (const rules::ResourceKind &Kind : Rules.config().Resources)
      if (std::find(SourceRules.begin(), SourceRules.end(), Kind.Rule) == SourceRules.end())
        SourceRules.push_back(Kind.Rule);
  for (const std::string &Rule : SourceRules)
    if (silenced(L, Rule))
      Out.push_back(Rule);
  return Out;
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
    F.TypeArgs = templateTypeArgs(FD);
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
  for (const auto &[Def, Depth] : LibraryDepths) {
    auto It = Functions.find(Names.id(Def));
    if (It != Functions.end())
      It->second.Library = true;
  }
  Out.ConstructedClasses.assign(Constructed.begin(), Constructed.end());
  for (auto &[Id, F] : Functions)
    Out.Functions.push_back(std::move(F));
  Functions.clear();
  return std::move(Out);
}

} // namespace coldstart::analyzer::detail
