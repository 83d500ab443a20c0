// SARIF 2.1.0 as GitHub code scanning takes it: rules in tool.driver.rules, results with
// ruleId/ruleIndex, level, message, physical locations, relatedLocations and a code flow for the
// call chain, and partialFingerprints that do not move when unrelated lines do.
#include "WriterSupport.h"
#include "coldstart/report/Writers.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include <map>
#include <optional>
#include <set>

#ifndef COLDSTART_VERSION
#error "COLDSTART_VERSION must be defined by the build"
#endif

namespace coldstart::report {

using detail::jsonString;
using llvm::json::Array;
using llvm::json::Object;

namespace {

constexpr const char *SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr const char *SrcRootId = "%SRCROOT%";
constexpr const char *FingerprintName = "coldstartFingerprint/v1";

/// Percent-encodes everything but RFC 3986 unreserved characters and '/', so that spaces, '#',
/// '%', '?', ':' and non-ASCII bytes in file names survive as one URI path.
std::string encodePath(llvm::StringRef Path) {
  std::string Out;
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || C == '-' || C == '.' || C == '_' || C == '~' || C == '/') {
      Out.push_back(static_cast<char>(C));
    } else {
      Out.push_back('%');
      Out.push_back(llvm::hexdigit(C >> 4, /*LowerCase=*/false));
      Out.push_back(llvm::hexdigit(C & 15, /*LowerCase=*/false));
    }
  }
  return Out;
}

/// Absolute, with "." and ".." removed and no trailing separator (except for "/" itself).
std::string absoluteNormalized(llvm::StringRef Path) {
  llvm::SmallString<256> S(Path);
  if (llvm::sys::fs::make_absolute(S))
    return Path.str(); // no current folder to resolve against: keep the path as given
  llvm::sys::path::remove_dots(S, /*remove_dot_dot=*/true);
  std::string Out = S.str().str();
  while (Out.size() > 1 && Out.back() == '/')
    Out.pop_back();
  return Out;
}

/// Turns the file names the passes report into SARIF artifact locations.
class UriMapper {
public:
  explicit UriMapper(const std::string &SourceRoot) {
    if (!SourceRoot.empty())
      Root = absoluteNormalized(SourceRoot);
  }

  bool hasRoot() const { return !Root.empty(); }

  /// file:///root/ for originalUriBaseIds (a base URI must end with a slash).
  std::string rootUri() const {
    std::string Dir = Root == "/" ? std::string("/") : Root + "/";
    return "file://" + encodePath(Dir);
  }

  /// The path relative to the source root when the file lies under it.
  std::optional<std::string> relativeToRoot(llvm::StringRef File) const {
    if (Root.empty() || File.empty())
      return std::nullopt;
    std::string Abs = absoluteNormalized(File);
    if (Root == "/")
      return Abs.substr(1);
    if (llvm::StringRef(Abs).starts_with(Root + "/"))
      return Abs.substr(Root.size() + 1);
    return std::nullopt;
  }

  Object artifactLocation(llvm::StringRef File) const {
    if (std::optional<std::string> Rel = relativeToRoot(File))
      return Object{{"uri", encodePath(*Rel)}, {"uriBaseId", SrcRootId}};
    if (llvm::sys::path::is_absolute(File) || hasRoot())
      return Object{{"uri", "file://" + encodePath(absoluteNormalized(File))}};
    return Object{{"uri", encodePath(File)}};
  }

  /// The file as it enters the fingerprint: independent of where the checkout lives when it is
  /// under the source root.
  std::string fingerprintPath(llvm::StringRef File) const {
    if (std::optional<std::string> Rel = relativeToRoot(File))
      return *Rel;
    return File.str();
  }

private:
  std::string Root;
};

llvm::StringRef level(Severity S) {
  return detail::severityName(S);
}

/// "coldstart-client-in-handler" -> "ClientInHandler": the rule's name as SARIF viewers show it.
std::string ruleName(llvm::StringRef Id) {
  Id.consume_front("coldstart-");
  std::string Out;
  bool Upper = true;
  for (char C : Id) {
    if (C == '-' || C == '_') {
      Upper = true;
      continue;
    }
    Out.push_back(Upper ? llvm::toUpper(C) : C);
    Upper = false;
  }
  return Out;
}

bool isAbsoluteUri(llvm::StringRef U) {
  size_t Colon = U.find("://");
  if (Colon == llvm::StringRef::npos || Colon == 0)
    return false;
  return llvm::all_of(U.take_front(Colon),
                      [](char C) { return llvm::isAlnum(C) || C == '+' || C == '-' || C == '.'; });
}

Object textMessage(llvm::StringRef Text) {
  return Object{{"text", jsonString(Text)}};
}

Object describedRule(const rules::RuleInfo &Info) {
  std::string Short = Info.Summary.empty() ? Info.Id : Info.Summary;
  std::string Full = Info.Description.empty() ? Short : Info.Description;
  std::string HelpText = Short;
  std::string HelpMarkdown = "**" + Short + "**";
  if (!Info.Description.empty()) {
    HelpText += "\n\n" + Info.Description;
    HelpMarkdown += "\n\n" + Info.Description;
  }
  if (!Info.HelpUri.empty()) {
    HelpText += "\n\nDocumentation: " + Info.HelpUri;
    if (isAbsoluteUri(Info.HelpUri))
      HelpMarkdown += "\n\n[Documentation](" + Info.HelpUri + ")";
    else
      HelpMarkdown += "\n\nDocumentation: `" + Info.HelpUri + "`";
  }

  Object Config{{"level", level(Info.DefaultSeverity)}};
  if (!Info.Enabled)
    Config["enabled"] = false;

  // SARIF requires tags to be unique.
  std::vector<std::string> TagNames = {"performance", "aws-lambda"};
  for (const std::string &T : {Info.Pass, Info.Category})
    if (!T.empty() && llvm::find(TagNames, T) == TagNames.end())
      TagNames.push_back(T);
  Array Tags;
  for (const std::string &T : TagNames)
    Tags.push_back(jsonString(T));
  Object Props{{"tags", std::move(Tags)}};
  if (!Info.Category.empty())
    Props["category"] = jsonString(Info.Category);

  Object Rule{
      {"id", jsonString(Info.Id)},
      {"name", jsonString(ruleName(Info.Id))},
      {"shortDescription", textMessage(Short)},
      {"fullDescription", textMessage(Full)},
      {"help", Object{{"text", jsonString(HelpText)}, {"markdown", jsonString(HelpMarkdown)}}},
      {"defaultConfiguration", std::move(Config)},
      {"properties", std::move(Props)}};
  if (isAbsoluteUri(Info.HelpUri))
    Rule["helpUri"] = jsonString(Info.HelpUri);
  return Rule;
}

/// A rule a result uses that the rule set does not describe (a pass and its rule set out of
/// step). SARIF still needs an entry for ruleIndex; it says what is known and nothing more.
Object undescribedRule(const std::string &Id, Severity Level) {
  std::string Text = "Rule " + Id + " is not described by the rule set in use.";
  return Object{{"id", jsonString(Id)},
                {"name", jsonString(ruleName(Id))},
                {"shortDescription", textMessage(Text)},
                {"fullDescription", textMessage(Text)},
                {"help", Object{{"text", jsonString(Text)}, {"markdown", jsonString(Text)}}},
                {"defaultConfiguration", Object{{"level", level(Level)}}},
                {"properties", Object{{"tags", Array{"performance", "aws-lambda"}}}}};
}

Object region(const Location &L) {
  Object R{{"startLine", static_cast<int64_t>(L.Line)}};
  if (L.Column != 0)
    R["startColumn"] = static_cast<int64_t>(L.Column);
  unsigned EndLine = L.EndLine >= L.Line ? L.EndLine : L.Line;
  R["endLine"] = static_cast<int64_t>(EndLine);
  // endColumn is exclusive and, on the start line, must not precede the start column.
  if (L.EndColumn != 0 && (EndLine > L.Line || L.EndColumn >= L.Column))
    R["endColumn"] = static_cast<int64_t>(L.EndColumn);
  return R;
}

/// A SARIF location; source locations carry a region, artifact paths only the artifact.
Object location(const UriMapper &Uris, const Location &L) {
  Object Out;
  if (L.File.empty())
    return Out;
  Object Physical{{"artifactLocation", Uris.artifactLocation(L.File)}};
  if (L.Line != 0)
    Physical["region"] = region(L);
  Out["physicalLocation"] = std::move(Physical);
  return Out;
}

std::string fingerprintIdentity(const UriMapper &Uris, const Finding &F) {
  std::string Key = F.FingerprintKey.empty() ? F.Message : F.FingerprintKey;
  std::string Identity;
  for (const std::string &Part : {F.Rule, Uris.fingerprintPath(F.Where.File), F.Handler, Key}) {
    Identity += Part;
    Identity.push_back('\0');
  }
  return Identity;
}

Object result(const UriMapper &Uris, const Finding &F, size_t RuleIndex,
              const std::string &Fingerprint) {
  Object Res{{"ruleId", jsonString(F.Rule)},
             {"ruleIndex", static_cast<int64_t>(RuleIndex)},
             {"level", level(F.Level)},
             {"message", textMessage(F.Message)}};

  Object Loc = location(Uris, F.Where);
  if (!Loc.empty())
    Res["locations"] = Array{Object(Loc)};

  if (!F.Trace.empty()) {
    Array Related;
    Array FlowSteps;
    for (size_t I = 0; I != F.Trace.size(); ++I) {
      const TraceStep &Step = F.Trace[I];
      Object Rel = location(Uris, Step.Where);
      Rel["id"] = static_cast<int64_t>(I);
      Rel["message"] = textMessage(Step.Note);
      Object FlowLoc = location(Uris, Step.Where);
      FlowLoc["message"] = textMessage(Step.Note);
      FlowSteps.push_back(Object{{"location", std::move(FlowLoc)}});
      Related.push_back(std::move(Rel));
    }
    Object Site = std::move(Loc);
    Site["message"] = textMessage(F.Message);
    FlowSteps.push_back(Object{{"location", std::move(Site)}});
    Res["relatedLocations"] = std::move(Related);
    Res["codeFlows"] =
        Array{Object{{"threadFlows", Array{Object{{"locations", std::move(FlowSteps)}}}}}};
  }

  Res["partialFingerprints"] = Object{{FingerprintName, Fingerprint}};

  Object Props;
  if (!F.Category.empty())
    Props["category"] = jsonString(F.Category);
  if (!F.Handler.empty())
    Props["handler"] = jsonString(F.Handler);
  if (!F.FixHint.empty())
    Props["fix"] = jsonString(F.FixHint);
  if (!Props.empty())
    Res["properties"] = std::move(Props);
  return Res;
}

} // namespace

void writeSarif(const Report &R, const rules::RuleSet &Rules, llvm::raw_ostream &OS,
                const std::string &SourceRoot) {
  const std::vector<Finding> Findings = detail::sortedFindings(R.Findings);
  const UriMapper Uris(SourceRoot);

  // The rules of the pass that ran, plus any other rule a result uses, in id order.
  std::string Pass = R.Command == "lint" ? "source" : R.Command == "inspect" ? "artifact" : "";
  std::set<std::string> Ids;
  for (const auto &[Id, Info] : Rules.Rules)
    if (Pass.empty() || Info.Pass == Pass)
      Ids.insert(Id);
  std::map<std::string, Severity> Undescribed;
  for (const Finding &F : Findings) {
    Ids.insert(F.Rule);
    if (!Rules.Rules.count(F.Rule))
      Undescribed.emplace(F.Rule, F.Level);
  }
  Array RuleArray;
  std::map<std::string, size_t> RuleIndex;
  for (const std::string &Id : Ids) {
    RuleIndex[Id] = RuleArray.size();
    auto It = Rules.Rules.find(Id);
    RuleArray.push_back(It != Rules.Rules.end() ? describedRule(It->second)
                                                : undescribedRule(Id, Undescribed[Id]));
  }

  Array Results;
  std::map<std::string, unsigned> Occurrences;
  for (const Finding &F : Findings) {
    std::string Identity = fingerprintIdentity(Uris, F);
    unsigned Occurrence = Occurrences[Identity]++;
    std::string Hashed = Identity + std::to_string(Occurrence);
    std::string Fingerprint;
    llvm::raw_string_ostream(Fingerprint)
        << llvm::format_hex_no_prefix(llvm::xxh3_64bits(Hashed), 16);
    Results.push_back(result(Uris, F, RuleIndex[F.Rule], Fingerprint));
  }

  Object Driver{{"name", "coldstart"},
                {"version", COLDSTART_VERSION},
                {"semanticVersion", COLDSTART_VERSION},
                {"rules", std::move(RuleArray)}};
#ifdef COLDSTART_HOMEPAGE_URL
  if (isAbsoluteUri(COLDSTART_HOMEPAGE_URL))
    Driver["informationUri"] = COLDSTART_HOMEPAGE_URL;
#endif

  Array Notifications;
  for (const std::string &Note : R.RunNotes)
    Notifications.push_back(Object{{"level", "note"}, {"message", textMessage(Note)}});
  Object Invocation{{"executionSuccessful", true}};
  if (!Notifications.empty())
    Invocation["toolExecutionNotifications"] = std::move(Notifications);

  Object Run{{"tool", Object{{"driver", std::move(Driver)}}},
             {"invocations", Array{std::move(Invocation)}},
             {"results", std::move(Results)}};
  if (Uris.hasRoot())
    Run["originalUriBaseIds"] = Object{{SrcRootId, Object{{"uri", Uris.rootUri()}}}};
  Object RunProps;
  if (!R.Command.empty())
    RunProps["command"] = jsonString(R.Command);
  if (!Rules.Origins.empty()) {
    Array Origins;
    for (const std::string &O : Rules.Origins)
      Origins.push_back(jsonString(O));
    RunProps["ruleSetOrigins"] = std::move(Origins);
  }
  if (!RunProps.empty())
    Run["properties"] = std::move(RunProps);

  // $schema and version first, as readers of SARIF expect; llvm::json sorts the keys of
  // everything below.
  std::string Text;
  llvm::raw_string_ostream Printed(Text);
  llvm::json::OStream J(Printed, 2);
  J.object([&] {
    J.attribute("$schema", SchemaUri);
    J.attribute("version", "2.1.0");
    J.attributeArray("runs", [&] { J.value(std::move(Run)); });
  });
  OS << detail::withShortestNumbers(Text) << '\n';
}

} // namespace coldstart::report
