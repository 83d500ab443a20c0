// The clang-tidy module "coldstart": one check per source rule id, each running the same
// analysis `coldstart lint` runs (summarizeTranslationUnit -> joinSummaries) on the TU clang-tidy
// parsed, and reporting its own rule's findings with the call chain as notes. Loaded with
// `clang-tidy-19 --load=libcoldstart-tidy.so`; the clang-tidy classes come from the clang-tidy
// executable, which exports them.
#include "SharedAnalysis.h"
#include "StaticConstFix.h"
#include "TidyConfig.h"

#include "coldstart/analyzer/SummaryBuilder.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <optional>

namespace coldstart::tidy {

using namespace clang;
using namespace clang::ast_matchers;

namespace {

/// Text for a clang diagnostic: '%' starts a format argument there.
std::string escapeForDiag(llvm::StringRef Text) {
  std::string Out;
  Out.reserve(Text.size());
  for (char C : Text) {
    if (C == '%')
      Out += '%';
    Out += C;
  }
  return Out;
}

class HandlerResourceCheck : public clang::tidy::ClangTidyCheck {
public:
  HandlerResourceCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context), RuleId(Name.str()), TidyContext(Context) {
    // The rule-set file and the handler lists apply to the whole analysis: local to a check or
    // global for all of them. The type and call lists belong to one rule each, so they are local
    // only; every check reads every rule's lists, so they share one analysis per TU.
    Settings.RuleSetFile = Options.getLocalOrGlobal("RuleSet", "").str();
    Settings.AddHandlerRegistrations =
        Options.getLocalOrGlobal("AddHandlerRegistrations", "").str();
    Settings.RemoveHandlerRegistrations =
        Options.getLocalOrGlobal("RemoveHandlerRegistrations", "").str();
    Settings.AddHandlerFunctions = Options.getLocalOrGlobal("AddHandlerFunctions", "").str();
    Settings.RemoveHandlerFunctions = Options.getLocalOrGlobal("RemoveHandlerFunctions", "").str();
    // Read as text: clang-tidy-19 does not export its bool option readers to plugins.
    llvm::StringRef VerboseText = Options.getLocalOrGlobal("Verbose", "");
    Verbose = VerboseText.equals_insensitive("true") || VerboseText == "1";
    IndexDirectory = Options.getLocalOrGlobal("IndexDirectory", "").str();
    const clang::tidy::ClangTidyOptions::OptionMap &All = Context->getOptions().CheckOptions;
    for (const std::string &Rule : sourceRuleIds()) {
      OptionsView View(Rule, All, Context);
      RuleListOptions Lists;
      Lists.AddTypes = View.get("AddTypes", "").str();
      Lists.RemoveTypes = View.get("RemoveTypes", "").str();
      Lists.AddCalls = View.get("AddCalls", "").str();
      Lists.RemoveCalls = View.get("RemoveCalls", "").str();
      if (!Lists.AddTypes.empty() || !Lists.RemoveTypes.empty() || !Lists.AddCalls.empty() ||
          !Lists.RemoveCalls.empty())
        Settings.PerRule[Rule] = std::move(Lists);
      if (Rule == RuleId)
        Own = Settings.PerRule.count(Rule) ? Settings.PerRule[Rule] : RuleListOptions();
    }
  }

  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override {
    Options.store(Opts, "RuleSet", Settings.RuleSetFile);
    Options.store(Opts, "AddHandlerRegistrations", Settings.AddHandlerRegistrations);
    Options.store(Opts, "RemoveHandlerRegistrations", Settings.RemoveHandlerRegistrations);
    Options.store(Opts, "AddHandlerFunctions", Settings.AddHandlerFunctions);
    Options.store(Opts, "RemoveHandlerFunctions", Settings.RemoveHandlerFunctions);
    Options.store(Opts, "Verbose", Verbose ? "true" : "false");
    Options.store(Opts, "IndexDirectory", IndexDirectory);
    Options.store(Opts, "AddTypes", Own.AddTypes);
    Options.store(Opts, "RemoveTypes", Own.RemoveTypes);
    Options.store(Opts, "AddCalls", Own.AddCalls);
    Options.store(Opts, "RemoveCalls", Own.RemoveCalls);
  }

  void registerMatchers(MatchFinder *Finder) override {
    // The analysis looks at the whole TU at once: one match, on the TU itself.
    Finder->addMatcher(translationUnitDecl().bind("tu"), this);
  }

  void check(const MatchFinder::MatchResult &Result) override {
    ASTContext &Context = *Result.Context;
    LastContext = &Context;
    const SourceManager &SM = *Result.SourceManager;
    std::string MainFile;
    if (OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID()))
      MainFile = Main->getName().str();
    std::string WorkingDir;
    if (llvm::ErrorOr<std::string> Cwd =
            SM.getFileManager().getVirtualFileSystem().getCurrentWorkingDirectory())
      WorkingDir = *Cwd;

    std::string Key;
    std::shared_ptr<const EffectiveRuleSet> Rules = ruleSetFor(Settings, MainFile, WorkingDir, Key);
    for (const std::string &Warning : Rules->Warnings)
      if (firstTimeReported("warning:" + Warning))
        configurationDiag(escapeForDiag("coldstart: " + Warning));
    const std::optional<rules::RuleSet> &Effective = Rules->Rules;
    if (!Effective) {
      for (const std::string &Error : Rules->Errors)
        if (firstTimeReported("error:" + Error))
          configurationDiag(escapeForDiag("coldstart: invalid rule set: " + Error),
                            DiagnosticIDs::Error);
      return;
    }

    std::string BuildDir = TidyContext->getCurrentBuildDirectory();
    llvm::SmallString<256> AbsoluteMain(MainFile);
    if (!WorkingDir.empty())
      llvm::sys::fs::make_absolute(WorkingDir, AbsoluteMain);
    std::string IndexDir = indexDirFor(BuildDir, std::string(AbsoluteMain));
    std::shared_ptr<const TuAnalysis> Analysis = findingsFor(Context, *Effective, Key, IndexDir);
    // A file with no handler is checked for nothing; said once per file, when asked for (an
    // editor runs the checks on every file, most of which hold no handler).
    if (Verbose && !Analysis->HasHandler && firstTimeReported("no-handler:" + MainFile))
      configurationDiag(
          escapeForDiag("coldstart: no handler found in " + MainFile +
                        (IndexDir.empty() ? std::string(" (no summary index found)")
                                          : " or in the summary index '" + IndexDir + "'") +
                        ", so nothing in it was checked for per-invocation work: build the index "
                        "of the whole program (coldstart index -p BUILD_DIR), or name the handler "
                        "functions or their signature in the rule set"),
          DiagnosticIDs::Remark);
    if (Verbose && !Analysis->UnitsMissing.empty() && firstTimeReported("index:" + MainFile))
      configurationDiag(
          escapeForDiag("coldstart: the summary index '" + IndexDir +
                        "' has no up-to-date "
                        "entry for " +
                        std::to_string(Analysis->UnitsMissing.size()) +
                        " other file(s) of the program (first: " + Analysis->UnitsMissing.front() +
                        "), so what they do is not seen from here: run coldstart index -p "
                        "BUILD_DIR"),
          DiagnosticIDs::Remark);
    std::optional<StaticConstFixer> Fixer;
    for (const report::Finding &F : Analysis->Findings) {
      if (F.Rule != RuleId)
        continue;
      SourceLocation Where = analyzer::toSourceLocation(F.Where, SM);
      if (Where.isInvalid())
        continue;
      report(F, Where, SM, Context, Fixer);
    }
  }

  void onEndOfTranslationUnit() override {
    if (LastContext)
      forgetTranslationUnit(*LastContext);
    LastContext = nullptr;
  }

  void onStartOfTranslationUnit() override { LastContext = nullptr; }

private:
  /// The IndexDirectory option (relative to the compile command's folder), else the index found
  /// from that folder or the main file's upward; empty when there is none.
  std::string indexDirFor(const std::string &BuildDir, const std::string &MainFile) const {
    if (IndexDirectory.empty())
      return findIndexDir(BuildDir, MainFile);
    llvm::SmallString<256> Dir(IndexDirectory);
    if (!llvm::sys::path::is_absolute(Dir) && !BuildDir.empty()) {
      Dir = BuildDir;
      llvm::sys::path::append(Dir, IndexDirectory);
    }
    return std::string(Dir);
  }

  void report(const report::Finding &F, SourceLocation Where, const SourceManager &SM,
              ASTContext &Context, std::optional<StaticConstFixer> &Fixer) {
    // coldstart's severities: note (a construction built from the request, which may be
    // deliberate) is a remark, which --warnings-as-errors leaves alone; warning and error are
    // warnings, as every clang-tidy check's findings are.
    DiagnosticIDs::Level Level =
        F.Level == rules::Severity::Note ? DiagnosticIDs::Remark : DiagnosticIDs::Warning;
    {
      DiagnosticBuilder D = diag(Where, escapeForDiag(F.Message), Level);
      if (!Fixer)
        Fixer.emplace(Context);
      if (std::optional<FixItHint> Fix = Fixer->fixFor(Where))
        D << *Fix;
    }
    for (const report::TraceStep &Step : F.Trace) {
      SourceLocation At = analyzer::toSourceLocation(Step.Where, SM);
      diag(At.isValid() ? At : Where, escapeForDiag(Step.Note), DiagnosticIDs::Note);
    }
    if (!F.FixHint.empty())
      diag(Where, escapeForDiag("fix: " + F.FixHint), DiagnosticIDs::Note);
  }

  std::string RuleId;
  TidySettings Settings;
  RuleListOptions Own;
  bool Verbose = false;
  std::string IndexDirectory;
  clang::tidy::ClangTidyContext *TidyContext;
  const ASTContext *LastContext = nullptr;
};

class ColdstartModule : public clang::tidy::ClangTidyModule {
public:
  void addCheckFactories(clang::tidy::ClangTidyCheckFactories &Factories) override {
    for (const std::string &Rule : sourceRuleIds())
      Factories.registerCheck<HandlerResourceCheck>(Rule);
  }
};

} // namespace

} // namespace coldstart::tidy

// The registration clang-tidy finds when it loads the plugin: the module's one static object.
static clang::tidy::ClangTidyModuleRegistry::Add<coldstart::tidy::ColdstartModule>
    ColdstartModuleRegistration("coldstart",
                                "Per-invocation SDK clients, connections and heavy objects in "
                                "AWS Lambda handlers (coldstart).");
