#include "FunctionWalker.h"
#include "FactoryTarget.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace coldstart::analyzer::detail {

using namespace clang;

namespace {

/// The variable or field an lvalue expression designates at its root: `cfg` for
/// `cfg.region`, `m` for `m["key"]`, `g` for `*g`, the field for `this->client_`.
const ValueDecl *rootDecl(const Expr *E) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      return Ref->getDecl();
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      const Expr *Base = Member->getBase()->IgnoreParenImpCasts();
      if (isa<CXXThisExpr>(Base))
        return Member->getMemberDecl();
      E = Base;
      continue;
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
      if (Op->getNumArgs() == 0)
        return nullptr;
      E = Op->getArg(0);
      continue;
    }
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
      E = Call->getImplicitObjectArgument();
      continue;
    }
    if (const auto *Unary = dyn_cast<UnaryOperator>(E)) {
      E = Unary->getSubExpr();
      continue;
    }
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
      E = Subscript->getBase();
      continue;
    }
    return nullptr;
  }
  return nullptr;
}

bool hasStaticStorage(const ValueDecl *D) {
  const auto *V = dyn_cast_or_null<VarDecl>(D);
  return V && V->hasGlobalStorage();
}

/// Static-storage variables a condition reads: the objects a lazy-init guard checks.
class GuardCollector : public RecursiveASTVisitor<GuardCollector> {
public:
  llvm::SmallPtrSet<const ValueDecl *, 2> Vars;
  bool shouldVisitLambdaBody() const { return false; }
  bool VisitDeclRefExpr(DeclRefExpr *E) {
    if (hasStaticStorage(E->getDecl()))
      Vars.insert(E->getDecl());
    return true;
  }
};

bool endsInReturn(const Stmt *S) {
  if (!S)
    return false;
  if (isa<ReturnStmt>(S))
    return true;
  if (const auto *Block = dyn_cast<CompoundStmt>(S))
    return !Block->body_empty() && isa<ReturnStmt>(Block->body_back());
  return false;
}

class Walker : public RecursiveASTVisitor<Walker> {
  using Base = RecursiveASTVisitor<Walker>;

public:
  Walker(TuState &S, const FunctionDecl *FD) : S(S), Fn(FD), FnId(S.record(FD)) {}
  Walker(TuState &S, const VarDecl *VD) : S(S), Fn(nullptr), FnId(S.recordStaticInitializer(VD)) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }
  bool shouldVisitLambdaBody() const { return false; }

  /// Walks a static variable's initializer (the once-only context TraverseVarDecl sets up).
  void runInitializer(VarDecl *VD) { TraverseDecl(VD); }

  void run() {
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Fn))
      for (const CXXCtorInitializer *Init : Ctor->inits())
        traverseInitializer(Init);
    TraverseStmt(Fn->getBody());
  }

  // --- contexts ----------------------------------------------------------------------------

  bool TraverseDecl(Decl *D) {
    // Local classes and nested functions are functions of their own, walked when reached.
    if (D && isa<DeclContext>(D))
      return true;
    return Base::TraverseDecl(D);
  }

  bool TraverseVarDecl(VarDecl *D) {
    if (!D->hasGlobalStorage())
      return Base::TraverseVarDecl(D);
    OnceScope Once(*this, "in the initializer of static '" + D->getNameAsString() + "'");
    return Base::TraverseVarDecl(D);
  }

  bool TraverseStmt(Stmt *St) {
    if (!St)
      return true;
    if (auto *E = dyn_cast<Expr>(St))
      if (const ValueDecl *Guarded = recordStore(E)) {
        OnceScope Once(*this, "under the lazy-initialization guard on '" +
                                  Guarded->getNameAsString() + "'");
        return Base::TraverseStmt(St);
      }
    if (auto *Call = dyn_cast<CallExpr>(St))
      if (const FunctionDecl *Callee = Call->getDirectCallee();
          Callee && S.Rules.isOnceCall(Callee)) {
        OnceScope Once(*this, "under '" + qualifiedName(Callee) + "'");
        return Base::TraverseStmt(St);
      }
    // A default argument written in a library header is part of calling the library: the
    // S3Client(ClientConfiguration = ClientConfiguration()) default is the client's own cost.
    if (auto *Default = dyn_cast<CXXDefaultArgExpr>(St);
        Default && S.outOfScope(Default->getParam()->getLocation()))
      return true;
    if (auto *If = dyn_cast<IfStmt>(St))
      return traverseIf(If);
    if (auto *Block = dyn_cast<CompoundStmt>(St))
      return traverseBlock(Block);
    return Base::TraverseStmt(St);
  }

  // --- what the function does --------------------------------------------------------------

  bool VisitCallExpr(CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return true;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Call->getCallee()->IgnoreParenImpCasts()))
      CalleeRefs.insert(Ref);
    S.CallsTo[Callee->getCanonicalDecl()].push_back(Call);
    if (S.Rules.isHandlerRegistration(Callee)) {
      S.Registrations.push_back(
          {Call->getBeginLoc(), Callee, {Call->arg_begin(), Call->arg_end()}});
      S.addRegistrationCall(FnId, Call->getBeginLoc(), Call->getEndLoc());
      return true;
    }
    if (S.Rules.isOnceCall(Callee))
      return true;
    llvm::ArrayRef<const Expr *> Args(Call->getArgs(), Call->getNumArgs());
    // An operator called as a member function takes the object as its first argument.
    if (isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee) && !Args.empty())
      Args = Args.drop_front();
    if (S.Rules.isAllocationFactory(Callee))
      return visitFactory(Call, Callee, Args);
    if (const ResourceMatch &Match = S.Rules.forCall(Callee)) {
      addSite(ResourceSite::Kind::Call, Match, qualifiedName(Callee), Call->getBeginLoc(),
              Call->getEndLoc(), Args);
      return true;
    }
    if (const auto *Member = dyn_cast<CXXMethodDecl>(Callee);
        Member && Member->getDeclName().isIdentifier() && Member->getName() == "open" &&
        !Args.empty() && S.Rules.isReadFileType(Member->getParent())) {
      if (const ResourceMatch *Match = readFileKind(Member->getParent()))
        addSite(ResourceSite::Kind::FileRead, *Match,
                typeName(cast<CXXMemberCallExpr>(Call)->getObjectType()), Call->getExprLoc(),
                Call->getEndLoc(), Args);
      return true;
    }
    addEdge(EdgeKind::Call, Callee, Call->getExprLoc(), Args);
    return true;
  }

  /// A registration call that did not compile (its argument has errors, a header is missing)
  /// survives as a RecoveryExpr: its handler can still be found from the arguments.
  bool VisitRecoveryExpr(RecoveryExpr *E) {
    llvm::ArrayRef<Expr *> Parts = E->subExpressions();
    if (Parts.empty() || !Parts.front())
      return true;
    const Expr *Callee = Parts.front()->IgnoreParenImpCasts();
    llvm::SmallVector<const NamedDecl *, 4> Candidates;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Callee))
      Candidates.push_back(Ref->getDecl());
    else if (const auto *Overloads = dyn_cast<OverloadExpr>(Callee))
      Candidates.append(Overloads->decls_begin(), Overloads->decls_end());
    for (const NamedDecl *Candidate : Candidates) {
      const NamedDecl *Underlying = Candidate->getUnderlyingDecl();
      const auto *FD = dyn_cast<FunctionDecl>(Underlying);
      if (const auto *Template = dyn_cast<FunctionTemplateDecl>(Underlying))
        FD = Template->getTemplatedDecl();
      if (FD && S.Rules.isHandlerRegistration(FD)) {
        S.Registrations.push_back({E->getBeginLoc(), FD, {Parts.begin() + 1, Parts.end()}});
        S.addRegistrationCall(FnId, E->getBeginLoc(), E->getEndLoc());
        return true;
      }
    }
    return true;
  }

  bool VisitCXXNewExpr(CXXNewExpr *New) {
    const CXXRecordDecl *Record = New->getAllocatedType()->getAsCXXRecordDecl();
    const CXXConstructExpr *Construct = New->getConstructExpr();
    if (!Record || !Construct || Construct->getConstructor()->isCopyOrMoveConstructor())
      return true;
    // A listed type built with new is reported at the new-expression, not at its constructor.
    if (visitListedConstruction(Record, New->getAllocatedType(), Construct, New->getBeginLoc(),
                                New->getEndLoc()))
      ConsumedConstructions.insert(Construct);
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *E) {
    if (ConsumedConstructions.count(E))
      return true;
    const CXXConstructorDecl *Ctor = E->getConstructor();
    const CXXRecordDecl *Record = Ctor->getParent();
    bool Whole = E->getConstructionKind() == CXXConstructionKind::Complete;
    SourceLocation Where = LocationOverride.isValid() ? LocationOverride : E->getBeginLoc();
    if (Whole && !Ctor->isCopyOrMoveConstructor() &&
        visitListedConstruction(Record, E->getType(), E, Where, E->getEndLoc()))
      return true;
    // Listed types are reported, never entered: their own constructors are the library's.
    if (S.Rules.forRecord(Record) || S.Rules.isReadFileType(Record))
      return true;
    if (Ctor->isTrivial() || (Ctor->isImplicit() && Ctor->isCopyOrMoveConstructor()))
      return true;
    addEdge(EdgeKind::Construct, Ctor, Where,
            llvm::ArrayRef<const Expr *>(E->getArgs(), E->getNumArgs()));
    return true;
  }

  bool VisitLambdaExpr(LambdaExpr *Lambda) {
    const CXXMethodDecl *Op = Lambda->getCallOperator();
    if (const FunctionTemplateDecl *Generic = Op->getDescribedFunctionTemplate()) {
      for (const FunctionDecl *Spec : Generic->specializations())
        addEdge(EdgeKind::Lambda, Spec, Lambda->getBeginLoc(), {});
      return true;
    }
    addEdge(EdgeKind::Lambda, Op, Lambda->getBeginLoc(), {});
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    const auto *Named = dyn_cast<FunctionDecl>(Ref->getDecl());
    if (!Named || CalleeRefs.count(Ref))
      return true;
    // A function named without a call is handed to something that will call it (a thread, an
    // executor, a callback table): its body runs here too.
    if (S.Rules.forCall(Named) || S.Rules.isAllocationFactory(Named) ||
        S.Rules.isHandlerRegistration(Named))
      return true;
    addEdge(EdgeKind::Reference, Named, Ref->getBeginLoc(), {});
    return true;
  }

  bool VisitVarDecl(VarDecl *D) {
    if (const Expr *Init = D->getInit())
      S.addDependencies(D, S.dependencies(Init));
    return true;
  }

private:
  /// Marks the walk as once-only for as long as it lives.
  class OnceScope {
  public:
    OnceScope(Walker &W, std::string Reason) : W(W) { W.OnceReasons.push_back(std::move(Reason)); }
    ~OnceScope() { W.OnceReasons.pop_back(); }

  private:
    Walker &W;
  };

  std::string onceReason() const { return OnceReasons.empty() ? "" : OnceReasons.back(); }

  bool isGuarded(const ValueDecl *D) const {
    for (const auto &Set : Guards)
      if (Set.count(D))
        return true;
    return false;
  }

  /// Records a store (assignment, or a member call that mutates its object) for handler
  /// discovery and data flow. Returns the stored-into variable when the store is a guarded
  /// lazy initialization of a static-storage object, so its value is built once.
  const ValueDecl *recordStore(Expr *E) {
    const Expr *Target = nullptr;
    llvm::SmallVector<const Expr *, 4> Values;
    if (const auto *Assign = dyn_cast<BinaryOperator>(E); Assign && Assign->isAssignmentOp()) {
      Target = Assign->getLHS();
      Values.push_back(Assign->getRHS());
    } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
               Op && Op->isAssignmentOp() && Op->getNumArgs() == 2) {
      Target = Op->getArg(0);
      Values.push_back(Op->getArg(1));
    } else if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E)) {
      Target = Member->getImplicitObjectArgument();
      Values.append(Member->arg_begin(), Member->arg_end());
    } else {
      return nullptr;
    }
    const ValueDecl *Root = rootDecl(Target);
    if (!Root)
      return nullptr;
    std::vector<const Expr *> &Stored = S.Stores[Root];
    Stored.insert(Stored.end(), Values.begin(), Values.end());
    if (const auto *Var = dyn_cast<VarDecl>(Root); Var && !Var->hasGlobalStorage())
      for (const Expr *V : Values)
        S.addDependencies(Var, S.dependencies(V));
    return hasStaticStorage(Root) && isGuarded(Root) ? Root : nullptr;
  }

  static llvm::SmallPtrSet<const ValueDecl *, 2> guardVars(const IfStmt *If) {
    GuardCollector C;
    C.TraverseStmt(const_cast<Expr *>(If->getCond()));
    return C.Vars;
  }

  bool traverseIf(IfStmt *If) {
    TraverseStmt(If->getInit());
    TraverseStmt(If->getConditionVariableDeclStmt());
    TraverseStmt(If->getCond());
    Guards.push_back(If->getCond() ? guardVars(If) : llvm::SmallPtrSet<const ValueDecl *, 2>());
    TraverseStmt(If->getThen());
    TraverseStmt(If->getElse());
    Guards.pop_back();
    return true;
  }

  /// `if (g_client) return *g_client;` guards the rest of the block like an if-then would.
  bool traverseBlock(CompoundStmt *Block) {
    size_t Pushed = 0;
    for (Stmt *Child : Block->body()) {
      TraverseStmt(Child);
      if (const auto *If = dyn_cast<IfStmt>(Child);
          If && If->getCond() && !If->getElse() && endsInReturn(If->getThen())) {
        auto Vars = guardVars(If);
        if (!Vars.empty()) {
          Guards.push_back(std::move(Vars));
          ++Pushed;
        }
      }
    }
    Guards.resize(Guards.size() - Pushed);
    return true;
  }

  void traverseInitializer(const CXXCtorInitializer *Init) {
    // An implicit member initialization has no source of its own: report it at the member.
    const Expr *E = Init->getInit();
    if (!Init->isWritten() && Init->isAnyMemberInitializer() && E && !isa<CXXDefaultInitExpr>(E))
      LocationOverride = Init->getAnyMember()->getLocation();
    TraverseConstructorInitializer(const_cast<CXXCtorInitializer *>(Init));
    LocationOverride = SourceLocation();
  }

  /// A listed construction is a resource site. Returns whether Record is listed.
  bool visitListedConstruction(const CXXRecordDecl *Record, QualType Type,
                               const CXXConstructExpr *Construct, SourceLocation Begin,
                               SourceLocation End) {
    llvm::ArrayRef<const Expr *> Args(Construct->getArgs(), Construct->getNumArgs());
    if (S.Rules.isReadFileType(Record)) {
      // Only a construction with a file name opens the file; a default-constructed stream is
      // reported where open() is called on it.
      if (!Args.empty() && !isa<CXXDefaultArgExpr>(Args.front()))
        if (const ResourceMatch *Match = readFileKind(Record))
          addSite(ResourceSite::Kind::FileRead, *Match, typeName(Type), Begin, End, Args);
      return true;
    }
    const ResourceMatch &Match = S.Rules.forRecord(Record);
    if (!Match)
      return false;
    addSite(ResourceSite::Kind::Construction, Match, typeName(Type), Begin, End, Args, Record);
    return true;
  }

  bool visitFactory(const CallExpr *Call, const FunctionDecl *Factory,
                    llvm::ArrayRef<const Expr *> Args) {
    const TemplateArgumentList *TArgs = Factory->getTemplateSpecializationArgs();
    if (!TArgs || TArgs->size() == 0 || TArgs->get(0).getKind() != TemplateArgument::Type)
      return true;
    QualType Built = TArgs->get(0).getAsType();
    const CXXRecordDecl *Record = Built->getAsCXXRecordDecl();
    if (!Record)
      return true;
    if (S.Rules.isReadFileType(Record)) {
      if (!Args.empty())
        if (const ResourceMatch *Match = readFileKind(Record))
          addSite(ResourceSite::Kind::FileRead, *Match, typeName(Built), Call->getBeginLoc(),
                  Call->getEndLoc(), Args);
      return true;
    }
    if (const ResourceMatch &Match = S.Rules.forRecord(Record)) {
      addSite(ResourceSite::Kind::Construction, Match, typeName(Built), Call->getBeginLoc(),
              Call->getEndLoc(), Args, Record);
      return true;
    }
    // An unlisted type built through the factory runs its constructor here: find which one the
    // factory's instantiation calls, so a wrapper built per call is followed into.
    for (const CXXConstructorDecl *Ctor : constructorsRunBy(Factory, Record)) {
      // Factories forward their trailing arguments (Aws::MakeShared takes a tag first).
      llvm::ArrayRef<const Expr *> Forwarded = Args;
      if (Forwarded.size() > Ctor->getNumParams())
        Forwarded = Forwarded.take_back(Ctor->getNumParams());
      addEdge(EdgeKind::Factory, Ctor, Call->getBeginLoc(), Forwarded);
    }
    return true;
  }

  /// The resource kind a read-file type is reported under: the kind listing it, else the one
  /// named "file-read".
  const ResourceMatch *readFileKind(const CXXRecordDecl *Record) {
    if (const ResourceMatch &Match = S.Rules.forRecord(Record))
      return &Match;
    for (const rules::ResourceKind &Kind : S.Rules.config().Resources)
      if (Kind.Name == "file-read") {
        FallbackReadKind = {&Kind, qualifiedName(Record)};
        return &FallbackReadKind;
      }
    return nullptr;
  }

  std::string typeName(QualType T) const {
    PrintingPolicy Policy(S.Ctx.getLangOpts());
    Policy.SuppressTagKeyword = true;
    Policy.SuppressInlineNamespace = true;
    return T.getLocalUnqualifiedType().getAsString(Policy);
  }

  void addEdge(EdgeKind Kind, const FunctionDecl *Callee, SourceLocation Site,
               llvm::ArrayRef<const Expr *> Args) {
    if (S.outOfScope(Callee->getLocation()))
      return;
    CallEdge E;
    E.Caller = FnId;
    E.Callee = S.record(Callee);
    E.CalleeName = S.Names.displayName(Callee);
    E.Kind = Kind;
    E.Site = S.Loc.point(Site);
    E.OnceReason = onceReason();
    bool AnyDeps = false;
    for (const Expr *Arg : Args) {
      E.ArgDeps.push_back(S.dependencies(Arg));
      AnyDeps = AnyDeps || !E.ArgDeps.back().empty();
    }
    if (!AnyDeps)
      E.ArgDeps.clear();
    S.addEdge(std::move(E));
    S.enqueue(Callee);
  }

  void addSite(ResourceSite::Kind What, const ResourceMatch &Match, std::string Name,
               SourceLocation Begin, SourceLocation End, llvm::ArrayRef<const Expr *> Args,
               const CXXRecordDecl *Built = nullptr) {
    if (S.outOfScope(Begin) || S.silenced(Begin, Match.Kind->Rule))
      return;
    ResourceSite Site;
    Site.Function = FnId;
    Site.What = What;
    Site.ResourceKind = Match.Kind->Name;
    Site.Rule = Match.Kind->Rule;
    Site.Name = std::move(Name);
    // Matched through a base class: say which listed type it is.
    if (Built && Match.MatchedAs != qualifiedName(Built))
      Site.MatchedAs = Match.MatchedAs;
    Site.Where = S.Loc.point(Begin);
    Site.End = S.Loc.endOfToken(End, S.Ctx.getLangOpts());
    Site.OnceReason = onceReason();
    for (const Expr *Arg : Args) {
      std::vector<ParamRef> Deps = S.dependencies(Arg);
      Site.ArgDeps.insert(Site.ArgDeps.end(), Deps.begin(), Deps.end());
    }
    Site.Spelling = spelling(Begin, End);
    S.addSite(std::move(Site));
  }

  std::string spelling(SourceLocation Begin, SourceLocation End) const {
    CharSourceRange Range =
        CharSourceRange::getTokenRange(S.SM.getFileLoc(Begin), S.SM.getFileLoc(End));
    llvm::StringRef Text = Lexer::getSourceText(Range, S.SM, S.Ctx.getLangOpts());
    return Text.take_front(160).str();
  }

  TuState &S;
  const FunctionDecl *Fn;
  std::string FnId;
  std::vector<std::string> OnceReasons;
  std::vector<llvm::SmallPtrSet<const ValueDecl *, 2>> Guards;
  llvm::SmallPtrSet<const DeclRefExpr *, 8> CalleeRefs;
  llvm::SmallPtrSet<const CXXConstructExpr *, 4> ConsumedConstructions;
  SourceLocation LocationOverride;
  ResourceMatch FallbackReadKind;
};

} // namespace

void walkFunction(TuState &S, const FunctionDecl *FD) {
  Walker W(S, FD);
  W.run();
}

void walkStaticInitializer(TuState &S, const VarDecl *VD) {
  Walker W(S, VD);
  W.runInitializer(const_cast<VarDecl *>(VD));
}

} // namespace coldstart::analyzer::detail
