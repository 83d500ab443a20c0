#include "SharedAnalysis.h"

#include "coldstart/analyzer/Join.h"
#include "coldstart/analyzer/LintDriver.h"
#include "coldstart/analyzer/SummaryBuilder.h"
#include "coldstart/analyzer/SummaryIndex.h"

#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <map>
#include <mutex>
#include <set>
#include <utility>

namespace coldstart::tidy {

namespace {

/// Process-wide state, created on first use (no static initializers in the plugin: it is
/// loaded into clang-tidy, which owns the process). clang-tidy runs one TU at a time; the lock
/// only keeps the state consistent should that ever change.
/// One summary index as this process reads it: the database it belongs to, and each other
/// unit's summary once looked up (a clang-tidy run over many files reads each entry once).
struct IndexState {
  std::unique_ptr<analyzer::SummaryIndex> Index;
  std::vector<clang::tooling::CompileCommand> Commands;
  std::vector<std::string> RealMainFiles; // of Commands
  std::map<size_t, std::shared_ptr<const analyzer::TranslationUnitSummary>> Loaded;
  std::map<size_t, std::string> Missing;
};

struct State {
  std::mutex Lock;
  std::map<std::pair<std::string, std::string>, std::unique_ptr<IndexState>> Indexes;
  std::map<std::string, std::shared_ptr<const EffectiveRuleSet>> RuleSets;
  std::map<std::pair<const clang::ASTContext *, std::string>, std::shared_ptr<const TuAnalysis>>
      Findings;
  std::set<std::string> Reported;
};

State &state() {
  static State *S = new State(); // never destroyed: nothing to do at exit
  return *S;
}

} // namespace

std::shared_ptr<const EffectiveRuleSet> ruleSetFor(const TidySettings &Settings,
                                                   const std::string &MainFile,
                                                   const std::string &WorkingDir,
                                                   std::string &Key) {
  std::string File = ruleSetFileFor(Settings, MainFile, WorkingDir);
  Key = ruleSetKey(Settings, File);
  State &S = state();
  std::lock_guard<std::mutex> Guard(S.Lock);
  std::shared_ptr<const EffectiveRuleSet> &Slot = S.RuleSets[Key];
  if (!Slot)
    Slot = std::make_shared<const EffectiveRuleSet>(buildRuleSet(Settings, File));
  return Slot;
}

/// The index in Dir for summaries made under Rules, read once per process. Null when Dir holds
/// no index or the database it belongs to cannot be read.
static IndexState *indexFor(State &S, const std::string &Dir, const rules::RuleSet &Rules) {
  std::string Producer = analyzer::summaryProducer(Rules.Source);
  std::unique_ptr<IndexState> &Slot = S.Indexes[{Dir, Producer}];
  if (Slot)
    return Slot->Index ? Slot.get() : nullptr;
  Slot = std::make_unique<IndexState>();
  std::optional<std::string> Database = analyzer::SummaryIndex::recordedDatabase(Dir);
  if (!Database)
    return nullptr;
  auto DB = analyzer::loadCompilationDatabase(*Database);
  if (!DB) {
    llvm::consumeError(DB.takeError());
    return nullptr;
  }
  // The plugin's include path is the wrapper script's business, so entries made with the
  // bundled declarations or without them both serve.
  Slot->Index = std::make_unique<analyzer::SummaryIndex>(Dir, Producer, std::nullopt);
  // One command per file, as `coldstart lint` takes them.
  for (const std::string &File : (*DB)->getAllFiles()) {
    std::vector<clang::tooling::CompileCommand> Commands = (*DB)->getCompileCommands(File);
    if (Commands.empty())
      continue;
    std::string Main = analyzer::mainFileOf(Commands.front());
    llvm::SmallString<256> Real;
    if (llvm::sys::fs::real_path(Main, Real))
      Real = Main;
    Slot->RealMainFiles.push_back(std::string(Real));
    Slot->Commands.push_back(std::move(Commands.front()));
  }
  return Slot.get();
}

static std::string realMainFile(const clang::SourceManager &SM) {
  clang::OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID());
  if (!Main)
    return "";
  llvm::StringRef Real = Main->getFileEntry().tryGetRealPathName();
  return Real.empty() ? Main->getName().str() : Real.str();
}

std::shared_ptr<const TuAnalysis> findingsFor(clang::ASTContext &Context,
                                              const rules::RuleSet &Rules, const std::string &Key,
                                              const std::string &IndexDir) {
  State &S = state();
  std::lock_guard<std::mutex> Guard(S.Lock);
  auto &Slot = S.Findings[{&Context, Key + "\n" + IndexDir}];
  if (!Slot) {
    analyzer::SummaryOptions Options;
    Options.ApplyNolint = false;
    analyzer::TranslationUnitSummary Summary =
        analyzer::summarizeTranslationUnit(Context, Rules.Source, Options);
    auto Result = std::make_shared<TuAnalysis>();
    Result->HasHandler = !Summary.Handlers.empty();
    // The TU being checked always stands for its own file (an editor's buffer is newer than
    // the index); every other unit comes from the index when its entry is fresh.
    std::vector<const analyzer::TranslationUnitSummary *> All{&Summary};
    std::vector<std::shared_ptr<const analyzer::TranslationUnitSummary>> Others;
    if (IndexState *Index = IndexDir.empty() ? nullptr : indexFor(S, IndexDir, Rules)) {
      std::string Own = realMainFile(Context.getSourceManager());
      for (size_t I = 0; I < Index->Commands.size(); ++I) {
        if (Index->RealMainFiles[I] == Own)
          continue;
        if (!Index->Loaded.count(I) && !Index->Missing.count(I)) {
          analyzer::SummaryIndex::Lookup Found = Index->Index->lookup(Index->Commands[I]);
          if (Found.Unit)
            Index->Loaded[I] = std::make_shared<const analyzer::TranslationUnitSummary>(
                std::move(Found.Unit->Summary));
          else
            Index->Missing[I] =
                Index->RealMainFiles[I] + (Found.Detail.empty() ? "" : ": " + Found.Detail);
        }
        auto Loaded = Index->Loaded.find(I);
        if (Loaded == Index->Loaded.end()) {
          Result->UnitsMissing.push_back(Index->Missing[I]);
          continue;
        }
        Others.push_back(Loaded->second);
        All.push_back(Loaded->second.get());
        Result->HasHandler |= !Loaded->second->Handlers.empty();
      }
      Result->UnitsJoined = Others.size();
    }
    Result->Findings = analyzer::joinSummaries(All, Rules);
    report::sortFindings(Result->Findings);
    Slot = std::move(Result);
  }
  return Slot;
}

std::string findIndexDir(const std::string &BuildDir, const std::string &MainFile) {
  for (llvm::StringRef Start : {llvm::StringRef(BuildDir), llvm::sys::path::parent_path(MainFile)})
    for (llvm::StringRef Dir = Start; !Dir.empty(); Dir = llvm::sys::path::parent_path(Dir)) {
      llvm::SmallString<256> Build(Dir);
      llvm::sys::path::append(Build, "build");
      for (const std::string &Candidate : {analyzer::SummaryIndex::defaultDir(Dir.str()),
                                           analyzer::SummaryIndex::defaultDir(Build.str().str())})
        if (analyzer::SummaryIndex::recordedDatabase(Candidate))
          return Candidate;
    }
  return "";
}

void forgetTranslationUnit(const clang::ASTContext &Context) {
  State &S = state();
  std::lock_guard<std::mutex> Guard(S.Lock);
  for (auto It = S.Findings.begin(); It != S.Findings.end();)
    It = It->first.first == &Context ? S.Findings.erase(It) : std::next(It);
}

bool firstTimeReported(const std::string &Message) {
  State &S = state();
  std::lock_guard<std::mutex> Guard(S.Lock);
  return S.Reported.insert(Message).second;
}

} // namespace coldstart::tidy
