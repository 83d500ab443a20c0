#include "TidyConfig.h"

#include "coldstart/rules/Loader.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>

namespace coldstart::tidy {

namespace {

void appendField(std::string &Key, llvm::StringRef Name, llvm::StringRef Value) {
  // Length-prefixed, so no value can be mistaken for a separator.
  Key += Name;
  Key += '=';
  Key += std::to_string(Value.size());
  Key += ':';
  Key += Value;
  Key += ';';
}

std::string normalized(const std::string &Name) {
  return rules::NamePattern(Name).text();
}

bool listed(const std::vector<rules::NamePattern> &List, const std::string &Name) {
  std::string Text = normalized(Name);
  return std::any_of(List.begin(), List.end(),
                     [&](const rules::NamePattern &P) { return P.text() == Text; });
}

void addNames(std::vector<rules::NamePattern> &List, llvm::StringRef Option) {
  for (const std::string &Name : splitList(Option))
    if (!listed(List, Name))
      List.emplace_back(Name);
}

/// Removes the names Option lists from every list in Lists; a name no list holds is a warning.
void removeNames(const std::vector<std::vector<rules::NamePattern> *> &Lists,
                 llvm::StringRef Option, const std::string &OptionName,
                 std::vector<std::string> &Warnings) {
  for (const std::string &Name : splitList(Option)) {
    std::string Text = normalized(Name);
    bool Removed = false;
    for (std::vector<rules::NamePattern> *List : Lists) {
      auto End = std::remove_if(List->begin(), List->end(),
                                [&](const rules::NamePattern &P) { return P.text() == Text; });
      Removed = Removed || End != List->end();
      List->erase(End, List->end());
    }
    if (!Removed)
      Warnings.push_back(OptionName + ": '" + Name +
                         "' is not listed in the rule set, so there is nothing to remove");
  }
}

std::string readText(const std::string &Path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer = llvm::MemoryBuffer::getFile(Path);
  return Buffer ? (*Buffer)->getBuffer().str() : std::string("<unreadable>");
}

} // namespace

const std::vector<std::string> &sourceRuleIds() {
  // Check names are registered when the plugin loads, before any option is read: the bundled
  // rule set says which rules belong to the source pass.
  static const std::vector<std::string> Ids = rules::defaultRuleSet().ruleIdsOfPass("source");
  return Ids;
}

std::string addedKindName(llvm::StringRef RuleId) {
  return ("clang-tidy-options:" + RuleId).str();
}

std::string TidySettings::key() const {
  std::string Key;
  appendField(Key, "RuleSet", RuleSetFile);
  appendField(Key, "AddHandlerRegistrations", AddHandlerRegistrations);
  appendField(Key, "RemoveHandlerRegistrations", RemoveHandlerRegistrations);
  appendField(Key, "AddHandlerFunctions", AddHandlerFunctions);
  appendField(Key, "RemoveHandlerFunctions", RemoveHandlerFunctions);
  for (const auto &[Rule, Lists] : PerRule) {
    appendField(Key, Rule + ".AddTypes", Lists.AddTypes);
    appendField(Key, Rule + ".RemoveTypes", Lists.RemoveTypes);
    appendField(Key, Rule + ".AddCalls", Lists.AddCalls);
    appendField(Key, Rule + ".RemoveCalls", Lists.RemoveCalls);
  }
  return Key;
}

std::vector<std::string> splitList(llvm::StringRef List) {
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  List.split(Parts, ';', -1, /*KeepEmpty=*/false);
  std::vector<std::string> Out;
  for (llvm::StringRef Part : Parts)
    if (!Part.trim().empty())
      Out.push_back(Part.trim().str());
  return Out;
}

std::string resolveRuleSetFile(llvm::StringRef Option, llvm::StringRef MainFile,
                               llvm::StringRef WorkingDir) {
  Option = Option.trim();
  if (Option.empty() || llvm::sys::path::is_absolute(Option))
    return Option.str();
  llvm::SmallString<256> Main(MainFile);
  if (!WorkingDir.empty() && !llvm::sys::path::is_absolute(Main))
    llvm::sys::fs::make_absolute(WorkingDir, Main);
  for (llvm::StringRef Dir = llvm::sys::path::parent_path(Main); !Dir.empty();
       Dir = llvm::sys::path::parent_path(Dir)) {
    llvm::SmallString<256> Candidate(Dir);
    llvm::sys::path::append(Candidate, Option);
    if (llvm::sys::fs::is_regular_file(Candidate))
      return std::string(Candidate);
    if (Dir == llvm::sys::path::root_path(Dir))
      break;
  }
  if (!WorkingDir.empty()) {
    llvm::SmallString<256> Candidate(WorkingDir);
    llvm::sys::path::append(Candidate, Option);
    if (llvm::sys::fs::is_regular_file(Candidate))
      return std::string(Candidate);
  }
  return Option.str();
}

std::string ruleSetFileFor(const TidySettings &Settings, llvm::StringRef MainFile,
                           llvm::StringRef WorkingDir) {
  std::string File = resolveRuleSetFile(Settings.RuleSetFile, MainFile, WorkingDir);
  if (File.empty())
    if (std::optional<std::string> Found = rules::findUserRuleSet({MainFile.str()}))
      File = *Found;
  return File;
}

std::string ruleSetKey(const TidySettings &Settings, const std::string &File) {
  std::string Key = Settings.key();
  appendField(Key, "file", File);
  if (!File.empty())
    appendField(Key, "text", readText(File));
  return Key;
}

EffectiveRuleSet buildRuleSet(const TidySettings &Settings, const std::string &File) {
  EffectiveRuleSet Out;
  rules::RuleSet Rules = rules::defaultRuleSet();
  if (!File.empty()) {
    std::vector<rules::Diagnostic> Problems;
    if (!rules::mergeRuleSetFile(Rules, File, Problems)) {
      for (const rules::Diagnostic &D : Problems)
        Out.Errors.push_back(D.str());
      if (Out.Errors.empty())
        Out.Errors.push_back(File + ": the rule set could not be read");
      return Out;
    }
    Out.Origin = File;
  }

  rules::SourceConfig &Source = Rules.Source;
  addNames(Source.HandlerRegistrations, Settings.AddHandlerRegistrations);
  removeNames({&Source.HandlerRegistrations}, Settings.RemoveHandlerRegistrations,
              "RemoveHandlerRegistrations", Out.Warnings);
  addNames(Source.HandlerFunctions, Settings.AddHandlerFunctions);
  removeNames({&Source.HandlerFunctions}, Settings.RemoveHandlerFunctions, "RemoveHandlerFunctions",
              Out.Warnings);

  std::vector<rules::ResourceKind> Added;
  for (const auto &[Rule, Lists] : Settings.PerRule) {
    std::vector<std::vector<rules::NamePattern> *> Types, Calls;
    for (rules::ResourceKind &Kind : Source.Resources)
      if (Kind.Rule == Rule) {
        Types.push_back(&Kind.Types);
        Calls.push_back(&Kind.Calls);
      }
    removeNames(Types, Lists.RemoveTypes, Rule + ".RemoveTypes", Out.Warnings);
    removeNames(Calls, Lists.RemoveCalls, Rule + ".RemoveCalls", Out.Warnings);

    rules::ResourceKind Kind;
    Kind.Name = addedKindName(Rule);
    Kind.Rule = Rule;
    if (const rules::RuleInfo *Info = Rules.rule(Rule)) {
      Kind.What = Info->AddedWhat;
      Kind.Why = Info->AddedWhy;
      Kind.Fix = Info->AddedFix;
    }
    addNames(Kind.Types, Lists.AddTypes);
    addNames(Kind.Calls, Lists.AddCalls);
    if (!Kind.Types.empty() || !Kind.Calls.empty())
      Added.push_back(std::move(Kind));
  }
  // Names the user added win over the rule set's kinds (the matcher takes the first kind that
  // lists a type or call): an explicit option is the most specific statement there is.
  Source.Resources.insert(Source.Resources.begin(), Added.begin(), Added.end());
  Out.Rules = std::move(Rules);
  return Out;
}

} // namespace coldstart::tidy
