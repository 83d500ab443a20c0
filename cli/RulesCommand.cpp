// `coldstart rules validate FILE | list | explain RULE_ID`: what a user needs to write and
// understand a rule set.
#include "Command.h"

#include "coldstart/EmbeddedFile.h"
#include "coldstart/inspect/Package.h"
#include "coldstart/rules/Loader.h"
#include "coldstart/rules/RuntimeManifest.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

namespace cl = llvm::cl;
using namespace coldstart;
using namespace coldstart::cli;

namespace coldstart::cli::docs {
extern const EmbeddedFile EmbeddedFiles[];
extern const unsigned long EmbeddedFileCount;
} // namespace coldstart::cli::docs

static cl::SubCommand RulesCmd("rules", "Validate, list and explain the rule set.\n\n"
                                        "  coldstart rules validate FILE\n"
                                        "  coldstart rules list [--rules FILE] [--format json]\n"
                                        "  coldstart rules explain RULE_ID [--rules FILE]\n"
                                        "  coldstart rules runtime-manifest ROOTFS [--name NAME] "
                                        "[-o FILE]\n");
static cl::list<std::string> Words(cl::Positional,
                                   cl::desc("validate FILE | list | explain ID | "
                                            "runtime-manifest ROOTFS"),
                                   cl::sub(RulesCmd), cl::cat(optionCategory()));
static cl::opt<std::string> RulesFile("rules",
                                      cl::desc("Overlay this rule-set file on the bundled "
                                               "default (else .coldstart.yaml from the current "
                                               "folder upward)"),
                                      cl::value_desc("FILE"), cl::sub(RulesCmd),
                                      cl::cat(optionCategory()));
static cl::opt<std::string> ListFormat("format", cl::desc("Output format of 'list': text or json"),
                                       cl::value_desc("text|json"), cl::init("text"),
                                       cl::sub(RulesCmd), cl::cat(optionCategory()));

static std::optional<rules::RuleSet> effectiveRules() {
  std::vector<rules::Diagnostic> Errors;
  std::optional<std::string> Explicit;
  if (!RulesFile.empty())
    Explicit = RulesFile;
  auto Set = rules::loadEffectiveRuleSet(Explicit, {"."}, Errors);
  for (const rules::Diagnostic &D : Errors)
    llvm::errs() << D.str() << "\n";
  return Set;
}

static int runValidate(const std::string &Path) {
  std::vector<rules::Diagnostic> Errors;
  rules::RuleSet Merged = rules::defaultRuleSet();
  if (!rules::mergeRuleSetFile(Merged, Path, Errors)) {
    for (const rules::Diagnostic &D : Errors)
      llvm::errs() << D.str() << "\n";
    size_t Count = rules::errorCount(Errors);
    llvm::errs() << Path << ": " << Count << (Count == 1 ? " error" : " errors") << "\n";
    return ExitFailure;
  }
  llvm::outs() << Path << ": valid rule set (overlays the bundled default)\n";
  return ExitClean;
}

static std::string severityText(const rules::RuleInfo &R) {
  return R.Enabled ? std::string(rules::toString(R.DefaultSeverity)) : "off";
}

static int runList() {
  if (ListFormat != "text" && ListFormat != "json")
    return fail("unknown --format '" + ListFormat + "' for 'rules list' (expected text or json)");
  std::optional<rules::RuleSet> Set = effectiveRules();
  if (!Set)
    return ExitFailure;
  if (ListFormat == "json") {
    llvm::json::Array Rules;
    for (const std::string &Id : rules::knownRuleIds()) {
      const rules::RuleInfo *R = Set->rule(Id);
      if (!R)
        continue;
      Rules.push_back(llvm::json::Object{{"id", R->Id},
                                         {"pass", R->Pass},
                                         {"category", R->Category},
                                         {"severity", severityText(*R)},
                                         {"summary", R->Summary}});
    }
    llvm::outs() << llvm::formatv(
                        "{0:2}", llvm::json::Value(llvm::json::Object{{"rules", std::move(Rules)}}))
                 << "\n";
    return ExitClean;
  }
  llvm::outs() << llvm::formatv("{0,-36} {1,-9} {2,-8} {3}\n", "RULE", "PASS", "SEVERITY",
                                "WHAT IT FLAGS");
  for (const std::string &Id : rules::knownRuleIds())
    if (const rules::RuleInfo *R = Set->rule(Id))
      llvm::outs() << llvm::formatv("{0,-36} {1,-9} {2,-8} {3}\n", R->Id, R->Pass, severityText(*R),
                                    R->Summary);
  llvm::outs() << "\nRule set: ";
  for (size_t I = 0; I < Set->Origins.size(); ++I)
    llvm::outs() << (I ? " + " : "") << Set->Origins[I];
  llvm::outs() << "\nRun 'coldstart rules explain RULE_ID' for details.\n";
  return ExitClean;
}

static std::string_view docPage(const std::string &Id) {
  std::string Name = Id + ".md";
  for (unsigned long I = 0; I < docs::EmbeddedFileCount; ++I)
    if (Name == docs::EmbeddedFiles[I].Name)
      return std::string_view(docs::EmbeddedFiles[I].Text, docs::EmbeddedFiles[I].Size);
  return {};
}

static void printNames(llvm::StringRef Label, const std::vector<rules::NamePattern> &Names) {
  if (Names.empty())
    return;
  llvm::outs() << "    " << Label << ":";
  for (const rules::NamePattern &N : Names)
    llvm::outs() << " " << N.text();
  llvm::outs() << "\n";
}

static int runExplain(const std::string &Id) {
  std::optional<rules::RuleSet> Set = effectiveRules();
  if (!Set)
    return ExitFailure;
  const rules::RuleInfo *R = Set->rule(Id);
  if (!R)
    return fail("unknown rule id '" + Id + "'; 'coldstart rules list' shows them all");
  std::string_view Page = docPage(Id);
  if (!Page.empty())
    llvm::outs() << Page << (Page.back() == '\n' ? "" : "\n");
  else
    llvm::outs() << R->Id << "\n\n" << R->Summary << "\n\n" << R->Description << "\n";

  llvm::outs() << "\n## In the effective rule set\n\n"
               << "severity: " << severityText(*R) << "\n";
  for (const rules::ResourceKind &K : Set->Source.Resources) {
    if (K.Rule != Id)
      continue;
    llvm::outs() << "  resource kind '" << K.Name << "' (" << K.What << ")"
                 << (K.Enabled ? "" : " [disabled]") << "\n";
    printNames("types", K.Types);
    printNames("calls", K.Calls);
  }
  llvm::outs() << "Rule set: ";
  for (size_t I = 0; I < Set->Origins.size(); ++I)
    llvm::outs() << (I ? " + " : "") << Set->Origins[I];
  llvm::outs() << "\n";
  return ExitClean;
}

static cl::opt<std::string> ManifestName("name",
                                         cl::desc("Name of the runtime 'runtime-manifest' "
                                                  "writes (default: custom-rootfs)"),
                                         cl::value_desc("NAME"), cl::init("custom-rootfs"),
                                         cl::sub(RulesCmd), cl::cat(optionCategory()));
static cl::opt<std::string> ManifestOut("o", cl::desc("Write the manifest to FILE, not stdout"),
                                        cl::value_desc("FILE"), cl::sub(RulesCmd),
                                        cl::cat(optionCategory()));

/// `rules runtime-manifest ROOTFS`: an exact manifest from a root filesystem folder or tar.
static int runRuntimeManifest(const std::string &Rootfs) {
  if (!llvm::sys::fs::exists(Rootfs))
    return fail(Rootfs + ": no such file or folder");
  auto M = inspect::manifestFromRootfs(Rootfs, ManifestName);
  if (!M)
    return fail(llvm::toString(M.takeError()));
  std::string Header =
      "Runtime manifest written by `coldstart rules runtime-manifest` from " + Rootfs +
      ".\nExact: 'libraries' lists every shared object in the image's library folders; the\n"
      "versions are the highest GLIBC_/GLIBCXX_/CXXABI_ that libc.so.6 and libstdc++.so.6\n"
      "define (DT_VERDEF); ld-library-path is Lambda's, from the bundled manifests.\n"
      "Use it with: coldstart inspect --runtime THIS_FILE ...";
  std::string Text = rules::formatRuntimeManifest(*M, Header);
  // Check that what we write reads back.
  std::vector<rules::Diagnostic> Errors;
  if (!rules::parseRuntimeManifest(Text, ManifestName, Errors)) {
    for (const auto &D : Errors)
      llvm::errs() << D.str() << "\n";
    return fail("the manifest written from " + Rootfs + " does not read back");
  }
  auto Sink = OutputSink::open(ManifestOut);
  if (!Sink)
    return ExitFailure;
  Sink->stream() << Text;
  if (!Sink->commit())
    return ExitFailure;
  if (M->Glibc.empty())
    llvm::errs() << "coldstart: warning: " << Rootfs
                 << ": no libc.so.6 with version definitions found; 'versions.glibc' is empty\n";
  return ExitClean;
}

static int runRules() {
  if (Words.empty())
    return fail("'coldstart rules' needs an action: validate FILE, list, or explain RULE_ID");
  const std::string &Action = Words[0];
  size_t Expected = Action == "list" ? 1 : 2;
  if (Action != "validate" && Action != "list" && Action != "explain" &&
      Action != "runtime-manifest")
    return fail("unknown action '" + Action +
                "' for 'coldstart rules' (expected validate, list, explain or "
                "runtime-manifest)");
  if (Words.size() != Expected)
    return fail("'coldstart rules " + Action + "' takes " +
                (Expected == 1 ? std::string("no argument") : std::string("one argument")));
  if (Action == "validate")
    return runValidate(Words[1]);
  if (Action == "list")
    return runList();
  if (Action == "runtime-manifest")
    return runRuntimeManifest(Words[1]);
  return runExplain(Words[1]);
}

static CommandRegistration Registration(RulesCmd, runRules);
