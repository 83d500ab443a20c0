// What the summary builder knows about one TU while it walks it: the rule matcher, names and
// locations, the summary being filled, and the facts handler discovery needs afterwards
// (values stored into variables, calls by callee, registration calls).
#pragma once

#include "AstSupport.h"
#include "RuleMatcher.h"
#include "coldstart/analyzer/Nolint.h"
#include "coldstart/analyzer/SummaryBuilder.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace coldstart::analyzer::detail {

class TuState {
public:
  TuState(clang::ASTContext &Ctx, const rules::SourceConfig &Config, const SummaryOptions &Opts)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), Opts(Opts), Rules(Config), Loc(SM), Names(Loc) {}

  clang::ASTContext &Ctx;
  const clang::SourceManager &SM;
  const SummaryOptions &Opts;
  RuleMatcher Rules;
  Locator Loc;
  FunctionNamer Names;

  /// Whether code at L is out of scope: system headers, unless the rule set asks for them.
  bool outOfScope(clang::SourceLocation L) const;
  /// Whether a NOLINT comment silences RuleId at L.
  bool silenced(clang::SourceLocation L, llvm::StringRef RuleId);

  /// Queues FD's definition for walking (once), when it has a body in scope.
  void enqueue(const clang::FunctionDecl *FD);
  /// Queues a library template instantiation (see FunctionSummary::Library) Depth calls away
  /// from the user's code, when wantsLibraryWalk(FD) and Depth is within MaxLibraryDepth.
  void enqueueLibrary(const clang::FunctionDecl *FD, unsigned Depth);
  const clang::FunctionDecl *nextToWalk();
  /// How many calls into library code FD's walk is (0: FD is the user's code).
  unsigned libraryDepth(const clang::FunctionDecl *FD) const;
  /// Whether FD, out of scope, is an instantiation of a library template with one of the
  /// user's types (a record defined in scope, a lambda) or a listed resource type among its
  /// template arguments: the code the user's types made the library generate. For the standard
  /// library's templates, only a listed type counts.
  bool wantsLibraryWalk(const clang::FunctionDecl *FD);
  /// Deep enough for a container's get<T> -> provider -> lifetime policy -> factory, and for a
  /// standard container's member -> allocator -> construction; bounded since the standard
  /// library's instantiations nest without end in sight.
  static constexpr unsigned MaxLibraryDepth = 8;

  /// Records a polymorphic class (with its polymorphic bases) in the summary's class table and
  /// returns its id.
  std::string recordClass(const clang::CXXRecordDecl *RD);
  /// A complete object of RD is built in code Depth calls into library code: RD is among the
  /// built classes, and its virtual methods are walked (they may run from now on).
  void noteConstructed(const clang::CXXRecordDecl *RD, unsigned Depth);

  /// The source rules a NOLINT comment silences at L (empty when NOLINT is not applied).
  std::vector<std::string> silencedRules(clang::SourceLocation L);

  /// Records FD in the summary's function table and returns its id.
  const std::string &record(const clang::FunctionDecl *FD);
  /// Records the dynamic initializer of VD (static storage, namespace or class scope) as a
  /// function of its own and returns its id.
  std::string recordStaticInitializer(const clang::VarDecl *VD);
  /// Variables whose initializers are walked once the functions are.
  std::vector<const clang::VarDecl *> StaticVariables;
  /// Functions whose type is a handler signature of the rule set: handlers when no registration
  /// of the TU names them first (see summarizeTranslationUnit).
  std::vector<const clang::FunctionDecl *> SignatureHandlers;
  void addEdge(CallEdge E);
  void addSite(ResourceSite S);
  void addHandler(const clang::FunctionDecl *FD, clang::SourceLocation Registration,
                  std::string Via);
  /// A registration call in the function with id Function, spanning [Begin, End].
  void addRegistrationCall(const std::string &Function, clang::SourceLocation Begin,
                           clang::SourceLocation End);

  /// The parameters an expression's value is computed from (directly, through locals
  /// initialized or assigned from them, or through captured variables).
  std::vector<ParamRef> dependencies(const clang::Expr *E);
  void addDependencies(const clang::VarDecl *V, const std::vector<ParamRef> &Deps);

  /// Whether some enabled resource kind judges its arguments (rules::ArgumentPolicy::
  /// Invariant): only then do call edges record which arguments vary.
  bool judgesArguments();
  /// Whether an expression's value may differ between invocations for a reason `dependencies`
  /// does not name: false only when it is built from literals, constants, the rule set's
  /// invariant calls (getenv), parameters, statics initialized from those, string operations
  /// and builder calls on them, and locals whose initializer and every store are such values.
  /// A member of the current object, another call's result, or a local handed to a call that
  /// may change it all vary.
  bool varies(const clang::Expr *E);
  /// Whether E runs only while a kept copy is missing: it is in a branch of an `if` whose
  /// condition calls one of Kind's cache checks, or follows such an `if` that returns.
  bool behindCacheCheck(const clang::Expr *E, const rules::ResourceKind &Kind);
  /// What one function's body stores into its locals (and the locals of functions enclosing
  /// its lambdas), for varies(): the values assigned or passed to a mutating member call, and
  /// the locals changed in a way that is not judged (++, bound to a non-const reference,
  /// handed to a call that may change them).
  struct LocalStores {
    llvm::DenseMap<const clang::VarDecl *, llvm::SmallVector<const clang::Expr *, 2>> Values;
    llvm::DenseSet<const clang::VarDecl *> Opaque;
  };

  // Facts for handler discovery.
  llvm::DenseMap<const clang::ValueDecl *, std::vector<const clang::Expr *>> Stores;
  llvm::DenseMap<const clang::FunctionDecl *, std::vector<const clang::CallExpr *>> CallsTo;
  /// A call to a registration function: where, to which function, with which arguments.
  /// Args may come from a RecoveryExpr when the call did not compile.
  struct Registration {
    clang::SourceLocation Site;
    const clang::FunctionDecl *Registrar;
    std::vector<const clang::Expr *> Args;
  };
  std::vector<Registration> Registrations;

  TranslationUnitSummary finish();

private:
  bool mentionsUserOrListedType(clang::QualType T, unsigned Depth, bool ListedOnly);

  std::vector<const clang::FunctionDecl *> Worklist;
  llvm::DenseSet<const clang::FunctionDecl *> Queued;
  llvm::DenseMap<const clang::FunctionDecl *, unsigned> LibraryDepths;
  llvm::DenseMap<const clang::FunctionDecl *, bool> LibraryWalks;
  llvm::DenseMap<const clang::CXXRecordDecl *, std::string> ClassIds;
  std::set<std::string> Constructed;
  std::vector<std::string> SourceRules;
  llvm::DenseMap<const clang::VarDecl *, std::vector<ParamRef>> VarDeps;
  bool variesAt(const clang::Expr *E, unsigned Depth);
  bool variableVaries(const clang::VarDecl *V, unsigned Depth);
  bool keepsValue(const clang::FunctionDecl *FD);
  bool isInvariantCall(const clang::FunctionDecl *FD);
  const LocalStores &storesIn(const clang::FunctionDecl *FD);
  std::optional<bool> JudgesArguments;
  llvm::DenseMap<const clang::VarDecl *, bool> VariableVaries;
  llvm::DenseMap<const clang::Decl *, bool> InvariantCalls;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<LocalStores>> StoresByFunction;
  llvm::DenseMap<clang::FileID, std::unique_ptr<NolintIndex>> Nolint;
  std::map<std::string, FunctionSummary> Functions;
  std::set<std::string> SeenEdges, SeenSites, SeenHandlers;
  TranslationUnitSummary Out;
};

} // namespace coldstart::analyzer::detail
