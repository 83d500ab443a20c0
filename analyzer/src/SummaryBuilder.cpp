#include "coldstart/analyzer/SummaryBuilder.h"
#include "FunctionWalker.h"
#include "HandlerDiscovery.h"
#include "TuState.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/FileManager.h"

namespace coldstart::analyzer {

using namespace clang;
using detail::TuState;

namespace {

/// Finds every function defined in scope (outside system headers), template instantiations and
/// implicit members included. Bodies are left to the walkers: a function's lambdas and local
/// classes are walked when something reaches them.
class DefinitionCollector : public RecursiveASTVisitor<DefinitionCollector> {
  using Base = RecursiveASTVisitor<DefinitionCollector>;

public:
  explicit DefinitionCollector(TuState &S) : S(S) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }

  bool TraverseStmt(Stmt *) { return true; }
  bool TraverseDecl(Decl *D) {
    if (D && !isa<TranslationUnitDecl>(D) && S.outOfScope(D->getLocation()))
      return true;
    return Base::TraverseDecl(D);
  }

  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (!FD->doesThisDeclarationHaveABody() || FD->isDependentContext())
      return true;
    S.enqueue(FD);
    // Functions the rule set names are handlers by themselves (other runtimes, in-house
    // frameworks); their definition is where they are "registered".
    if (S.Rules.isHandlerFunction(FD))
      S.addHandler(FD, FD->getLocation(), "rule set");
    else if (S.Rules.hasHandlerSignature(FD))
      S.SignatureHandlers.push_back(FD);
    return true;
  }

  /// The class hierarchy virtual calls are dispatched over: every polymorphic class defined in
  /// scope (library classes are recorded when the user's code builds or calls through them).
  bool VisitCXXRecordDecl(CXXRecordDecl *RD) {
    if (RD->isThisDeclarationADefinition() && !RD->isDependentContext() && RD->isPolymorphic())
      S.recordClass(RD);
    return true;
  }

  /// Namespace- and class-scope variables with a dynamic initializer: it runs before main.
  bool VisitVarDecl(VarDecl *VD) {
    if (isa<ParmVarDecl>(VD) || VD->isStaticLocal() || !VD->hasGlobalStorage() ||
        VD->getTLSKind() != VarDecl::TLS_None || !VD->hasInit() || VD->isConstexpr() ||
        VD->getDeclContext()->isDependentContext() || VD->isTemplated())
      return true;
    S.StaticVariables.push_back(VD);
    return true;
  }

private:
  TuState &S;
};

void drain(TuState &S) {
  while (const FunctionDecl *FD = S.nextToWalk())
    detail::walkFunction(S, FD);
}

} // namespace

TranslationUnitSummary summarizeTranslationUnit(ASTContext &Context,
                                                const rules::SourceConfig &Config,
                                                const SummaryOptions &Options) {
  TuState S(Context, Config, Options);
  DefinitionCollector(S).TraverseDecl(Context.getTranslationUnitDecl());
  drain(S);
  for (const VarDecl *VD : S.StaticVariables)
    detail::walkStaticInitializer(S, VD);
  drain(S);
  // Handlers are resolved once every store and call of the TU is known (a map of handlers may
  // be filled after the line that registers it, a wrapper may be called from anywhere).
  // Walking a newly found handler can find further registrations (a handler that registers
  // another is rare but legal): repeat until none is left.
  for (size_t Done = 0; Done < S.Registrations.size();) {
    Done = detail::discoverRegisteredHandlers(S, Done);
    drain(S);
  }
  // A function of a handler's type is one even when its registration is in another file, or
  // in none the run sees; a registration in this TU names it first (addHandler keeps the first).
  for (const FunctionDecl *FD : S.SignatureHandlers)
    S.addHandler(FD, FD->getLocation(), ViaSignature.str());
  drain(S);
  return S.finish();
}

SourceLocation toSourceLocation(const report::Location &Where, const SourceManager &SM) {
  if (Where.File.empty() || Where.Line == 0)
    return SourceLocation();
  llvm::Expected<FileEntryRef> File = SM.getFileManager().getFileRef(Where.File);
  if (!File) {
    llvm::consumeError(File.takeError());
    return SourceLocation();
  }
  return SM.translateFileLineCol(&File->getFileEntry(), Where.Line,
                                 Where.Column == 0 ? 1 : Where.Column);
}

} // namespace coldstart::analyzer
