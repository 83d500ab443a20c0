#include "FunctionWalker.h"
#include "FactoryTarget.h"
#include "SpelledNames.h"

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

/// The object a lazy-init guard can keep something in that an expression designates: a
/// variable with static storage or a member of `this` (a FieldDecl), also through a local
/// reference or pointer bound to one (`auto &slot = cache_[key]`). Null for anything else.
const ValueDecl *keeper(const Expr *E) {
  const ValueDecl *D = rootDecl(E);
  for (unsigned Hops = 0; D && Hops < 4; ++Hops) {
    if (isa<FieldDecl>(D))
      return D;
    const auto *V = dyn_cast<VarDecl>(D);
    if (!V)
      return nullptr;
    if (V->hasGlobalStorage())
      return V;
    QualType T = V->getType();
    if (isa<ParmVarDecl>(V) || !V->getInit() || (!T->isReferenceType() && !T->isPointerType()))
      return nullptr;
    D = rootDecl(V->getInit());
  }
  return nullptr;
}

using KeeperSet = llvm::SmallPtrSet<const ValueDecl *, 2>;

/// What an if's condition tests about keepers: Unset holds those it is true for when they are
/// not built yet (`!conn_`, `g == nullptr`, `cache.find(k) == cache.end()`, `!ready`), Set those
/// it is true for once they are (`if (g) return *g;`).
struct ConditionTests {
  KeeperSet Unset, Set;
};

bool isNullLike(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (isa<CXXNullPtrLiteralExpr>(E) || isa<GNUNullExpr>(E))
    return true;
  if (const auto *Int = dyn_cast<IntegerLiteral>(E))
    return Int->getValue() == 0;
  if (const auto *Bool = dyn_cast<CXXBoolLiteralExpr>(E))
    return !Bool->getValue();
  return false;
}

/// The method name of a member call, or "" (operators, conversions).
llvm::StringRef calledName(const Expr *E) {
  const auto *Call = dyn_cast<CXXMemberCallExpr>(E->IgnoreParenImpCasts());
  const CXXMethodDecl *M = Call ? Call->getMethodDecl() : nullptr;
  return M && M->getDeclName().isIdentifier() ? M->getName() : "";
}

void collectTests(const Expr *Cond, bool Negated, ConditionTests &Out, unsigned Depth = 0) {
  if (!Cond || Depth > 8)
    return;
  Cond = Cond->IgnoreImplicit()->IgnoreParenImpCasts();
  auto Add = [&](const Expr *E, bool TrueWhenUnset) {
    if (const ValueDecl *K = keeper(E))
      (TrueWhenUnset != Negated ? Out.Unset : Out.Set).insert(K);
  };
  const Expr *LHS = nullptr, *RHS = nullptr;
  bool Equal = false;
  if (const auto *Op = dyn_cast<BinaryOperator>(Cond)) {
    if (Op->isLogicalOp()) {
      collectTests(Op->getLHS(), Negated, Out, Depth + 1);
      collectTests(Op->getRHS(), Negated, Out, Depth + 1);
      return;
    }
    if (Op->isEqualityOp()) {
      LHS = Op->getLHS();
      RHS = Op->getRHS();
      Equal = Op->getOpcode() == BO_EQ;
    }
  } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Cond);
             Op && Op->getNumArgs() == 2 &&
             (Op->getOperator() == OO_EqualEqual || Op->getOperator() == OO_ExclaimEqual)) {
    LHS = Op->getArg(0);
    RHS = Op->getArg(1);
    Equal = Op->getOperator() == OO_EqualEqual;
  }
  if (LHS && RHS) {
    // `g == nullptr`, `nullptr == g`, `cache.find(key) == cache.end()`: the tested side.
    bool RightIsReference = isNullLike(RHS) || calledName(RHS) == "end";
    if (RightIsReference || isNullLike(LHS))
      Add(RightIsReference ? LHS : RHS, Equal);
    return;
  }
  if (const auto *Not = dyn_cast<UnaryOperator>(Cond); Not && Not->getOpcode() == UO_LNot) {
    collectTests(Not->getSubExpr(), !Negated, Out, Depth + 1);
    return;
  }
  // `cache.empty()` is true while nothing is kept; `g.has_value()`, `g.get()`, `cache.count(k)`
  // and a plain `g` or `ready` while something is.
  Add(Cond, calledName(Cond) == "empty");
}

ConditionTests conditionTests(const Expr *Cond) {
  ConditionTests Out;
  collectTests(Cond, false, Out);
  return Out;
}

/// Whether an lvalue reaches its root through a pointer or a smart pointer (`state_->client`,
/// `*slot_`): the object stored into is then not part of the root's own object.
bool throughPointer(const Expr *E) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      const Expr *Base = Member->getBase()->IgnoreParenImpCasts();
      if (isa<CXXThisExpr>(Base))
        return false;
      if (Member->isArrow())
        return true;
      E = Base;
    } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
      if (Op->getOperator() == OO_Arrow || Op->getOperator() == OO_Star)
        return true;
      E = Op->getNumArgs() > 0 ? Op->getArg(0) : nullptr;
    } else if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
      E = Call->getImplicitObjectArgument();
    } else if (const auto *Unary = dyn_cast<UnaryOperator>(E)) {
      if (Unary->getOpcode() == UO_Deref)
        return true;
      E = Unary->getSubExpr();
    } else if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
      E = Subscript->getBase();
    } else {
      return false;
    }
  }
  return false;
}

/// Finds a store into one of Candidates: an assignment to it (or to an element of it), or a
/// non-const member call on the object itself (`g_config.emplace()`, `client_.reset(...)`, not
/// `client_->Get()`). Lambda bodies run elsewhere and are not searched. PerOwner says the store
/// is into a member of `this` itself (not through a reference or pointer member, which may
/// hold someone else's object): built once per object of the class.
class StoreFinder : public RecursiveASTVisitor<StoreFinder> {
public:
  explicit StoreFinder(const KeeperSet &Candidates) : Candidates(Candidates) {}
  const ValueDecl *Found = nullptr;
  bool PerOwner = false;

  bool shouldVisitLambdaBody() const { return false; }
  bool VisitBinaryOperator(BinaryOperator *Op) {
    if (Op->isAssignmentOp())
      check(Op->getLHS());
    return !Found;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
    if (Op->isAssignmentOp() && Op->getNumArgs() == 2)
      check(Op->getArg(0));
    return !Found;
  }
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const CXXMethodDecl *M = Call->getMethodDecl();
    const Expr *Object = Call->getImplicitObjectArgument();
    if (!M || M->isConst() || !Object)
      return true;
    Object = Object->IgnoreParenImpCasts();
    const auto *Member = dyn_cast<MemberExpr>(Object);
    if (isa<DeclRefExpr>(Object) ||
        (Member && isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts())))
      check(Object);
    return !Found;
  }

private:
  void check(const Expr *Target) {
    const ValueDecl *K = keeper(Target);
    if (!K || !Candidates.count(K))
      return;
    Found = K;
    PerOwner = isa<FieldDecl>(K) && !K->getType()->isReferenceType() && !throughPointer(Target);
  }
  const KeeperSet &Candidates;
};

/// The keeper a guarded branch stores into, if any, and whether it is kept per object.
struct StoredKeeper {
  const ValueDecl *Kept = nullptr;
  bool PerOwner = false;
};

StoredKeeper storedKeeper(llvm::ArrayRef<Stmt *> Stmts, const KeeperSet &Candidates) {
  if (Candidates.empty())
    return {};
  StoreFinder Finder(Candidates);
  for (Stmt *St : Stmts) {
    Finder.TraverseStmt(St);
    if (Finder.Found)
      break;
  }
  return {Finder.Found, Finder.PerOwner};
}

/// Whether a variable or member of type T owns the object it designates. References, pointers,
/// iterators and views do not (they alias one kept elsewhere); a std::shared_ptr shares it
/// (Shared: owned only when the variable's initializer allocates it).
enum class Holding { Owns, Aliases, Shares };

Holding holdingOf(QualType T) {
  T = T.getCanonicalType();
  if (T->isReferenceType() || T->isPointerType() || T->isMemberPointerType())
    return Holding::Aliases;
  const CXXRecordDecl *R = T->getAsCXXRecordDecl();
  if (!R)
    return Holding::Aliases;
  if (!R->getIdentifier()) // a closure owns its captures
    return Holding::Owns;
  llvm::StringRef Name = R->getName();
  if (Name.contains_insensitive("iterator") || Name == "reference_wrapper" ||
      Name == "basic_string_view" || Name == "span" || Name == "weak_ptr")
    return Holding::Aliases;
  if (Name == "shared_ptr" && R->isInStdNamespace())
    return Holding::Shares;
  return Holding::Owns;
}

bool endsInReturn(const Stmt *S) {
  if (!S)
    return false;
  if (isa<ReturnStmt>(S))
    return true;
  if (const auto *Block = dyn_cast<CompoundStmt>(S))
    return !Block->body_empty() && isa<ReturnStmt>(Block->body_back());
  return false;
}

/// What a callee's `this` is (see ObjectKind), with where it is built for a local.
struct ObjectRef {
  ObjectKind Kind = ObjectKind::None;
  std::string Function;
  SourceLocation Built;
  std::string Name;
};

/// What a call edge says beyond caller and callee.
struct EdgeExtras {
  bool Virtual = false;
  std::string DispatchClass;
  ObjectRef Object;
};

class Walker : public RecursiveASTVisitor<Walker> {
  using Base = RecursiveASTVisitor<Walker>;

public:
  Walker(TuState &S, const FunctionDecl *FD)
      : S(S), Fn(FD), FnId(S.record(FD)), LibDepth(S.libraryDepth(FD)) {}
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
    if (Fn->getBody() && !inLibrary() && S.Ctx.getDiagnostics().hasErrorOccurred())
      collectUnresolvedUses();
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
    if (Unresolved.empty() || !St)
      return traverseStmtInContext(St);
    bool Result = traverseStmtInContext(St);
    claimUnresolvedUses(St);
    return Result;
  }

  bool traverseStmtInContext(Stmt *St) {
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
      const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
      addSite(ResourceSite::Kind::Call, Match, qualifiedName(Callee), Call->getBeginLoc(),
              Call->getEndLoc(), Args, nullptr, false,
              Member ? Member->getImplicitObjectArgument() : nullptr);
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
    EdgeExtras Extras;
    if (const auto *Method = dyn_cast<CXXMethodDecl>(Callee); Method && Method->isInstance()) {
      const Expr *Object = nullptr;
      bool Qualified = false;
      if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
        if (const auto *ME = dyn_cast<MemberExpr>(Member->getCallee()->IgnoreParens())) {
          Object = ME->getBase();
          Qualified = ME->hasQualifier();
        }
      } else if (isa<CXXOperatorCallExpr>(Call) && Call->getNumArgs() > 0) {
        Object = Call->getArg(0);
      }
      if (Object) {
        Extras.Object = classifyObject(Object);
        // `Base::put()` names its function; an object whose class is known (a local of a
        // derived class, a final class) runs that class's override; anything else reaches
        // whichever override its dynamic class has.
        if (Method->isVirtual() && !Qualified) {
          if (const CXXMethodDecl *Known = Method->getDevirtualizedMethod(Object, false)) {
            Callee = Known;
          } else {
            Extras.Virtual = true;
            Extras.DispatchClass = S.recordClass(Method->getParent());
          }
        }
      }
    }
    addEdge(EdgeKind::Call, Callee, Call->getExprLoc(), Args, Extras);
    return true;
  }

  /// A registration call that did not compile (its argument has errors, a header is missing)
  /// survives as a RecoveryExpr: its handler can still be found from the arguments.
  bool VisitRecoveryExpr(RecoveryExpr *E) {
    // `auto c = Aws::S3::S3Client(bad, args)`: the construction failed to type-check, but what
    // it builds is known.
    llvm::ArrayRef<Expr *> Parts = E->subExpressions();
    bool FailedCall = !Parts.empty() && Parts.front() && namesFunction(Parts.front());
    if (!FailedCall && !E->getType()->isDependentType())
      if (const CXXRecordDecl *Record = E->getType()->getAsCXXRecordDecl())
        if (const ResourceMatch &Match = S.Rules.forRecord(Record)) {
          addSite(ResourceSite::Kind::Construction, Match, typeName(E->getType()), E->getBeginLoc(),
                  E->getEndLoc(), llvm::ArrayRef<const Expr *>(), Record);
          return true;
        }
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
    S.noteConstructed(Record, LibDepth);
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
    if (Whole)
      S.noteConstructed(Record, LibDepth);
    if (Ctor->isTrivial() || (Ctor->isImplicit() && Ctor->isCopyOrMoveConstructor()))
      return true;
    // The object a constructor runs for: a base or member of the object being built is part of
    // it; anything else is a new object built here (a local, a temporary, a new-expression).
    EdgeExtras Extras;
    if (!Whole || E == MemberInit) {
      Extras.Object.Kind = ObjectKind::This;
    } else {
      Extras.Object.Kind = ObjectKind::Local;
      Extras.Object.Function = FnId;
      Extras.Object.Built = Where;
      auto Var = InitializedVars.find(E);
      Extras.Object.Name =
          Var != InitializedVars.end() ? Var->second->getNameAsString() : typeName(E->getType());
    }
    addEdge(EdgeKind::Construct, Ctor, Where,
            llvm::ArrayRef<const Expr *>(E->getArgs(), E->getNumArgs()), Extras);
    return true;
  }

  bool VisitLambdaExpr(LambdaExpr *Lambda) {
    const CXXMethodDecl *Op = Lambda->getCallOperator();
    if (const FunctionTemplateDecl *Generic = Op->getDescribedFunctionTemplate()) {
      for (const FunctionDecl *Spec : Generic->specializations())
        addEdge(EdgeKind::Lambda, Spec, Lambda->getBeginLoc(), {}, lambdaExtras());
      return true;
    }
    addEdge(EdgeKind::Lambda, Op, Lambda->getBeginLoc(), {}, lambdaExtras());
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
    if (const Expr *Init = D->getInit()) {
      S.addDependencies(D, S.dependencies(Init));
      InitializedVars[Init->IgnoreImplicit()] = D;
      visitFailedConstruction(D, Init);
    }
    return true;
  }

private:
  /// `Aws::DynamoDB::DynamoDBClient c(provider, config);` where no constructor takes those
  /// arguments (a header is missing, an overload changed): the variable's type is known and
  /// listed, so it is still built here. An initializer that is a failed call (`T c = make(x)`)
  /// is not a construction of T here.
  void visitFailedConstruction(const VarDecl *D, const Expr *Init) {
    const auto *Failed = dyn_cast<RecoveryExpr>(Init->IgnoreImplicit());
    if (!Failed || !Failed->getType()->isDependentType() || D->getType()->isReferenceType() ||
        D->getType()->isDependentType())
      return;
    llvm::ArrayRef<const Expr *> Parts = Failed->subExpressions();
    if (!Parts.empty() && Parts.front() && namesFunction(Parts.front()))
      return;
    const CXXRecordDecl *Record = D->getType()->getAsCXXRecordDecl();
    if (!Record)
      return;
    const ResourceMatch &Match = S.Rules.forRecord(Record);
    if (!Match)
      return;
    llvm::SmallVector<const Expr *, 4> Args(Parts.begin(), Parts.end());
    addSite(ResourceSite::Kind::Construction, Match, typeName(D->getType()), D->getLocation(),
            Failed->getEndLoc(), Args, Record);
  }

  /// Whether E names a function (the callee of a call that failed to type-check).
  static bool namesFunction(const Expr *E) {
    E = E->IgnoreParenImpCasts();
    if (isa<OverloadExpr>(E) || isa<UnresolvedMemberExpr>(E) || isa<CXXDependentScopeMemberExpr>(E))
      return true;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      return isa<FunctionDecl>(Ref->getDecl());
    if (const auto *Member = dyn_cast<MemberExpr>(E))
      return isa<CXXMethodDecl>(Member->getMemberDecl());
    return false;
  }

  /// A use of a name Clang could not resolve, waiting for the innermost statement around it.
  struct PendingUse {
    SpelledUse Use;
    ResourceMatch Match;
    ResourceSite::Kind What;
    bool Claimed = false;
  };

  /// Lambdas and local classes inside the function: functions of their own, walked apart.
  class NestedBodies : public RecursiveASTVisitor<NestedBodies> {
  public:
    bool shouldVisitLambdaBody() const { return false; }
    bool VisitLambdaExpr(LambdaExpr *L) {
      Ranges.push_back(L->getSourceRange());
      return true;
    }
    bool VisitCXXRecordDecl(CXXRecordDecl *R) {
      Ranges.push_back(R->getSourceRange());
      return true;
    }
    llvm::SmallVector<SourceRange, 4> Ranges;
  };

  /// The listed resource a spelled name is, by the rule set's types and calls; null if none.
  std::optional<std::pair<ResourceMatch, ResourceSite::Kind>> spelledMatch(const SpelledUse &U) {
    const rules::SourceConfig &Config = S.Rules.config();
    bool Construction = U.What == SpelledUse::Use::Construction;
    if (!U.Factory.empty() && !matchesAny(Config.AllocationFactories, U.Factory))
      return std::nullopt;
    for (const rules::ResourceKind &Kind : Config.Resources) {
      if (matchesAny(Kind.Types, U.Name))
        return std::make_pair(ResourceMatch{&Kind, U.Name}, ResourceSite::Kind::Construction);
      if (!Construction && matchesAny(Kind.Calls, U.Name))
        return std::make_pair(ResourceMatch{&Kind, U.Name}, ResourceSite::Kind::Call);
    }
    return std::nullopt;
  }

  /// The unresolved listed names this function's body spells (only read when the TU had
  /// errors): each is reported where the walk finds the innermost statement holding it, in
  /// that statement's once-only context.
  void collectUnresolvedUses() {
    NestedBodies Nested;
    Nested.TraverseStmt(Fn->getBody());
    for (SpelledUse &U : unresolvedUses(S.Ctx, Fn->getBody()->getSourceRange(), Nested.Ranges)) {
      if (U.Static)
        continue; // a static's initializer runs once
      if (auto Found = spelledMatch(U))
        Unresolved.push_back({std::move(U), std::move(Found->first), Found->second});
    }
  }

  void claimUnresolvedUses(const Stmt *St) {
    SourceRange Range = St->getSourceRange();
    for (PendingUse &P : Unresolved) {
      if (P.Claimed || !S.SM.isPointWithin(P.Use.Begin, Range.getBegin(), Range.getEnd()))
        continue;
      P.Claimed = true;
      addSite(P.What, P.Match, P.Use.Name, P.Use.Begin, P.Use.End, {}, nullptr,
              /*ByName=*/true);
    }
  }

  /// A once-only context: always (a static's initializer, std::call_once, a guard on a static),
  /// or PerOwner (a guard on a member of `this`: once per object).
  struct OnceContext {
    std::string Reason;
    bool PerOwner = false;
  };

  /// Marks the walk as once-only for as long as it lives.
  class OnceScope {
  public:
    OnceScope(Walker &W, std::string Reason, bool PerOwner = false) : W(W) {
      W.OnceReasons.push_back({std::move(Reason), PerOwner});
    }
    ~OnceScope() { W.OnceReasons.pop_back(); }
    OnceScope(const OnceScope &) = delete;
    OnceScope &operator=(const OnceScope &) = delete;

  private:
    Walker &W;
  };

  /// The innermost unconditional once-only context, else the innermost per-owner one.
  const OnceContext *onceContext() const {
    for (auto It = OnceReasons.rbegin(); It != OnceReasons.rend(); ++It)
      if (!It->PerOwner)
        return &*It;
    return OnceReasons.empty() ? nullptr : &OnceReasons.back();
  }

  static std::string guardReason(const ValueDecl *Kept) {
    return "under the lazy-initialization guard on '" + Kept->getNameAsString() + "'";
  }

  /// A lambda's body runs for the object of the function that creates it (its captured this).
  static EdgeExtras lambdaExtras() {
    EdgeExtras X;
    X.Object.Kind = ObjectKind::This;
    return X;
  }

  /// Whether a shared_ptr variable's initializer allocates the object it points to.
  bool allocates(const Expr *Init) {
    Init = Init->IgnoreImplicit()->IgnoreParenImpCasts();
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Init);
        Construct && Construct->getNumArgs() == 1)
      Init = Construct->getArg(0)->IgnoreImplicit()->IgnoreParenImpCasts();
    if (isa<CXXNewExpr>(Init))
      return true;
    const auto *Call = dyn_cast<CallExpr>(Init);
    const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
    return Callee && S.Rules.isAllocationFactory(Callee);
  }

  /// Whether FD is a member of a class from a system header (a standard container, a smart
  /// pointer, an iterator): its accessors give views of what the object holds.
  bool isLibraryMember(const FunctionDecl *FD) const {
    const auto *M = dyn_cast_or_null<CXXMethodDecl>(FD);
    return M && S.SM.isInSystemHeader(S.SM.getFileLoc(M->getParent()->getLocation()));
  }

  /// The object an expression designates, as far as ownership goes: `this` or what this owns
  /// (members by value, through unique_ptr and optional, elements of owned containers), a local
  /// or captured variable owning its object, a static, or a temporary built here. References,
  /// pointers and iterators are followed to what they were bound to; parameters and objects
  /// someone else owns are None.
  ObjectRef classifyObject(const Expr *E, unsigned Depth = 0) {
    if (!E || Depth > 8)
      return {};
    for (const Expr *Prev = nullptr; Prev != E;) {
      Prev = E;
      E = E->IgnoreImplicit()->IgnoreParens();
    }
    ObjectRef R;
    if (isa<CXXThisExpr>(E)) {
      R.Kind = ObjectKind::This;
      return R;
    }
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      if (const auto *Var = dyn_cast<VarDecl>(Member->getMemberDecl())) {
        if (Var->hasGlobalStorage())
          R.Kind = ObjectKind::Static;
        return R;
      }
      const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
      if (!Field || holdingOf(Field->getType()) != Holding::Owns)
        return R;
      return classifyObject(Member->getBase(), Depth + 1);
    }
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
      if (!Var || isa<ParmVarDecl>(Var))
        return R;
      if (Var->hasGlobalStorage()) {
        R.Kind = ObjectKind::Static;
        return R;
      }
      const Expr *Init = Var->getInit();
      Holding H = holdingOf(Var->getType());
      if (H == Holding::Shares)
        H = Init && allocates(Init) ? Holding::Owns : Holding::Aliases;
      if (H == Holding::Aliases)
        return Init ? classifyObject(Init, Depth + 1) : R;
      const auto *Owner = dyn_cast_or_null<FunctionDecl>(Var->getParentFunctionOrMethod());
      // An init-capture belongs to the closure, built where the lambda is.
      if (const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Owner);
          Var->isInitCapture() && Method && Method->getParent()->isLambda())
        Owner = dyn_cast_or_null<FunctionDecl>(Method->getParent()->getParentFunctionOrMethod());
      if (!Owner)
        return R;
      R.Function = S.Names.id(Owner);
      R.Kind = R.Function == FnId ? ObjectKind::Local : ObjectKind::Captured;
      R.Built = Var->getLocation();
      R.Name = Var->getNameAsString();
      return R;
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
      OverloadedOperatorKind K = Op->getOperator();
      if ((K == OO_Arrow || K == OO_Star || K == OO_Subscript) && Op->getNumArgs() > 0 &&
          isLibraryMember(Op->getDirectCallee()))
        return classifyObject(Op->getArg(0), Depth + 1);
      return R;
    }
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
      const CXXMethodDecl *M = Call->getMethodDecl();
      if (M && isLibraryMember(M) && holdingOf(M->getReturnType()) == Holding::Aliases)
        return classifyObject(Call->getImplicitObjectArgument(), Depth + 1);
    }
    if (const auto *Unary = dyn_cast<UnaryOperator>(E)) {
      if (Unary->getOpcode() == UO_Deref || Unary->getOpcode() == UO_AddrOf)
        return classifyObject(Unary->getSubExpr(), Depth + 1);
      return R;
    }
    // A temporary (or a new-expression's object) built here.
    if (isa<CXXNewExpr>(E) || (E->isPRValue() && E->getType()->isRecordType())) {
      R.Kind = ObjectKind::Local;
      R.Function = FnId;
      R.Built = E->getBeginLoc();
      if (const auto *New = dyn_cast<CXXNewExpr>(E))
        R.Name = typeName(New->getAllocatedType());
      else
        R.Name = typeName(E->getType());
    }
    return R;
  }

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
    ConditionTests Tests = conditionTests(If->getCond());
    traverseBranch(If->getThen(), Tests.Unset);
    traverseBranch(If->getElse(), Tests.Set);
    Guards.pop_back();
    return true;
  }

  /// A branch taken while a keeper is not built yet, that builds it (stores into it), runs once
  /// per keeper: the whole branch, with the locals built to make the object (a configuration
  /// filled in just before the client) and a flag set after the work. Once per process for a
  /// static keeper; once per object for a member of `this`, which the join checks against where
  /// that object is built.
  void traverseBranch(Stmt *Branch, const KeeperSet &Unset) {
    if (!Branch)
      return;
    StoredKeeper Stored = storedKeeper({Branch}, Unset);
    if (!Stored.Kept) {
      TraverseStmt(Branch);
      return;
    }
    OnceScope Once(*this, guardReason(Stored.Kept), Stored.PerOwner);
    TraverseStmt(Branch);
  }

  /// `if (g_client) return *g_client;` guards the rest of the block like an if-then would.
  bool traverseBlock(CompoundStmt *Block) {
    size_t Pushed = 0, OncePushed = 0;
    llvm::ArrayRef<Stmt *> Body(Block->body_begin(), Block->body_end());
    for (size_t I = 0; I < Body.size(); ++I) {
      TraverseStmt(Body[I]);
      const auto *If = dyn_cast<IfStmt>(Body[I]);
      if (!If || !If->getCond() || If->getElse() || !endsInReturn(If->getThen()))
        continue;
      auto Vars = guardVars(If);
      if (!Vars.empty()) {
        Guards.push_back(std::move(Vars));
        ++Pushed;
      }
      StoredKeeper Stored = storedKeeper(Body.drop_front(I + 1), conditionTests(If->getCond()).Set);
      if (Stored.Kept) {
        OnceReasons.push_back({guardReason(Stored.Kept), Stored.PerOwner});
        ++OncePushed;
      }
    }
    Guards.resize(Guards.size() - Pushed);
    OnceReasons.resize(OnceReasons.size() - OncePushed);
    return true;
  }

  void traverseInitializer(const CXXCtorInitializer *Init) {
    // An implicit member initialization has no source of its own: report it at the member.
    const Expr *E = Init->getInit();
    if (!Init->isWritten() && Init->isAnyMemberInitializer() && E && !isa<CXXDefaultInitExpr>(E))
      LocationOverride = Init->getAnyMember()->getLocation();
    // The member's own construction builds part of this object, not a new one.
    if (Init->isAnyMemberInitializer() && E) {
      const Expr *Built = E;
      if (const auto *Default = dyn_cast<CXXDefaultInitExpr>(Built))
        Built = Default->getExpr();
      MemberInit = Built ? Built->IgnoreImplicit() : nullptr;
    }
    TraverseConstructorInitializer(const_cast<CXXCtorInitializer *>(Init));
    LocationOverride = SourceLocation();
    MemberInit = nullptr;
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
    // Built from a pool, the object borrows a connection the pool already opened.
    for (const Expr *Arg : Args)
      if (const CXXRecordDecl *From = Arg->getType().getNonReferenceType()->getAsCXXRecordDecl())
        if (S.Rules.isLeaseSource(From))
          return true;
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
    S.noteConstructed(Record, LibDepth);
    EdgeExtras Extras;
    Extras.Object.Kind = ObjectKind::Local;
    Extras.Object.Function = FnId;
    Extras.Object.Built = Call->getBeginLoc();
    Extras.Object.Name = typeName(Built);
    // An unlisted type built through the factory runs its constructor here: find which one the
    // factory's instantiation calls, so a wrapper built per call is followed into.
    for (const CXXConstructorDecl *Ctor : constructorsRunBy(Factory, Record)) {
      // Factories forward their trailing arguments (Aws::MakeShared takes a tag first).
      llvm::ArrayRef<const Expr *> Forwarded = Args;
      if (Forwarded.size() > Ctor->getNumParams())
        Forwarded = Forwarded.take_back(Ctor->getNumParams());
      addEdge(EdgeKind::Factory, Ctor, Call->getBeginLoc(), Forwarded, Extras);
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
    // A library's own aliases (`value_type`) mean nothing where the finding is reported.
    if (inLibrary())
      T = T.getCanonicalType();
    return T.getLocalUnqualifiedType().getAsString(Policy);
  }

  /// Whether this walk is of library code (FunctionSummary::Library).
  bool inLibrary() const { return LibDepth > 0; }

  void addEdge(EdgeKind Kind, const FunctionDecl *Callee, SourceLocation Site,
               llvm::ArrayRef<const Expr *> Args, const EdgeExtras &Extras = {}) {
    bool InScope = !S.outOfScope(Callee->getLocation());
    // A library template the user's types instantiated is walked as far as MaxLibraryDepth; a
    // virtual call is kept whatever its callee, since the overrides may be the user's.
    bool IntoLibrary =
        !InScope && LibDepth < TuState::MaxLibraryDepth && S.wantsLibraryWalk(Callee);
    if (!InScope && !IntoLibrary && !Extras.Virtual)
      return;
    CallEdge E;
    E.Caller = FnId;
    E.Callee = S.record(Callee);
    E.CalleeName = S.Names.displayName(Callee);
    E.Kind = Kind;
    E.Site = S.Loc.point(Site);
    if (const OnceContext *Once = onceContext()) {
      E.OnceReason = Once->Reason;
      E.OwnerGuard = Once->PerOwner;
    }
    E.Virtual = Extras.Virtual;
    E.DispatchClass = Extras.DispatchClass;
    E.Object = Extras.Object.Kind;
    E.ObjectFunction = Extras.Object.Function;
    E.ObjectName = Extras.Object.Name;
    if (Extras.Object.Built.isValid())
      E.ObjectBuilt = S.Loc.point(Extras.Object.Built);
    // A finding the join moves to this line (where the user's code calls into a library, where
    // an object is built) obeys the NOLINT comments there.
    if (!inLibrary()) {
      if (IntoLibrary)
        E.SilencedAtSite = S.silencedRules(Site);
      if (Extras.Object.Built.isValid())
        E.SilencedAtObject = S.silencedRules(Extras.Object.Built);
    }
    bool AnyDeps = false;
    for (const Expr *Arg : Args) {
      E.ArgDeps.push_back(S.dependencies(Arg));
      AnyDeps = AnyDeps || !E.ArgDeps.back().empty();
    }
    if (!AnyDeps)
      E.ArgDeps.clear();
    if (S.judgesArguments() && !Args.empty()) {
      bool AnyVaries = false;
      for (const Expr *Arg : Args) {
        E.ArgVaries.push_back(S.varies(Arg));
        AnyVaries = AnyVaries || E.ArgVaries.back();
      }
      if (!AnyVaries)
        E.ArgVaries.clear();
      // The join reports a download helper's finding at the call that passes it invariant
      // arguments: NOLINT on this line applies to it.
      if (!inLibrary() && !IntoLibrary)
        E.SilencedAtSite = S.silencedRules(Site);
    }
    S.addEdge(std::move(E));
    if (InScope)
      S.enqueue(Callee);
    else if (IntoLibrary)
      S.enqueueLibrary(Callee, LibDepth + 1);
  }

  void addSite(ResourceSite::Kind What, const ResourceMatch &Match, std::string Name,
               SourceLocation Begin, SourceLocation End, llvm::ArrayRef<const Expr *> Args,
               const CXXRecordDecl *Built = nullptr, bool ByName = false,
               const Expr *Object = nullptr) {
    if (S.outOfScope(Begin) && !inLibrary())
      return;
    ResourceSite Site;
    Site.Silenced = S.silenced(Begin, Match.Kind->Rule);
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
    if (const OnceContext *Once = onceContext()) {
      Site.OnceReason = Once->Reason;
      Site.OwnerGuard = Once->PerOwner;
    }
    for (const Expr *Arg : Args) {
      std::vector<ParamRef> Deps = S.dependencies(Arg);
      Site.ArgDeps.insert(Site.ArgDeps.end(), Deps.begin(), Deps.end());
    }
    if (Match.Kind->Arguments == rules::ArgumentPolicy::Invariant) {
      // The object a listed member is called on (an HTTP client made for the request's host)
      // keys the call when it comes from the request; whether it varies otherwise (a client
      // kept in a member) says nothing about what is fetched.
      if (Object)
        Site.ObjectDeps = S.dependencies(Object);
      for (const Expr *Arg : Args)
        Site.ArgsVary = Site.ArgsVary || S.varies(Arg);
      // Written to /tmp and fetched only while the copy is missing: once per environment.
      if (const Expr *Inside = Object ? Object : (Args.empty() ? nullptr : Args.front());
          Site.OnceReason.empty() && S.behindCacheCheck(Inside, *Match.Kind))
        Site.OnceReason = "behind a check that the copy it keeps is already there";
    }
    Site.Spelling = spelling(Begin, End);
    Site.ByName = ByName;
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
  unsigned LibDepth = 0;
  std::vector<OnceContext> OnceReasons;
  /// The construction a member initializer of the constructor being walked runs, while it runs.
  const Expr *MemberInit = nullptr;
  /// Variables by their initializer, to name the object a construction builds.
  llvm::DenseMap<const Expr *, const VarDecl *> InitializedVars;
  std::vector<llvm::SmallPtrSet<const ValueDecl *, 2>> Guards;
  llvm::SmallPtrSet<const DeclRefExpr *, 8> CalleeRefs;
  llvm::SmallPtrSet<const CXXConstructExpr *, 4> ConsumedConstructions;
  SourceLocation LocationOverride;
  ResourceMatch FallbackReadKind;
  std::vector<PendingUse> Unresolved;
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
