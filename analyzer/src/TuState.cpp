#include "TuState.h"

#include "clang/Index/USRGeneration.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ParentMapContext.h"
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
    for (const NolintIndex::Problem &P : Index->unmatched())
      Out.NolintProblems.push_back({{Loc.fileName(FID), P.Line, P.Column}, P.Message});
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

// --- arguments that are the same on every invocation ------------------------------------------

bool TuState::judgesArguments() {
  if (!JudgesArguments)
    JudgesArguments =
        std::any_of(Rules.config().Resources.begin(), Rules.config().Resources.end(),
                    [](const rules::ResourceKind &K) {
                      return K.Enabled && K.Arguments == rules::ArgumentPolicy::Invariant;
                    });
  return *JudgesArguments;
}

namespace {

/// The local variable an lvalue designates at its root (`r` for `r.WithKey(k)`, `cfg.bucket`,
/// `v[0]`, `*p`), or null.
const VarDecl *rootVariable(const Expr *E) {
  for (unsigned Hops = 0; E && Hops < 16; ++Hops) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      return dyn_cast<VarDecl>(Ref->getDecl());
    if (const auto *Member = dyn_cast<MemberExpr>(E))
      E = Member->getBase();
    else if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E))
      E = Call->getImplicitObjectArgument();
    else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E))
      E = Op->getNumArgs() > 0 ? Op->getArg(0) : nullptr;
    else if (const auto *Unary = dyn_cast<UnaryOperator>(E))
      E = Unary->getSubExpr();
    else if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E))
      E = Subscript->getBase();
    else
      return nullptr;
  }
  return nullptr;
}

/// A reference or pointer through which the referred object can be changed.
bool mutableAlias(QualType T) {
  if (T->isReferenceType() || T->isPointerType())
    return !T->getPointeeType().isConstQualified();
  return false;
}

/// Collects a function's stores into variables (see TuState::LocalStores). Lambda bodies are
/// searched too: a lambda that captures a local by reference may change it.
class StoreCollector : public RecursiveASTVisitor<StoreCollector> {
public:
  StoreCollector(TuState::LocalStores &Out, RuleMatcher &Rules) : Out(Out), Rules(Rules) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }

  bool VisitBinaryOperator(BinaryOperator *Op) {
    if (Op->isAssignmentOp())
      store(Op->getLHS(), Op->getRHS());
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *Op) {
    if (Op->isIncrementDecrementOp() || Op->getOpcode() == UO_AddrOf)
      opaque(Op->getSubExpr());
    return true;
  }
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    // `request.SetKey(k)`, `key.append(suffix)`: the object takes the arguments' values.
    if (const CXXMethodDecl *M = Call->getMethodDecl(); M && !M->isConst())
      for (const Expr *Arg : Call->arguments())
        store(Call->getImplicitObjectArgument(), Arg);
    return visitArguments(Call->getDirectCallee(), Call->arguments());
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
    if (Op->isAssignmentOp() && Op->getNumArgs() == 2) {
      store(Op->getArg(0), Op->getArg(1));
      return true;
    }
    if ((Op->getOperator() == OO_PlusPlus || Op->getOperator() == OO_MinusMinus) &&
        Op->getNumArgs() > 0)
      opaque(Op->getArg(0));
    return visitArguments(Op->getDirectCallee(), Op->arguments());
  }
  bool VisitCallExpr(CallExpr *Call) {
    if (isa<CXXMemberCallExpr>(Call) || isa<CXXOperatorCallExpr>(Call))
      return true;
    return visitArguments(Call->getDirectCallee(), Call->arguments());
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *E) {
    return visitArguments(E->getConstructor(), E->arguments());
  }
  bool VisitVarDecl(VarDecl *D) {
    // `auto &alias = key;` or `T *p = &key;`: key may change through the alias.
    if (D->getInit() && mutableAlias(D->getType()))
      opaque(D->getInit());
    return true;
  }

private:
  /// A local handed to a parameter that is a non-const reference or pointer may be changed by
  /// the call (an out-parameter, `configure(request, event)`). Moving and forwarding change
  /// nothing by themselves, and the listed calls that judge their arguments only read them.
  template <typename Range> bool visitArguments(const FunctionDecl *Callee, Range Args) {
    if (!Callee)
      return true;
    if (Callee->isInStdNamespace() && Callee->getDeclName().isIdentifier() &&
        (Callee->getName() == "move" || Callee->getName() == "forward"))
      return true;
    if (const ResourceMatch &Match = Rules.forCall(Callee);
        Match && Match.Kind->Arguments == rules::ArgumentPolicy::Invariant)
      return true;
    unsigned I = 0;
    for (const Expr *Arg : Args) {
      if (I < Callee->getNumParams() && mutableAlias(Callee->getParamDecl(I)->getType()))
        opaque(Arg);
      ++I;
    }
    return true;
  }

  void store(const Expr *Target, const Expr *Value) {
    if (const VarDecl *V = rootVariable(Target))
      Out.Values[V].push_back(Value);
  }
  void opaque(const Expr *Target) {
    if (const VarDecl *V = rootVariable(Target))
      Out.Opaque.insert(V);
  }

  TuState::LocalStores &Out;
  RuleMatcher &Rules;
};

/// The standard library's string types, whose members compute from their object and
/// arguments alone.
bool isStringClass(const CXXRecordDecl *R) {
  if (!R || !R->getIdentifier() || !R->isInStdNamespace())
    return false;
  llvm::StringRef Name = R->getName();
  return Name == "basic_string" || Name == "basic_string_view";
}

} // namespace

const TuState::LocalStores &TuState::storesIn(const FunctionDecl *FD) {
  std::unique_ptr<LocalStores> &Slot = StoresByFunction[FD];
  if (!Slot) {
    Slot = std::make_unique<LocalStores>();
    StoreCollector C(*Slot, Rules);
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD))
      for (const CXXCtorInitializer *Init : Ctor->inits())
        C.TraverseStmt(Init->getInit());
    C.TraverseStmt(FD->getBody());
  }
  return *Slot;
}

bool TuState::isInvariantCall(const FunctionDecl *FD) {
  const Decl *Key = FD->getCanonicalDecl();
  auto It = InvariantCalls.find(Key);
  if (It != InvariantCalls.end())
    return It->second;
  bool Listed = false;
  if (FD->getDeclName().isIdentifier()) {
    std::string Name = qualifiedName(FD);
    for (const rules::ResourceKind &Kind : Rules.config().Resources)
      if (Kind.Enabled && Kind.Arguments == rules::ArgumentPolicy::Invariant &&
          matchesAny(Kind.InvariantCalls, Name))
        Listed = true;
  }
  return InvariantCalls.try_emplace(Key, Listed).first->second;
}

/// Whether a call's result is computed from its object and arguments alone: constexpr
/// functions, the standard library's string operations (members of std::basic_string and
/// string_view, operator+, std::to_string, std::move), and a member that returns its own
/// object (a request builder's `WithKey(k)`).
bool TuState::keepsValue(const FunctionDecl *FD) {
  if (FD->isConstexpr())
    return true;
  if (const auto *M = dyn_cast<CXXMethodDecl>(FD)) {
    if (isStringClass(M->getParent()))
      return true;
    QualType R = M->getReturnType();
    if (!M->isStatic() && R->isLValueReferenceType())
      if (const CXXRecordDecl *Returned = R->getPointeeType()->getAsCXXRecordDecl())
        return Returned->getCanonicalDecl() == M->getParent()->getCanonicalDecl();
    return false;
  }
  if (!FD->isInStdNamespace())
    return false;
  if (FD->getOverloadedOperator() == OO_Plus)
    return true;
  if (!FD->getDeclName().isIdentifier())
    return false;
  llvm::StringRef Name = FD->getName();
  return Name == "to_string" || Name == "move" || Name == "forward";
}

bool TuState::variableVaries(const VarDecl *V, unsigned Depth) {
  if (isa<ParmVarDecl>(V)) // what a parameter carries is named by dependencies()
    return false;
  if (V->isConstexpr())
    return false;
  auto Known = VariableVaries.find(V);
  if (Known != VariableVaries.end())
    return Known->second;
  // A cycle (`key = key + suffix`) is judged by the variable's other values.
  VariableVaries[V] = false;
  bool Varies = false;
  const Expr *Init = V->getInit();
  if (V->hasGlobalStorage()) {
    // A constant is set once; anything else must be initialized here with an invariant value
    // and never stored into by the code walked so far (a global filled per request varies).
    if (!V->getType().isConstQualified()) {
      const auto *Construct = Init ? dyn_cast<CXXConstructExpr>(Init->IgnoreImplicit()) : nullptr;
      bool Written = Init && !(Construct && Construct->getNumArgs() == 0);
      auto Stored = Stores.find(V);
      Varies = !Written || (Stored != Stores.end() && !Stored->second.empty()) ||
               variesAt(Init, Depth + 1);
    }
  } else {
    const auto *Owner = dyn_cast_or_null<FunctionDecl>(V->getParentFunctionOrMethod());
    if (!Owner || !Owner->hasBody()) {
      Varies = true;
    } else {
      Varies = Init && variesAt(Init, Depth + 1);
      const LocalStores &Local = storesIn(Owner->getDefinition());
      if (!Varies && Local.Opaque.count(V))
        Varies = true;
      if (!Varies)
        if (auto It = Local.Values.find(V); It != Local.Values.end())
          Varies = std::any_of(It->second.begin(), It->second.end(),
                               [&](const Expr *Value) { return variesAt(Value, Depth + 1); });
    }
  }
  VariableVaries[V] = Varies;
  return Varies;
}

bool TuState::varies(const Expr *E) {
  return variesAt(E, 0);
}

namespace {

/// Whether a statement calls one of Checks.
class CheckFinder : public RecursiveASTVisitor<CheckFinder> {
public:
  explicit CheckFinder(const std::vector<rules::NamePattern> &Checks) : Checks(Checks) {}
  bool Found = false;
  bool shouldVisitLambdaBody() const { return false; }
  bool VisitCallExpr(CallExpr *Call) {
    if (const FunctionDecl *Callee = Call->getDirectCallee();
        Callee && Callee->getDeclName().isIdentifier() && matchesAny(Checks, qualifiedName(Callee)))
      Found = true;
    return !Found;
  }

private:
  const std::vector<rules::NamePattern> &Checks;
};

bool callsCheck(const Stmt *St, const std::vector<rules::NamePattern> &Checks) {
  CheckFinder F(Checks);
  F.TraverseStmt(const_cast<Stmt *>(St));
  return F.Found;
}

bool endsInReturn(const Stmt *St) {
  if (const auto *Block = dyn_cast_or_null<CompoundStmt>(St))
    St = Block->body_empty() ? nullptr : Block->body_back();
  return St && isa<ReturnStmt>(St);
}

} // namespace

bool TuState::behindCacheCheck(const Expr *E, const rules::ResourceKind &Kind) {
  if (Kind.CacheChecks.empty() || !E)
    return false;
  DynTypedNode Node = DynTypedNode::create(*E);
  for (unsigned Depth = 0; Depth < 64; ++Depth) {
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return false;
    const DynTypedNode &Parent = Parents[0];
    if (Parent.get<FunctionDecl>() || Parent.get<LambdaExpr>())
      return false;
    const Stmt *Child = Node.get<Stmt>();
    if (const auto *If = Parent.get<IfStmt>(); If && Child &&
                                               (Child == If->getThen() || Child == If->getElse()) &&
                                               callsCheck(If->getCond(), Kind.CacheChecks))
      return true;
    if (const auto *Block = Parent.get<CompoundStmt>(); Block && Child)
      for (const Stmt *Before : Block->body()) {
        if (Before == Child)
          break;
        if (const auto *If = dyn_cast<IfStmt>(Before); If && !If->getElse() &&
                                                       endsInReturn(If->getThen()) &&
                                                       callsCheck(If->getCond(), Kind.CacheChecks))
          return true;
      }
    Node = Parent;
  }
  return false;
}

bool TuState::variesAt(const Expr *E, unsigned Depth) {
  if (!E)
    return false;
  if (Depth > 32)
    return true;
  for (const Expr *Prev = nullptr; Prev != E;) {
    Prev = E;
    E = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *Cast = dyn_cast<CastExpr>(E))
      E = Cast->getSubExpr();
    else if (const auto *Opaque = dyn_cast<OpaqueValueExpr>(E); Opaque && Opaque->getSourceExpr())
      E = Opaque->getSourceExpr();
  }
  auto AnyVaries = [&](auto Children) {
    for (const Expr *Child : Children)
      if (variesAt(Child, Depth + 1))
        return true;
    return false;
  };
  if (isa<StringLiteral>(E) || isa<IntegerLiteral>(E) || isa<FloatingLiteral>(E) ||
      isa<CharacterLiteral>(E) || isa<CXXBoolLiteralExpr>(E) || isa<CXXNullPtrLiteralExpr>(E) ||
      isa<GNUNullExpr>(E) || isa<UnaryExprOrTypeTraitExpr>(E) || isa<PredefinedExpr>(E) ||
      isa<ImplicitValueInitExpr>(E) || isa<CXXScalarValueInitExpr>(E) || isa<LambdaExpr>(E) ||
      isa<TypeTraitExpr>(E) || isa<SubstNonTypeTemplateParmExpr>(E) || isa<UserDefinedLiteral>(E))
    return false;
  if (const auto *Default = dyn_cast<CXXDefaultArgExpr>(E))
    return variesAt(Default->getExpr(), Depth + 1);
  if (const auto *Default = dyn_cast<CXXDefaultInitExpr>(E))
    return variesAt(Default->getExpr(), Depth + 1);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    const ValueDecl *D = Ref->getDecl();
    if (isa<EnumConstantDecl>(D) || isa<FunctionDecl>(D))
      return false;
    const auto *V = dyn_cast<VarDecl>(D);
    return !V || variableVaries(V, Depth);
  }
  if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    if (const auto *V = dyn_cast<VarDecl>(Member->getMemberDecl()))
      return variableVaries(V, Depth);
    // A member of the current object, or one reached through a pointer, is not followed: what
    // set it, and when, is not known here.
    if (Member->isArrow() || isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
      return true;
    return variesAt(Member->getBase(), Depth + 1);
  }
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return true;
    if (isInvariantCall(Callee))
      return false;
    if (!keepsValue(Callee))
      return true;
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
      if (variesAt(Member->getImplicitObjectArgument(), Depth + 1))
        return true;
    return AnyVaries(Call->arguments());
  }
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    return AnyVaries(Construct->arguments());
  if (const auto *List = dyn_cast<InitListExpr>(E))
    return AnyVaries(List->inits());
  if (const auto *List = dyn_cast<CXXStdInitializerListExpr>(E))
    return variesAt(List->getSubExpr(), Depth + 1);
  if (const auto *Unary = dyn_cast<UnaryOperator>(E))
    return Unary->isIncrementDecrementOp() || variesAt(Unary->getSubExpr(), Depth + 1);
  if (const auto *Binary = dyn_cast<BinaryOperator>(E))
    return Binary->isAssignmentOp() || variesAt(Binary->getLHS(), Depth + 1) ||
           variesAt(Binary->getRHS(), Depth + 1);
  if (const auto *Conditional = dyn_cast<AbstractConditionalOperator>(E))
    return variesAt(Conditional->getCond(), Depth + 1) ||
           variesAt(Conditional->getTrueExpr(), Depth + 1) ||
           variesAt(Conditional->getFalseExpr(), Depth + 1);
  if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E))
    return variesAt(Subscript->getBase(), Depth + 1) || variesAt(Subscript->getIdx(), Depth + 1);
  return true;
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
