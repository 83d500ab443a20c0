#include "StaticConstFix.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"
#include "clang/Basic/SourceManager.h"

namespace coldstart::tidy {

using namespace clang;

namespace {

/// The immutable value types (see the header for why these and no others).
bool isImmutableValueType(QualType Type) {
  const CXXRecordDecl *Record = Type->getAsCXXRecordDecl();
  if (!Record)
    return false;
  std::string Name;
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Record))
    Name = Spec->getSpecializedTemplate()->getQualifiedNameAsString();
  else
    Name = Record->getQualifiedNameAsString();
  return Name == "std::basic_regex" || Name == "boost::basic_regex" || Name == "re2::RE2";
}

/// The construction an initializer consists of, seen through implicit nodes, functional casts
/// (`std::regex("x")`) and the elidable copy of a temporary (`= std::regex("x")` before C++17).
const CXXConstructExpr *wholeConstruction(const Expr *Init) {
  while (Init) {
    Init = Init->IgnoreImplicit();
    if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(Init)) {
      Init = Cast->getSubExpr();
      continue;
    }
    const auto *Construct = dyn_cast<CXXConstructExpr>(Init);
    if (!Construct)
      return nullptr;
    if (Construct->isElidable() && Construct->getNumArgs() == 1) {
      Init = Construct->getArg(0);
      continue;
    }
    return Construct;
  }
  return nullptr;
}

/// Whether a nested lambda or block refers to Var.
class CaptureFinder : public RecursiveASTVisitor<CaptureFinder> {
public:
  explicit CaptureFinder(const VarDecl *Var) : Var(Var) {}
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (Ref->getDecl() == Var && Ref->refersToEnclosingVariableOrCapture())
      Found = true;
    return !Found;
  }
  bool VisitLambdaExpr(LambdaExpr *Lambda) {
    for (const LambdaCapture &C : Lambda->captures())
      if (C.capturesVariable() && C.getCapturedVar() == Var)
        Found = true;
    return !Found;
  }
  bool VisitBlockExpr(BlockExpr *Block) {
    for (const BlockDecl::Capture &C : Block->getBlockDecl()->captures())
      if (C.getVariable() == Var)
        Found = true;
    return !Found;
  }

  bool Found = false;

private:
  const VarDecl *Var;
};

/// Whether a declaration context is a template, an instantiation, or inside one.
bool inTemplate(const DeclContext *DC) {
  for (; DC; DC = DC->getParent()) {
    if (const auto *FD = dyn_cast<FunctionDecl>(DC)) {
      if (FD->isTemplated() || FD->isTemplateInstantiation() ||
          FD->getTemplateInstantiationPattern() || FD->isDependentContext())
        return true;
    } else if (const auto *RD = dyn_cast<CXXRecordDecl>(DC)) {
      if (RD->isTemplated() || isa<ClassTemplateSpecializationDecl>(RD) ||
          RD->getTemplateInstantiationPattern() || RD->isDependentContext())
        return true;
    }
  }
  return false;
}

class Indexer : public RecursiveASTVisitor<Indexer> {
  using Base = RecursiveASTVisitor<Indexer>;

public:
  using Map = llvm::DenseMap<SourceLocation, std::pair<const VarDecl *, const CXXConstructExpr *>>;
  Indexer(const SourceManager &SM, Map &Out) : SM(SM), Out(Out) {}

  bool TraverseDecl(Decl *D) {
    // System headers declare no variable a finding can name (they are out of the analysis's
    // scope unless asked), and skipping them keeps the walk short.
    if (D && !isa<TranslationUnitDecl>(D) && D->getLocation().isValid() &&
        SM.isInSystemHeader(D->getLocation()))
      return true;
    return Base::TraverseDecl(D);
  }

  bool VisitVarDecl(VarDecl *Var) {
    if (!Var->isLocalVarDecl() || !Var->hasInit() || !isImmutableValueType(Var->getType()))
      return true;
    const CXXConstructExpr *Construct = wholeConstruction(Var->getInit());
    if (!Construct)
      return true;
    SourceLocation Begin = Construct->getBeginLoc();
    if (Begin.isValid() && Begin.isFileID())
      Out.try_emplace(Begin, Var, Construct);
    return true;
  }

private:
  const SourceManager &SM;
  Map &Out;
};

} // namespace

void StaticConstFixer::buildIndex() {
  Indexed = true;
  Indexer(Context.getSourceManager(), ByConstruction).TraverseAST(Context);
}

bool StaticConstFixer::isSafe(const VarDecl *Var, const CXXConstructExpr *Construct) const {
  const LangOptions &LO = Context.getLangOpts();
  if (!LO.CPlusPlus11 || !LO.ThreadsafeStatics)
    return false;
  if (isa<ParmVarDecl>(Var) || Var->getStorageClass() != SC_None ||
      Var->getTSCSpec() != TSCS_unspecified || Var->isConstexpr() || Var->isStaticLocal() ||
      Var->isExceptionVariable() || Var->isInitCapture() || Var->getType()->isReferenceType() ||
      Var->getType().isVolatileQualified())
    return false;
  if (Construct->getConstructor()->isCopyOrMoveConstructor() ||
      !isImmutableValueType(Var->getType()))
    return false;
  // Exactly the listed type: the analysis also reports subclasses, whose extra members may be
  // anything.
  if (!isImmutableValueType(Construct->getType()))
    return false;

  // Written outside macros, so the insertion lands in the user's text.
  SourceRange Range = Var->getSourceRange();
  if (Range.getBegin().isMacroID() || Range.getEnd().isMacroID() || Var->getLocation().isMacroID())
    return false;

  // Declared alone, directly in a block.
  DynTypedNodeList Parents = Context.getParents(*Var);
  const auto *Decl = Parents.size() == 1 ? Parents[0].get<DeclStmt>() : nullptr;
  if (!Decl || !Decl->isSingleDecl())
    return false;
  DynTypedNodeList Grandparents = Context.getParents(*Decl);
  if (Grandparents.size() != 1 || !Grandparents[0].get<CompoundStmt>())
    return false;

  const auto *Function = dyn_cast_or_null<FunctionDecl>(Var->getParentFunctionOrMethod());
  if (!Function || !Function->hasBody() || Function->isConstexpr() ||
      inTemplate(Var->getDeclContext()))
    return false;

  // Every argument a constant: nothing from the request or from earlier statements.
  for (const Expr *Arg : Construct->arguments()) {
    if (isa<CXXDefaultArgExpr>(Arg))
      continue;
    const Expr *Bare = Arg->IgnoreParenImpCasts();
    if (isa<StringLiteral>(Bare))
      continue;
    // Folds to a constant without side effects (a call to a constexpr function such as the
    // flags' operator| included).
    if (Arg->isValueDependent() || !Arg->isEvaluatable(Context, Expr::SE_NoSideEffects))
      return false;
  }

  // Never modified, and not shared with a nested lambda or block.
  CaptureFinder Captures(Var);
  Captures.TraverseStmt(Function->getBody());
  if (Captures.Found)
    return false;
  if (!Var->getType().isConstQualified() &&
      ExprMutationAnalyzer(*Function->getBody(), Context).isMutated(Var))
    return false;
  return true;
}

std::optional<FixItHint> StaticConstFixer::fixFor(SourceLocation Where) {
  if (Where.isInvalid())
    return std::nullopt;
  if (!Indexed)
    buildIndex();
  auto It = ByConstruction.find(Where);
  if (It == ByConstruction.end())
    return std::nullopt;
  const VarDecl *Var = It->second.first;
  if (!isSafe(Var, It->second.second))
    return std::nullopt;
  return FixItHint::CreateInsertion(
      Var->getBeginLoc(), Var->getType().isConstQualified() ? "static " : "static const ");
}

} // namespace coldstart::tidy
