#include "SharedAnalysis.h"

#include "coldstart/analyzer/Join.h"
#include "coldstart/analyzer/SummaryBuilder.h"

#include <map>
#include <mutex>
#include <set>
#include <utility>

namespace coldstart::tidy {

namespace {

/// Process-wide state, created on first use (no static initializers in the plugin: it is
/// loaded into clang-tidy, which owns the process). clang-tidy runs one TU at a time; the lock
/// only keeps the state consistent should that ever change.
struct State {
  std::mutex Lock;
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

std::shared_ptr<const TuAnalysis> findingsFor(clang::ASTContext &Context,
                                              const rules::RuleSet &Rules, const std::string &Key) {
  State &S = state();
  std::lock_guard<std::mutex> Guard(S.Lock);
  auto &Slot = S.Findings[{&Context, Key}];
  if (!Slot) {
    analyzer::SummaryOptions Options;
    Options.ApplyNolint = false;
    analyzer::TranslationUnitSummary Summary =
        analyzer::summarizeTranslationUnit(Context, Rules.Source, Options);
    auto Result = std::make_shared<TuAnalysis>();
    Result->HasHandler = !Summary.Handlers.empty();
    Result->Findings = analyzer::joinSummaries({std::move(Summary)}, Rules);
    report::sortFindings(Result->Findings);
    Slot = std::move(Result);
  }
  return Slot;
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
