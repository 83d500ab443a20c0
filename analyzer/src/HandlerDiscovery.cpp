#include "HandlerDiscovery.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace coldstart::analyzer::detail {

using namespace clang;

namespace {

/// Returned values of a function body, not entering nested lambdas.
class ReturnCollector : public RecursiveASTVisitor<ReturnCollector> {
public:
  std::vector<const Expr *> Values;
  bool shouldVisitLambdaBody() const { return false; }
  bool VisitReturnStmt(ReturnStmt *R) {
    if (R->getRetValue())
      Values.push_back(R->getRetValue());
    return true;
  }
};

class CallableResolver {
public:
  explicit CallableResolver(TuState &S) : S(S) {}

  std::vector<const FunctionDecl *> resolve(const Expr *E) {
    Found.clear();
    Seen.clear();
    visit(E, 0);
    return Found;
  }

private:
  /// Deep enough for a handler that passes through a variable, a map, a factory and a wrapper
  /// function; bounded so that cyclic stores terminate.
  static constexpr unsigned MaxDepth = 16;

  void add(const FunctionDecl *FD) {
    if (const FunctionTemplateDecl *Generic = FD->getDescribedFunctionTemplate()) {
      for (const FunctionDecl *Spec : Generic->specializations())
        add(Spec);
      return;
    }
    if (std::find(Found.begin(), Found.end(), FD) == Found.end())
      Found.push_back(FD);
  }

  /// A functor's call operators (a lambda's closure type is one too); library types such as
  /// std::function are looked through instead, to what they were built from.
  bool addCallOperators(QualType T) {
    const CXXRecordDecl *Record = T.getNonReferenceType()->getAsCXXRecordDecl();
    if (!Record || !Record->hasDefinition() || S.SM.isInSystemHeader(Record->getLocation()))
      return false;
    bool Any = false;
    for (const NamedDecl *D : Record->lookup(
             S.Ctx.DeclarationNames.getCXXOperatorName(OverloadedOperatorKind::OO_Call))) {
      if (const auto *Template = dyn_cast<FunctionTemplateDecl>(D)) {
        add(Template->getTemplatedDecl());
        Any = true;
      } else if (const auto *Method = dyn_cast<CXXMethodDecl>(D)) {
        add(Method);
        Any = true;
      }
    }
    return Any;
  }

  void visitDecl(const ValueDecl *D, unsigned Depth) {
    if (!Seen.insert(D).second)
      return;
    if (const auto *Var = dyn_cast<VarDecl>(D))
      if (const Expr *Init = Var->getAnyInitializer())
        visit(Init, Depth + 1);
    if (const auto *Field = dyn_cast<FieldDecl>(D))
      if (const Expr *Init = Field->getInClassInitializer())
        visit(Init, Depth + 1);
    auto Stored = S.Stores.find(D);
    if (Stored != S.Stores.end())
      for (const Expr *Value : Stored->second)
        visit(Value, Depth + 1);
    // A parameter of a wrapper around the registration: what its callers pass.
    if (const auto *Param = dyn_cast<ParmVarDecl>(D))
      if (const auto *Owner = dyn_cast_or_null<FunctionDecl>(Param->getDeclContext())) {
        unsigned Index = Param->getFunctionScopeIndex();
        auto Calls = S.CallsTo.find(Owner->getCanonicalDecl());
        if (Calls != S.CallsTo.end())
          for (const CallExpr *Call : Calls->second) {
            unsigned Shift = isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Owner) ? 1 : 0;
            if (Index + Shift < Call->getNumArgs())
              visit(Call->getArg(Index + Shift), Depth + 1);
          }
      }
  }

  void visit(const Expr *E, unsigned Depth) {
    if (!E || Depth > MaxDepth || !Seen.insert(E).second)
      return;
    E = E->IgnoreImplicit()->IgnoreParenImpCasts();
    if (const auto *Lambda = dyn_cast<LambdaExpr>(E)) {
      add(Lambda->getCallOperator());
      return;
    }
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      if (const auto *FD = dyn_cast<FunctionDecl>(Ref->getDecl()))
        add(FD);
      else
        visitDecl(Ref->getDecl(), Depth);
      return;
    }
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      if (const auto *Method = dyn_cast<CXXMethodDecl>(Member->getMemberDecl()))
        add(Method);
      else if (isa<FieldDecl>(Member->getMemberDecl()))
        visitDecl(Member->getMemberDecl(), Depth);
      visit(Member->getBase(), Depth + 1);
      return;
    }
    if (const auto *Cond = dyn_cast<AbstractConditionalOperator>(E)) {
      visit(Cond->getTrueExpr(), Depth + 1);
      visit(Cond->getFalseExpr(), Depth + 1);
      return;
    }
    if (const auto *List = dyn_cast<InitListExpr>(E)) {
      if (addCallOperators(E->getType()))
        return;
      for (const Expr *Init : List->inits())
        visit(Init, Depth + 1);
      return;
    }
    if (const auto *Unary = dyn_cast<UnaryOperator>(E)) {
      visit(Unary->getSubExpr(), Depth + 1);
      return;
    }
    if (const auto *Cast = dyn_cast<CastExpr>(E)) {
      visit(Cast->getSubExpr(), Depth + 1);
      return;
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
      if (addCallOperators(E->getType()))
        return;
      for (const Expr *Arg : Construct->arguments())
        visit(Arg, Depth + 1);
      return;
    }
    if (const auto *Call = dyn_cast<CallExpr>(E)) {
      visitCall(Call, Depth);
      return;
    }
    if (addCallOperators(E->getType()))
      return;
    // Anything else (initializer lists of a map, pairs, aggregates): every callable inside.
    for (const Stmt *Child : E->children())
      if (const auto *ChildExpr = dyn_cast_or_null<Expr>(Child))
        visit(ChildExpr, Depth + 1);
  }

  void visitCall(const CallExpr *Call, unsigned Depth) {
    // A lookup in a container (`handlers.at(name)`, `handlers[name]`, `it->second`): every
    // callable stored in the container is a candidate.
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
      visit(Member->getImplicitObjectArgument(), Depth + 1);
    else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call); Op && Op->getNumArgs() > 0)
      visit(Op->getArg(0), Depth + 1);
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return;
    const FunctionDecl *Def = nullptr;
    if (Callee->hasBody(Def) && Def && !S.SM.isInSystemHeader(Def->getLocation())) {
      // A factory of handlers: what it returns.
      ReturnCollector Returns;
      Returns.TraverseStmt(Def->getBody());
      for (const Expr *Value : Returns.Values)
        visit(Value, Depth + 1);
      return;
    }
    // Library helpers (std::bind, std::ref, std::move) are looked through to their arguments.
    if (!isa<CXXMemberCallExpr>(Call) && !isa<CXXOperatorCallExpr>(Call))
      for (const Expr *Arg : Call->arguments())
        visit(Arg, Depth + 1);
  }

  TuState &S;
  std::vector<const FunctionDecl *> Found;
  llvm::SmallPtrSet<const void *, 32> Seen;
};

} // namespace

size_t discoverRegisteredHandlers(TuState &S, size_t From) {
  CallableResolver Resolver(S);
  size_t End = S.Registrations.size();
  for (size_t I = From; I < End; ++I) {
    const TuState::Registration &R = S.Registrations[I];
    std::string Via = qualifiedName(R.Registrar);
    for (const Expr *Arg : R.Args)
      for (const FunctionDecl *Handler : Resolver.resolve(Arg))
        S.addHandler(Handler, R.Site, Via);
  }
  return End;
}

} // namespace coldstart::analyzer::detail
